// The page walk of issue 18.4: every page of the app in one language, failing on what a person should
// never read — an id, a translation key, a code instead of its label, or words of the other language.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { findUserInWorkspace, grantOperator } from '../apps/server/src/modules/users'
import { base, runtime, signedIn } from './demo-server'

/**
 * Accessible names the component library writes in English whatever the locale (antd's table selection,
 * number steppers, segmented control and clear button) — not ours to translate; listed so that nothing
 * else slips through.
 */
const LIBRARY_STRINGS =
  /^(Increase Value|Decrease Value|segmented control|Select all|Custom selection|Select row \d+|Row \d+ selected|Clear)$/

/** Words and abbreviations that are the same in both languages (product names, units, file types). */
const SHARED_WORDS = new Set(
  [
    'OpenKAM',
    'Ctrl',
    'K',
    'NPS',
    'ARR',
    'AUC',
    'GRR',
    'NRR',
    'KPI',
    'CSV',
    'Excel',
    'PNG',
    'API',
    'CNY',
    'USD',
    'EUR',
    'HKD',
    'SLA',
    'ICP',
    'CSM',
    'CRM',
    'ROI',
    'ERP',
    'SMTP',
    'URL',
    'ID',
    // Time zone names and the finance systems' product names, as their own consoles write them.
    'IANA',
    'Cloud',
    'WebAPI',
    'YonBIP',
    // The SMS providers' own console terms, used as they are in their Chinese consoles.
    'AccessKey',
    'Secret',
    'SecretId',
    'SecretKey',
    'RAM',
    'CAM',
    'CODE',
    'SMS',
    'SDK',
    'AppID',
    'PDF',
    'Webhook',
    'HMAC',
    'SHA',
    'JSON',
    'HTTP',
    'HTTPS',
    'POST',
    'AM',
    'PM',
    'Q1',
    'Q2',
    'Q3',
    'Q4',
    'B2B',
    'SaaS',
    'IT',
    'AI',
    'ML',
    'VIP',
    'CEO',
    'CFO',
    'CTO',
    'CIO',
    'COO',
    'VP',
    'HR',
    'QBR',
    'POC',
    'MQL',
    'SQL',
    'BANT',
    'MEDDIC',
    'cron',
    'SOP',
    'UTC',
    'BI',
    'IP',
    'EN',
    'SAP',
    'Oracle',
    // Key names.
    'Tab',
    'Enter',
    'Esc',
    'Shift',
    'Alt',
  ].map((w) => w.toLowerCase()),
)

export type Finding = { page: string; kind: string; text: string }

/**
 * What the page shows that it should not: the visible text of the page (and its placeholders, titles
 * and accessible names), outside code samples, inputs the person typed into and parts marked
 * `data-walk-exempt` (the language switch names each language in its own words).
 */
export async function findingsOn(page: Page, lang: 'en' | 'zh-CN'): Promise<Finding[]> {
  const texts = await page.evaluate(() => {
    const skip = (el: Element | null) =>
      !!el?.closest(
        'code, pre, kbd, textarea, [data-walk-exempt], .ant-select-selection-search, script, style',
      )
    const out: string[] = []
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement
      if (!el || skip(el)) continue
      const style = getComputedStyle(el)
      if (style.display === 'none' || style.visibility === 'hidden') continue
      const v = n.textContent?.trim()
      if (v) out.push(v)
    }
    for (const el of document.querySelectorAll('[placeholder], [title], [aria-label]')) {
      // Icons are named by antd after their glyph; charts describe themselves through ECharts.
      if (skip(el) || el.matches('.anticon, [role=img], [_echarts_instance_]')) continue
      for (const a of ['placeholder', 'title', 'aria-label']) {
        const v = el.getAttribute(a)?.trim()
        if (v) out.push(v)
      }
    }
    return out
  })
  const url = page.url().replace(base, '')
  const found: Finding[] = []
  const add = (kind: string, text: string) => {
    if (!found.some((f) => f.kind === kind && f.text === text)) found.push({ page: url, kind, text })
  }
  for (const raw of texts) {
    if (LIBRARY_STRINGS.test(raw)) continue
    // E-mail addresses, web addresses and file names are data, not keys.
    // Record numbers (CT-30066) and the template variables of task titles ({{account.name}}) are shown on purpose.
    const text = raw
      .replace(/\b[A-Z]{1,5}-\d+\b/g, ' ')
      .replace(/\{\{[\w.]+\}\}/g, ' ')
      .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, ' ')
      .replace(/\bhttps?:\/\/\S+/g, ' ')
      .replace(/\b[\w-]+(\.[\w-]+)*\.(com|cn|net|org|io|local|test|example|csv|xlsx|png|pdf|json)\b/gi, ' ')
    if (/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i.test(text)) add('id', raw)
    const key = /\b[a-z][a-zA-Z0-9]*\.[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+)*\b/.exec(text)
    if (key && /[A-Z]|\..*\./.test(key[0])) add('translation key', raw)
    if (/\b[a-z]+(_[a-z0-9]+)+\b/.test(text)) add('code', raw)
    if (/\b[a-z]+:[a-z_]+(:[a-z_]+)+\b/.test(text)) add('code', raw)
    if (/[{}]{2}|\bundefined\b|\bnull\b|\bNaN\b|\[object Object\]/.test(text)) add('placeholder', raw)
    if (lang === 'en') {
      if (/[\u3400-\u9fff\u3000-\u303f\uff01-\uff5e]/.test(text)) add('other language', raw)
    } else {
      const words = text.match(/[A-Za-z][A-Za-z']+/g) ?? []
      const foreign = words.filter((w) => !SHARED_WORDS.has(w.toLowerCase()))
      if (foreign.length) add('other language', raw)
    }
  }
  return found
}

/** Waits until the page's data has loaded: no skeleton or spinner left, then a moment for charts. */
export async function settled(page: Page) {
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined)
  await noLoadingLeft(page)
  await page.waitForTimeout(300)
}

async function noLoadingLeft(page: Page) {
  await page
    .locator('.ant-skeleton, .ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', timeout: 15_000 })
    .catch(() => undefined)
}

/** Counts the app's requests in flight; installed before the app's own scripts run. */
function trackFetches() {
  const w = window as unknown as { fetch: typeof fetch; __inflight: number }
  w.__inflight = 0
  const original = w.fetch.bind(w)
  w.fetch = (...args: Parameters<typeof fetch>) => {
    w.__inflight++
    return original(...args).finally(() => w.__inflight--)
  }
}

/**
 * Opens a page of the app the way a click on a link does (the router, no reload of the app), and waits
 * until its requests have been answered for 200 ms, nothing is loading and it has painted. Much quicker
 * than a reload followed by "no network for 500 ms" for each of the walk's ninety-odd pages.
 */
async function openInApp(page: Page, path: string) {
  await page.evaluate((p) => {
    window.history.pushState(null, '', p)
    window.dispatchEvent(new PopStateEvent('popstate'))
  }, path)
  await page.waitForFunction(
    () => new Promise<boolean>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))),
  )
  await page.waitForFunction(
    () => {
      const w = window as unknown as { __inflight: number; __quiet?: number }
      if (w.__inflight > 0) {
        w.__quiet = undefined
        return false
      }
      w.__quiet ??= performance.now()
      return performance.now() - w.__quiet > 200
    },
    undefined,
    { polling: 50, timeout: 15_000 },
  )
  await page.evaluate(() => {
    ;(window as unknown as { __quiet?: number }).__quiet = undefined
  })
  await noLoadingLeft(page)
  await page.waitForTimeout(100)
}

/** The app's pages: every navigation entry, every settings tab and tabbed page, and one record of each kind. */
export async function pagesToWalk(page: Page): Promise<string[]> {
  const first = (path: string) =>
    page.evaluate(async (p) => {
      const r = await fetch(`/api/v1/${p}`).then((x) => x.json())
      return (r.data?.[0]?.id as string | undefined) ?? null
    }, path)
  const objects = await page.evaluate(async () => {
    const r = await fetch('/api/v1/objects').then((x) => x.json())
    return (r.data as { key: string; builtIn: boolean }[]).filter((o) => !o.builtIn).map((o) => o.key)
  })
  const pages = [
    '/',
    '/inbox',
    '/approvals',
    '/accounts',
    '/contacts',
    '/qualification',
    '/tiers',
    '/health',
    '/alerts',
    '/leads',
    '/pipeline',
    '/activities',
    '/tasks',
    '/quotes',
    '/orders',
    '/contracts',
    '/invoices',
    '/payments',
    '/marketing-touches',
    '/handoffs',
    '/renewals',
    '/ticket-queue',
    '/tickets',
    '/surveys',
    '/dashboards',
    '/reports',
    '/reports?tab=forecast',
    '/reports?tab=funnel',
    '/reports?tab=durations',
    '/reports?tab=winLoss',
    '/reports?tab=approvals',
    '/reports?tab=gaps',
    '/insight?tab=clusters',
    '/insight?tab=cohorts',
    '/insight?tab=churn',
    '/insight?tab=expansion',
    '/reports/builder',
    '/reports/saved',
  ]
  for (const tab of [
    'workspace',
    'workspaces',
    'users',
    'teams',
    'roles',
    'custom-fields',
    'objects',
    'form-layouts',
    'template',
    'automation',
    'approvals',
    'ticket-routing',
    'playbooks',
    'alert-rules',
    'pipelines',
    'health-models',
    'icp',
    'decision-map-playbook',
    'tiers',
    'service-levels',
    'north-star',
    'effort-costs',
    'lead-scoring',
    'api-tokens',
    'import-history',
    'channels',
    'integrations',
    'my-notifications',
    'audit-log',
  ])
    pages.push(`/settings/${tab}`)
  const account = await first('accounts?healthBand=at_risk&limit=1')
  if (account) {
    for (const tab of [
      'overview',
      'decision-map',
      'timeline',
      'opportunities',
      'commerce',
      'tickets',
      'marketing',
      'tasks',
      'alerts',
    ])
      pages.push(`/accounts/${account}?tab=${tab}`)
    pages.push(`/accounts/${account}/value-report`)
  }
  for (const c of [
    'contacts',
    'opportunities',
    'contracts',
    'invoices',
    'tickets',
    'tasks',
    'leads',
    'activities',
  ]) {
    const id = await first(`${c}?limit=1`)
    if (id) pages.push(`/${c}/${id}`)
  }
  for (const [c, path] of [
    ['handoffs', 'handoffs'],
    ['dashboards', 'dashboards'],
    ['approvals', 'approvals'],
  ] as const) {
    const id = await first(`${c}?limit=1`)
    if (id) pages.push(`/${path}/${id}`)
  }
  for (const key of objects) {
    pages.push(`/objects/${key}`)
    const id = await first(`objects/${key}/records?limit=1`)
    if (id) pages.push(`/objects/${key}/${id}`)
  }
  return pages
}

/**
 * The walk as a test: every page for the administrator, in the demo workspace's own language — the
 * English one on a phone (390×844), where no page may scroll sideways as a whole.
 */
export function walkEveryPage(lang: 'en' | 'zh-CN') {
  const en = lang === 'en'
  describe(`every page in ${en ? 'English, on a phone' : 'Chinese'}`, () => {
    it(`shows no id, translation key, code or ${en ? 'Chinese character, and fits the phone' : 'English word'}`, async () => {
      // Settings → Workspaces is an instance operator's (ADR 0025): the demo's administrator is made one here.
      const db = runtime().database.db
      const admin = (await findUserInWorkspace(db, 'demo', 'admin@demo.openkam.local'))!
      await grantOperator(db, admin.workspaceId, admin.userId)
      const { page, ctx } = await signedIn('admin@demo.openkam.local', {
        locale: en ? 'en-US' : 'zh-CN',
        ...(en ? { viewport: { width: 390, height: 844 } } : {}),
      })
      const found: Finding[] = []
      await page.addInitScript(trackFetches)
      await page.goto(`${base}/`)
      await settled(page)
      const pages = await pagesToWalk(page)
      const seen = new Set<string>()
      for (const path of pages) {
        await openInApp(page, path)
        // Each page shows its own content (the router really went there): its address and its text.
        const at = await page.evaluate(() => window.location.pathname + window.location.search)
        expect(at).toBe(path)
        seen.add(await page.evaluate(() => document.body.innerText))
        found.push(...(await findingsOn(page, lang)))
        if (en) {
          const width = await page.evaluate(() => document.scrollingElement!.scrollWidth)
          if (width > 390) found.push({ page: path, kind: 'wider than the phone', text: `${width} px` })
        }
      }
      await ctx.close()
      expect(seen.size).toBeGreaterThan(pages.length * 0.9)
      if (process.env.WALK_REPORT) console.log(JSON.stringify(found, null, 1))
      expect(found).toEqual([])
    }, 900_000)
  })
}
