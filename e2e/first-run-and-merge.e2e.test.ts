import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext } from 'playwright-core'
import { loadConfig } from '../apps/server/src/core/config'
import { startRuntime, type Runtime } from '../apps/server/src/runtime'
import { buildApp } from '../apps/server/src/app'
import type { App } from '../apps/server/src/core/http/server'
import { base, browser, consoleErrors, shot, shots, signedIn, useDemoServer } from './demo-server'

// The demo server (for duplicates, merge and roles) and, for the first run, a second empty one.
useDemoServer()

const admin = 'admin@demo.openkam.local'
const desktop = { width: 1440, height: 900 }
const phone = { width: 390, height: 844 }

let emptyRt: Runtime | undefined
let emptyApp: App | undefined
let emptyBase = ''
beforeAll(async () => {
  emptyRt = await startRuntime(loadConfig({ OPENKAM_DATA_DIR: 'memory://', OPENKAM_LOG_LEVEL: 'silent' }), {
    role: 'embedded',
    demo: false,
  })
  emptyApp = await buildApp(emptyRt, { logger: false })
  emptyBase = await emptyApp.listen({ port: 0, host: '127.0.0.1' })
}, 120_000)
afterAll(async () => {
  await emptyApp?.close()
  await emptyRt?.stop()
})

describe('first run', () => {
  it('shows the setup screen on an empty installation, creates the workspace and signs the administrator in', async () => {
    const ctx: BrowserContext = await browser.newContext({
      locale: 'zh-CN',
      viewport: phone,
      reducedMotion: 'reduce',
    })
    const page = await ctx.newPage()
    await page.goto(emptyBase)
    await page.getByRole('heading', { name: '初始化 OpenKAM' }).waitFor()
    // No demo here: the sign-in page's demo login must not be offered.
    expect(await page.getByText('admin@demo.openkam.local').count()).toBe(0)
    await shot(page, 'first-run-setup-390-zh')
    await page.getByLabel('工作空间名称').fill('南京燃气大客户部')
    await page.getByLabel('您的姓名').fill('王芳')
    await page.getByLabel('邮箱').fill('wang.fang@example.com')
    await page.getByLabel('密码', { exact: true }).fill('short')
    await page.getByLabel('再次输入密码').fill('short')
    await page.getByRole('button', { name: '创建工作空间并登录' }).click()
    await page.getByText('至少 8 个字符。').first().waitFor()
    await page.getByLabel('密码', { exact: true }).fill('first-admin-pw')
    await page.getByLabel('再次输入密码').fill('first-admin-pw')
    await page.getByRole('button', { name: '创建工作空间并登录' }).click()
    await page.getByRole('navigation').first().waitFor({ state: 'attached', timeout: 60_000 })
    const me = await page.evaluate(() => fetch('/api/v1/auth/me').then((r) => r.json()))
    expect(me).toMatchObject({ name: '王芳', roles: ['admin'], workspace: { name: '南京燃气大客户部' } })
    await shot(page, 'first-run-home-390-zh')
    // Signed out, the same installation now shows the sign-in page (still without the demo hint).
    await ctx.clearCookies()
    await page.goto(emptyBase)
    await page.getByRole('button', { name: '登 录' }).waitFor()
    expect(await page.getByText('初始化 OpenKAM').count()).toBe(0)
    expect(await page.getByText('admin@demo.openkam.local').count()).toBe(0)
    await ctx.close()
  }, 120_000)

  it('shows the demo login on the demo installation', async () => {
    const ctx = await browser.newContext({ locale: 'en-US', viewport: desktop, reducedMotion: 'reduce' })
    const page = await ctx.newPage()
    await page.goto(base)
    await page.getByText('Demo: admin@demo.openkam.local / openkam-demo').waitFor()
    expect(await page.getByText('Set up OpenKAM').count()).toBe(0)
    await ctx.close()
  })
})

describe('duplicates and merge', () => {
  it('warns when an account that exists is created again, offers to open it, and merges two accounts', async () => {
    const { ctx, page } = await signedIn(admin, { viewport: desktop })
    const existing = await page.evaluate(() =>
      fetch('/api/v1/accounts?limit=1&sort=name')
        .then((r) => r.json())
        .then((b) => b.data[0] as { id: string; name: string }),
    )
    await page.goto(`${base}/accounts`)
    await page.getByRole('button', { name: 'New' }).first().click()
    await page.getByRole('dialog').getByLabel('Name', { exact: true }).fill(`  ${existing.name} `)
    await page.getByRole('button', { name: 'Save' }).click()
    const dialog = page.getByRole('dialog', { name: 'This account may exist already' })
    await dialog.waitFor()
    await dialog.getByText('Near-identical name').waitFor()
    await shot(page, 'duplicate-warning-1440-en')
    await dialog.getByRole('button', { name: 'Open' }).click()
    await page.waitForURL(`**/accounts/${existing.id}`)

    // Make a twin on purpose ("save anyway" path via the API), then merge it from the account page's Merge… action.
    const twin = await page.evaluate(
      (name) =>
        fetch('/api/v1/accounts', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: `${name}（分公司）`, region: 'east' }),
        }).then((r) => r.json()),
      existing.name,
    )
    await page.evaluate(
      (id) =>
        fetch('/api/v1/contacts', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ accountId: id, name: 'Twin contact' }),
        }),
      twin.id,
    )
    await page.goto(`${base}/accounts/${twin.id}`)
    await page.getByTestId('account-merge').click()
    const merge = page.getByRole('dialog', { name: 'Merge two accounts' })
    await merge.getByLabel('Merge with').click()
    await page.keyboard.type(existing.name.slice(0, 4))
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: existing.name })
      .first()
      .click()
    await merge.getByLabel(existing.name, { exact: true }).check()
    await page.screenshot({ path: path.join(shots, 'merge-dialog-1440-en.png') })
    await merge.getByRole('button', { name: 'Merge', exact: true }).click()
    await page.waitForURL(`**/accounts/${existing.id}`)
    const contacts = await page.evaluate(
      (id) => fetch(`/api/v1/contacts?accountId=${id}&limit=200`).then((r) => r.json()),
      existing.id,
    )
    expect(contacts.data.map((c: { name: string }) => c.name)).toContain('Twin contact')
    expect((await ctx.request.get(`${base}/api/v1/accounts/${twin.id}`)).status()).toBe(404)
    await ctx.close()
  }, 120_000)
})

describe('duplicate contacts', () => {
  it('warns when a contact with an e-mail that exists is added to another account, opens it, or saves anyway', async () => {
    const { ctx, page } = await signedIn(admin, { viewport: desktop, locale: 'zh-CN' })
    const { known, other } = await page.evaluate(async () => {
      const contacts = (await fetch('/api/v1/contacts?limit=200&sort=name').then((r) => r.json())).data as {
        id: string
        name: string
        email: string | null
        accountId: string
      }[]
      const known = contacts.find((c) => c.email)!
      const accounts = (await fetch('/api/v1/accounts?limit=50').then((r) => r.json())).data as {
        id: string
      }[]
      return { known, other: accounts.find((a) => a.id !== known.accountId)! }
    })
    // A contact added on another account's page, with the known e-mail in other letters' case.
    const add = async () => {
      await page.goto(`${base}/accounts/${other.id}`)
      await page.getByRole('button', { name: '添加联系人' }).click()
      const form = page.getByRole('dialog', { name: '添加联系人' })
      await form.getByLabel('名称', { exact: true }).fill('周明')
      await form.getByLabel('邮箱', { exact: true }).fill(known.email!.toUpperCase())
      await form.getByRole('button', { name: '保 存' }).click()
      const warning = page.getByRole('dialog', { name: '该联系人可能已存在' })
      await warning.waitFor()
      await warning.getByText('邮箱相同').waitFor()
      await warning.getByText(known.name, { exact: true }).waitFor()
      return warning
    }
    const warning = await add()
    await shot(page, 'duplicate-contact-1440-zh')
    await warning.getByRole('button', { name: '打 开' }).click()
    await page.waitForURL(`**/contacts/${known.id}`)

    // The person may still save: the second contact is made on the other account.
    const again = await add()
    await again.getByTestId('save-anyway').click()
    await again.waitFor({ state: 'hidden' })
    await expect
      .poll(() =>
        page.evaluate(
          (id) =>
            fetch(`/api/v1/contacts?accountId=${id}&limit=200`)
              .then((r) => r.json())
              .then((b) => b.data.filter((c: { name: string }) => c.name === '周明').length),
          other.id,
        ),
      )
      .toBe(1)
    await ctx.close()
  }, 120_000)
})

describe('role editor', () => {
  it('copies a built-in role, edits its grid in words, and saves it', async () => {
    const { ctx, page } = await signedIn(admin, { viewport: desktop, locale: 'zh-CN' })
    await page.goto(`${base}/settings/roles`)
    const row = page.getByRole('row').filter({ hasText: '客户经理' }).first()
    await row.waitFor()
    // Resources in words, never their keys.
    expect(await page.getByText('alert-rules').count()).toBe(0)
    expect(await page.getByText('health_overrides').count()).toBe(0)
    await row.getByRole('button', { name: '复 制' }).click()
    const drawer = page.getByRole('dialog')
    await drawer.getByLabel('标识').fill('key_account_lead')
    await drawer.getByLabel('名称').fill('大客户负责人')
    await drawer.getByLabel('客户 · 查看', { exact: true }).click()
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: '全部' })
      .click()
    // The window, not the whole page: the editor is a drawer over it.
    await page.screenshot({ path: path.join(shots, 'role-editor-1440-zh.png') })
    await drawer.getByRole('button', { name: '保 存' }).click()
    await page.getByRole('row').filter({ hasText: '大客户负责人' }).waitFor()
    const role = await page.evaluate(() =>
      fetch('/api/v1/roles?key=key_account_lead')
        .then((r) => r.json())
        .then((b) => b.data[0]),
    )
    expect(role.permissions.accounts.read).toBe('all')
    expect(role.builtin).toBe(false)
    const narrow = await signedIn(admin, { viewport: phone, locale: 'zh-CN' })
    await narrow.page.goto(`${base}/settings/roles`)
    await narrow.page.getByRole('row').filter({ hasText: '大客户负责人' }).waitFor()
    await shot(narrow.page, 'roles-390-zh')
    await narrow.ctx.close()
    await ctx.close()
  }, 120_000)

  it('logged no console errors on the pages of these journeys', () => {
    // Home ("/"), where every signed-in page starts, is another journey's; these check accounts and settings.
    expect(consoleErrors.filter((e) => !e.endsWith(`@ ${base}/`))).toEqual([])
  })
})
