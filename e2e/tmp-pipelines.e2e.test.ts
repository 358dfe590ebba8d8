import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { loadConfig } from '../apps/server/src/core/config'
import { startRuntime, type Runtime } from '../apps/server/src/runtime'
import { buildApp } from '../apps/server/src/app'
import type { App } from '../apps/server/src/core/http/server'
import { axeViolations, launchBrowser } from './browser'
let rt: Runtime, app: App, browser: Browser, base = ''
beforeAll(async () => {
  rt = await startRuntime(loadConfig({ OPENKAM_DATA_DIR: 'memory://', OPENKAM_LOG_LEVEL: 'silent' }), { role: 'embedded', demo: true, lang: 'en' })
  app = await buildApp(rt, { logger: false })
  base = await app.listen({ port: 0, host: '127.0.0.1' })
  browser = await launchBrowser()
}, 180_000)
afterAll(async () => { await browser?.close(); await app?.close(); await rt?.stop() })
it('pipelines tab', async () => {
  const errors: string[] = []
  const ctx = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 }, bypassCSP: true })
  const page = await ctx.newPage()
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(base)
  await page.getByLabel('E-mail').fill('admin@demo.openkam.local')
  await page.getByLabel('Password').fill('openkam-demo')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('navigation').waitFor()
  await page.goto(`${base}/settings/pipelines`)
  await page.getByText('Stage 1').waitFor()
  console.log('AXE', JSON.stringify(await axeViolations(page)))
  await page.getByRole('button', { name: 'Move the stage down' }).first().click()
  await page.getByRole('button', { name: 'Add a task' }).first().click()
  await page.getByLabel('Task title').last().fill('Check {{account.name}}')
  await page.getByRole('button', { name: 'Save' }).click()
  await page.getByText('saved').first().waitFor()
  const p = await page.evaluate(() => fetch('/api/v1/pipelines').then((r) => r.json()))
  console.log('STAGES', JSON.stringify(p.data[0].stages.map((s: any) => [s.key, s.tasks.length])))
  await page.screenshot({ path: 'test-results/tmp-pipelines.png', fullPage: false })
  await ctx.close()
  console.log('ERRORS', JSON.stringify(errors))
  expect(errors).toEqual([])
}, 120_000)
