import { describe, expect, it } from 'vitest'
import { base, shot, signedIn, useDemoServer } from './demo-server'

useDemoServer()

describe('Settings → Integrations', () => {
  it('shows the finance connector not configured, and refuses to enable it without credentials', async () => {
    const { ctx, page } = await signedIn('admin@demo.openkam.local')
    await page.goto(`${base}/settings/integrations`)
    await page.getByText('No finance system is connected yet.', { exact: false }).waitFor()
    await page.getByText('Not configured').first().waitFor()
    expect(await page.getByText('not set', { exact: true }).count()).toBe(1)
    await page.getByLabel('Address').fill('https://erp.example.com/k3cloud/')
    await page.getByRole('switch').click()
    await page.getByRole('button', { name: 'Save' }).click()
    // The server speaks the language the app shows (the demo's people's own is Chinese).
    await page
      .getByText(/Enter the credentials before enabling the connector/)
      .first()
      .waitFor()
    await shot(page, 'integrations-01-not-configured')
    // Nothing was saved.
    const s = await page.evaluate(() => fetch('/api/v1/integrations/finance').then((r) => r.json()))
    expect(s).toMatchObject({ configured: false, credentials: 'not_set', enabled: false })
    await ctx.close()
  }, 120_000)

  it('reads in Chinese on a phone', async () => {
    const { ctx, page } = await signedIn('admin@demo.openkam.local', {
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
    })
    await page.goto(`${base}/settings/integrations`)
    await page.getByText('尚未连接财务系统', { exact: false }).waitFor()
    await page.getByText('应用密钥').waitFor()
    await shot(page, 'integrations-02-phone-zh')
    await ctx.close()
  }, 120_000)
})
