import { describe, expect, it } from 'vitest'
import { axeViolations } from './browser'
import { base, shot, signedIn, useDemoServer } from './demo-server'

useDemoServer()

describe('service levels in the browser', () => {
  it('an administrator sees the business calendar with China’s holidays, makes a Saturday a working day and saves; the tiers show both targets', async () => {
    const { page, ctx } = await signedIn('admin@demo.openkam.local')
    await page.goto(`${base}/settings/service-levels`)
    await page.getByLabel('Time zone').waitFor()
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Asia/Shanghai')
    // Monday to Friday worked, the weekend off.
    expect(
      await page.getByRole('switch', { name: 'Monday is a working day' }).getAttribute('aria-checked'),
    ).toBe('true')
    expect(
      await page.getByRole('switch', { name: 'Sunday is a working day' }).getAttribute('aria-checked'),
    ).toBe('false')
    expect(await page.getByLabel('Monday from').inputValue()).toBe('09:00')
    // The default holidays are China's (the list pages by ten).
    expect(await page.locator('input[type="date"]').first().inputValue()).toBe('2026-01-01')
    expect(await axeViolations(page)).toEqual([])
    await shot(page, 'service-levels-01-calendar')

    // A wrong time is refused with the server's words (which field, what is wrong), nothing saved.
    await page.getByLabel('Friday until').fill('08:00')
    await page.getByRole('button', { name: 'Save' }).click()
    // The server's message comes in the language the app shows, not the demo people's Chinese.
    await page.getByText(/the end must be after the start/).waitFor()
    await page.getByLabel('Friday until').fill('18:00')

    // An extra working Saturday, saved.
    await page.getByRole('button', { name: 'Add an extra working day' }).click()
    const dates = page.locator('input[type="date"]')
    await dates.last().fill('2026-12-12')
    await page.getByLabel('Name').last().fill('Stocktake')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.getByText('Business calendar saved.', { exact: false }).waitFor()
    const cal = await page.evaluate(() => fetch('/api/v1/business-calendar').then((r) => r.json()))
    expect(cal.version).toBe(2)
    expect(cal.week[4]).toEqual({ start: '09:00', end: '18:00' })
    expect(cal.workdays).toContainEqual({ date: '2026-12-12', name: 'Stocktake' })

    await page.goto(`${base}/settings/tiers`)
    await page.getByRole('columnheader', { name: 'Resolution (h)' }).waitFor()
    const resolution = page.getByLabel('Resolution (business hours)')
    expect(await resolution.count()).toBe(3)
    expect(await resolution.first().inputValue()).toBe('8')
    await shot(page, 'service-levels-02-tiers')
    await ctx.close()
  })

  it('fits a phone, in Chinese', async () => {
    const { page, ctx } = await signedIn('admin@demo.openkam.local', {
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
    })
    await page.goto(`${base}/settings/service-levels`)
    await page.getByText('添加中国法定节假日（2026–2027）').waitFor()
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390)
    await shot(page, 'service-levels-03-phone-zh')
    await ctx.close()
  })
})
