import { describe, expect, it } from 'vitest'
import { axeViolations } from './browser'
import { base, consoleErrors, shot, signedIn, useDemoServer } from './demo-server'

useDemoServer()

describe('Settings → API tokens', () => {
  it('a salesperson makes a token that may write accounts and read contacts; it works inside and is refused outside', async () => {
    const { ctx, page } = await signedIn('chen.jie@demo.openkam.local')
    await page.goto(`${base}/settings/api-tokens`)
    await page.getByRole('button', { name: 'New API token' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Token name', { exact: true }).fill('ERP sync')
    await dialog.getByText('Only some objects').click()
    // The first row: Accounts, read and write.
    await dialog.getByLabel('Object', { exact: true }).first().click()
    await page.locator('.ant-select-dropdown:visible').getByText('Accounts', { exact: true }).click()
    await dialog.getByText('Read and write').first().click()
    // A second row: Contacts, read only (the default).
    await dialog.getByRole('button', { name: 'Add an object' }).click()
    await dialog.getByLabel('Object', { exact: true }).nth(1).click()
    await page.locator('.ant-select-dropdown:visible').getByText('Contacts', { exact: true }).click()
    // The table behind the dialog (a plain-text scroll region) is the settings page's, not this editor's.
    expect(await axeViolations(page, { exclude: ['.ant-table-content'] })).toEqual([])
    await shot(page, 'api-tokens-01-scope-editor')
    await dialog.getByRole('button', { name: 'Create' }).click()

    // The secret, once.
    const secretBox = page.getByRole('dialog').getByLabel('API token')
    await secretBox.waitFor()
    const secret = await secretBox.inputValue()
    expect(secret).toMatch(/^okt_/)
    await page.getByRole('button', { name: 'I have copied it' }).click()

    // The list shows the scopes and "never" used, and nowhere the secret.
    const row = page.getByRole('row', { name: /ERP sync/ })
    await row.getByText('Accounts · read & write').waitFor()
    await row.getByText('Contacts · read').waitFor()
    // "Never" used, and no expiry ("Never" too).
    expect(await row.getByText('Never', { exact: true }).count()).toBe(2)
    expect(await page.content()).not.toContain(secret)
    await shot(page, 'api-tokens-02-list')

    // The token as a script would use it.
    const call = (method: string, url: string, body?: unknown) =>
      fetch(`${base}${url}`, {
        method,
        headers: {
          authorization: `Bearer ${secret}`,
          'content-type': 'application/json',
          'accept-language': 'en',
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      })
    expect((await call('GET', '/api/v1/accounts?limit=5')).status).toBe(200)
    const refused = await call('POST', '/api/v1/contacts', { name: 'x' })
    expect(refused.status).toBe(403)
    expect((await refused.json()).detail).toBe('This token may only read and write accounts; read contacts')
    await page.reload()
    await row.getByText('Contacts · read').waitFor()
    expect(await row.getByText('Never', { exact: true }).count()).toBe(1)
    await ctx.close()

    // On a phone the table scrolls sideways inside its card and the editor fits.
    const phone = await signedIn('chen.jie@demo.openkam.local', { viewport: { width: 390, height: 844 } })
    await phone.page.goto(`${base}/settings/api-tokens`)
    await phone.page.getByRole('row', { name: /ERP sync/ }).waitFor()
    await shot(phone.page, 'api-tokens-03-phone-list')
    await phone.page.getByRole('button', { name: 'New API token' }).click()
    await phone.page.getByRole('dialog').getByText('Only some objects').click()
    await shot(phone.page, 'api-tokens-04-phone-editor')
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)
    expect(overflow).toBe(false)
    await phone.ctx.close()
    expect(consoleErrors).toEqual([])
  })
})
