import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { axeViolations } from './browser'
import path from 'node:path'
import { shot, shots, signedIn, useDemoServer } from './demo-server'

useDemoServer()

/** The demo's newest account: one meeting without a duration, nothing else (too little for a band). */
const newestAccount = (page: Page) =>
  page.evaluate(async () => {
    const r = await fetch('/api/v1/accounts?sort=-createdAt&limit=1').then((x) => x.json())
    return r.data[0] as { id: string; name: string }
  })

describe('health on thin evidence, the model editor and alert ages (issue 18.3, 18.10)', () => {
  for (const [locale, w] of [
    [
      'en-US',
      {
        title: 'Not enough data',
        missing: ['Feature usage %', 'Issues & negative feedback (30 d)', 'NPS'],
        share: 'Data needed for a band (% of weight)',
        curve: ['From value', 'Score at from value', 'To value', 'Score at to value'],
        age: /^(just now|\d+ (minute|hour|day|month)s?)$/,
      },
    ],
    [
      'zh-CN',
      {
        title: '数据不足',
        missing: ['功能使用率 %', '问题与负面反馈（30 天）', 'NPS 净推荐值'],
        share: '评定等级所需数据（权重 %）',
        curve: ['起点数值', '起点得分', '终点数值', '终点得分'],
        age: /^(刚刚|\d+ (分钟|小时|天|个月))$/,
      },
    ],
  ] as const) {
    it(`shows "not enough data" with the missing inputs instead of 0 at risk (${locale})`, async () => {
      for (const viewport of [
        { width: 1440, height: 900 },
        { width: 390, height: 844 },
      ]) {
        const { ctx, page } = await signedIn('admin@demo.openkam.local', { locale, viewport })
        const acc = await newestAccount(page)
        await page.goto(`${page.url().replace(/\/[^/]*$/, '')}/accounts/${acc.id}`)
        const panel = page.getByTestId('health-insufficient')
        await panel.waitFor({ timeout: 20_000 })
        const text = await panel.innerText()
        expect(text).toContain(w.title)
        for (const m of w.missing) expect(text).toContain(m)
        expect(text).toMatch(/30%/)
        // The header's badge says the same, not "not scored yet".
        await expect.poll(() => page.getByTestId('account-health-badge').innerText()).toContain(w.title)
        await panel.scrollIntoViewIfNeeded()
        await shot(page, `health-insufficient-${locale}-${viewport.width}`)
        await page
          .locator('#account-health')
          .screenshot({ path: path.join(shots, `health-insufficient-panel-${locale}-${viewport.width}.png`) })
        await ctx.close()
      }
    })

    it(`counts such accounts apart on the health board (${locale})`, async () => {
      const { ctx, page } = await signedIn('admin@demo.openkam.local', { locale })
      await page.goto(`${new URL(page.url()).origin}/health`)
      const card = page.getByTestId('health-band-insufficient_data')
      await card.waitFor({ timeout: 20_000 })
      expect(await card.innerText()).toContain(w.title)
      expect(Number((await card.innerText()).match(/\d+/)?.[0])).toBeGreaterThanOrEqual(1)
      await shot(page, `health-board-${locale}`)
      await ctx.close()
    })

    it(`labels every input of the health-model editor, the minimum share too (${locale})`, async () => {
      const { ctx, page } = await signedIn('admin@demo.openkam.local', { locale })
      await page.goto(`${new URL(page.url()).origin}/settings/health-models`)
      const row = page.locator('.ant-table-row').first()
      await row.waitFor({ timeout: 20_000 })
      await row.locator('td').first().click()
      const drawer = page.getByRole('dialog')
      await drawer.waitFor()
      // The share is shown in percent: the default 50%.
      expect(await drawer.getByLabel(w.share, { exact: true }).inputValue()).toBe('50')
      // Each curve input has a visible label and the same accessible name (the default model has three curves).
      for (const name of w.curve) {
        await expect.poll(() => drawer.getByLabel(name, { exact: true }).count()).toBeGreaterThanOrEqual(3)
        expect(await drawer.locator('label', { hasText: name }).count()).toBeGreaterThanOrEqual(3)
      }
      // No input without a name.
      const unnamed = await drawer.evaluate((root) =>
        [...root.querySelectorAll('input')]
          .filter((i) => i.type !== 'hidden')
          .filter((i) => {
            const byFor = i.id && root.querySelector(`label[for="${CSS.escape(i.id)}"]`)
            return !(i.getAttribute('aria-label') || i.getAttribute('aria-labelledby') || byFor)
          })
          .map((i) => i.outerHTML.slice(0, 120)),
      )
      expect(unnamed).toEqual([])
      expect(await axeViolations(page)).toEqual([])
      await shot(page, `health-model-editor-${locale}`)
      await ctx.close()
    })

    it(`gives alerts believable ages in words, not "0h" (${locale})`, async () => {
      const { ctx, page } = await signedIn('admin@demo.openkam.local', { locale })
      await page.goto(`${new URL(page.url()).origin}/alerts`)
      const rows = page.locator('.ant-table-row')
      await rows.first().waitFor({ timeout: 20_000 })
      const ages = await page.getByTestId('alert-age').allInnerTexts()
      expect(ages.length).toBeGreaterThanOrEqual(3)
      for (const a of ages) expect(a).toMatch(w.age)
      expect(new Set(ages).size).toBeGreaterThanOrEqual(3)
      await shot(page, `alerts-ages-${locale}`)
      await ctx.close()
    })
  }
})
