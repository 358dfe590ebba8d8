import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { base, consoleErrors, shot, signedIn, useDemoServer } from './demo-server'
import { startReceiver } from '../apps/server/src/modules/notifications/test-receivers'

useDemoServer()

// The receiver stands for a WeCom group robot; it answers with a body the test result must not show.
let rx: Awaited<ReturnType<typeof startReceiver>>
beforeAll(async () => {
  rx = await startReceiver(() => ({ status: 200, body: { errcode: 0, errmsg: 'internal-answer-text' } }))
})
afterAll(() => rx?.close())

describe('Settings → Channels: where robots may send', () => {
  it('an administrator cannot point a robot at the cloud metadata address; a real one tests with status and time only', async () => {
    const { ctx, page } = await signedIn('admin@demo.openkam.local')
    await page.goto(`${base}/settings/channels`)
    await page.getByRole('button', { name: 'Add robot or webhook' }).click()
    const drawer = page.getByRole('dialog')
    await drawer.getByLabel('Name', { exact: true }).fill('Key accounts group')
    await drawer.getByLabel('URL', { exact: true }).fill('http://169.254.169.254/latest/meta-data/')
    await drawer.getByRole('button', { name: 'Save' }).click()
    // Refused under the field, in the language the app shows.
    await drawer
      .locator('.ant-form-item-explain-error')
      .getByText(/169\.254\.169\.254/)
      .waitFor()
    await shot(page, 'outbound-01-metadata-refused')

    await drawer.getByLabel('URL', { exact: true }).fill(`${rx.url}/cgi-bin/webhook/send?key=e2e`)
    await drawer.getByRole('button', { name: 'Save' }).click()
    const row = page.getByRole('row', { name: /Key accounts group/ })
    await row.waitFor()
    await row.getByRole('button', { name: 'Test' }).click()
    await row.getByText(/^Delivered · HTTP 200 · \d+ ms$/).waitFor()
    expect(rx.requests).toHaveLength(1)
    expect(await page.content()).not.toContain('internal-answer-text')
    await shot(page, 'outbound-02-tested')
    await ctx.close()

    const phone = await signedIn('admin@demo.openkam.local', { viewport: { width: 390, height: 844 } })
    await phone.page.goto(`${base}/settings/channels`)
    await phone.page.getByRole('row', { name: /Key accounts group/ }).waitFor()
    await shot(phone.page, 'outbound-03-channels-phone')
    await phone.ctx.close()

    // The one refused save is the browser's only complaint.
    expect(consoleErrors.filter((e) => !e.includes('status of 400 (Bad Request) @ '))).toEqual([])
  })
})
