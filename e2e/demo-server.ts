// The browser journeys' shared set-up: the web app (built once by e2e/global-setup.ts) on a demo workspace (zh-CN, in memory), one
// Chromium, and a signed-in page per person. Each journey file calls useDemoServer() once at its top. The demo
// is seeded once per run and language, and each file's server starts from a copy of it in a database of its own
// (apps/server/test/demo-snapshot.ts).
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { loadConfig } from '../apps/server/src/core/config'
import { startRuntime, type Runtime } from '../apps/server/src/runtime'
import { buildApp } from '../apps/server/src/app'
import type { App } from '../apps/server/src/core/http/server'
import { demoSnapshot } from '../apps/server/test/demo-snapshot'
import { launchBrowser } from './browser'

export const shots = path.resolve('test-results/e2e')
let rt: Runtime | undefined
/** The demo server's runtime (its database, for journeys that check what the app stored). */
export const runtime = (): Runtime => rt!
let app: App | undefined
/** The running server's address, once `useDemoServer`'s set-up ran. */
export let base = ''
export let browser: Browser
/** Console errors and page errors of every page `signedIn` opened. */
export const consoleErrors: string[] = []

/** Starts the demo server (a Chinese demo workspace unless `lang` says) and the browser before the file's tests, and stops them after. */
export function useDemoServer(opts: { lang?: 'zh-CN' | 'en' } = {}) {
  beforeAll(async () => {
    fs.mkdirSync(shots, { recursive: true })
    const lang = opts.lang ?? 'zh-CN'
    rt = await startRuntime(loadConfig({ OPENKAM_DATA_DIR: 'memory://', OPENKAM_LOG_LEVEL: 'silent' }), {
      role: 'embedded',
      demo: true,
      lang,
      initialData: await demoSnapshot(lang),
    })
    app = await buildApp(rt, { logger: false })
    base = await app.listen({ port: 0, host: '127.0.0.1' })
    browser = await launchBrowser()
  }, 180_000)
  afterAll(async () => {
    await browser?.close()
    await app?.close()
    await rt?.stop()
  })
}

/** A signed-in page in a fresh context (English unless `locale` says); console errors are collected. */
export async function signedIn(
  email: string,
  opts: {
    viewport?: { width: number; height: number }
    downloads?: boolean
    locale?: 'en-US' | 'zh-CN'
  } = {},
): Promise<{ ctx: BrowserContext; page: Page }> {
  const en = (opts.locale ?? 'en-US') === 'en-US'
  // bypassCSP lets the test inject axe-core; the app itself runs under its strict CSP.
  const ctx = await browser.newContext({
    locale: opts.locale ?? 'en-US',
    viewport: opts.viewport ?? { width: 1440, height: 900 },
    bypassCSP: true,
    // Transitions off (the app honours the system setting), so no check reads a colour or a size mid-animation.
    reducedMotion: 'reduce',
    ...(opts.downloads ? { acceptDownloads: true } : {}),
  })
  const page = await ctx.newPage()
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(`${m.text()} @ ${page.url()}`))
  page.on('pageerror', (e) => consoleErrors.push(`${e.message} @ ${page.url()}`))
  await page.goto(base)
  await page.getByLabel(en ? 'E-mail' : '邮箱').fill(email)
  await page.getByLabel(en ? 'Password' : '密码').fill('openkam-demo')
  await page.getByRole('button', { name: en ? 'Sign in' : '登 录' }).click()
  // The menu is attached, though hidden behind the top bar's button on a phone.
  await page.locator('nav').waitFor({ state: 'attached' })
  return { ctx, page }
}

export const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true })
