import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { loadConfig } from '../apps/server/src/core/config'
import { startRuntime, type Runtime } from '../apps/server/src/runtime'
import { buildApp } from '../apps/server/src/app'
import type { App } from '../apps/server/src/core/http/server'
// @ts-expect-error plain JS build script
import { buildWeb } from '../apps/web/scripts/build.js'
import { axeViolations, launchBrowser } from './browser'

let rt: Runtime
let app: App
let browser: Browser
let base = ''

beforeAll(async () => {
  await buildWeb()
  rt = await startRuntime(loadConfig({ OPENKAM_DATA_DIR: 'memory://', OPENKAM_LOG_LEVEL: 'silent' }), {
    role: 'embedded',
    demo: true,
    lang: 'zh-CN',
  })
  app = await buildApp(rt, { logger: false })
  base = await app.listen({ port: 0, host: '127.0.0.1' })
  browser = await launchBrowser()
}, 90_000)

afterAll(async () => {
  await browser?.close()
  await app?.close()
  await rt?.stop()
})

describe('signing in from the browser', () => {
  it('shows field errors, refuses a wrong password, then signs in and lists the demo accounts', async () => {
    // bypassCSP lets the test inject axe-core; the app itself runs under its strict CSP.
    const page = await browser.newPage({
      locale: 'en-US',
      viewport: { width: 1280, height: 800 },
      bypassCSP: true,
    })
    await page.goto(base)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect.poll(() => page.locator('#email-error').textContent()).toBe('Required')
    expect(await axeViolations(page)).toEqual([])

    await page.getByLabel('E-mail').fill('admin@demo.openkam.local')
    await page.getByLabel('Password').fill('wrong password')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect
      .poll(() => page.locator('#form-error').textContent())
      .toBe('The e-mail or password is not correct.')

    await page.getByLabel('Password').fill('openkam-demo')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.locator('#accounts tbody tr').first().waitFor()
    expect(await page.locator('#accounts tbody tr').count()).toBeGreaterThanOrEqual(10)
    expect(await page.locator('#welcome').textContent()).toMatch(/^Welcome, /)
    expect(await axeViolations(page)).toEqual([])

    // The session survives a reload (HTTP-only cookie), and the language choice is remembered.
    await page.selectOption('#lang', 'zh-CN')
    await page.reload()
    await page.locator('#accounts tbody tr').first().waitFor()
    expect(await page.locator('h2').first().textContent()).toBe('客户')
    expect(await page.locator('#accounts tbody').textContent()).toContain('华锐精密制造股份有限公司')

    await page.getByRole('button', { name: '退出登录' }).click()
    await page.getByRole('button', { name: '登录' }).waitFor()
    await page.reload()
    await page.getByRole('button', { name: '登录' }).waitFor()
    await page.close()
  }, 60_000)
})
