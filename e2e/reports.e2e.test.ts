import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { axeViolations } from './browser'
import { base, consoleErrors, shot, signedIn as signIn, useDemoServer } from './demo-server'

useDemoServer()
/** A signed-in page in a fresh context (English); console errors are collected and must stay empty. */
const signedIn = (email: string) => signIn(email, { downloads: true })

/** Opens an antd select and picks the option titled `option` (typing first when the select searches). */
async function choose(page: Page, select: Locator, option: string, search = false) {
  await select.click()
  if (search) await page.keyboard.type(option)
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click()
}

/** Clicks across the chart's lower part until a bar answers with the drill-down drawer. */
async function clickABar(page: Page, chart: Locator) {
  const box = (await chart.boundingBox())!
  for (let x = box.x + 30; x < box.x + box.width - 10; x += 12) {
    await page.mouse.click(x, box.y + box.height * 0.8)
    if (await page.getByRole('dialog').isVisible()) return
  }
  throw new Error('no bar of the chart opened the drill-down')
}

describe('the report builder in the browser', () => {
  it("a manager builds a bar chart of the accounts' ARR by tier, drills into a bar, exports the data as CSV and saves the report", async () => {
    const { page } = await signedIn('admin@demo.openkam.local')

    // From the reports page to the builder.
    await page.goto(`${base}/reports`)
    await page.getByRole('button', { name: 'Report builder' }).click()
    await page.getByRole('heading', { name: 'Report builder' }).waitFor()
    await page.getByText('Choose an object to start building a report.').waitFor()

    // Accounts, grouped by tier, the sum of the annual spend (ARR), as bars.
    await choose(page, page.getByRole('combobox', { name: 'Object' }), 'Accounts', true)
    await page.getByRole('button', { name: 'Add a grouping' }).click()
    await choose(page, page.getByRole('combobox', { name: 'Field' }).first(), 'Tier', true)
    await choose(page, page.getByRole('combobox', { name: 'Function' }), 'Sum')
    await choose(page, page.getByRole('combobox', { name: 'Field' }).nth(1), 'Annual spend', true)

    const chart = page.getByRole('img', { name: /^Bar: .*Annual spend/ })
    await chart.waitFor()
    await page.locator('.report-canvas canvas').waitFor()
    // The same figures as a table, each tier by its label.
    await page.getByRole('tab', { name: 'Rows' }).click()
    const table = page.locator('.rb-preview .ant-table')
    for (const tier of ['Strategic', 'Growth', 'Essential'])
      await table.getByText(tier, { exact: true }).waitFor()
    expect(await axeViolations(page)).toEqual([])
    await page.getByRole('tab', { name: 'Chart' }).click()
    await chart.waitFor()
    await shot(page, 'reports-01-bar-chart')

    // A click on a bar lists exactly the records behind it, each linking to its account.
    await clickABar(page, chart)
    const drawer = page.getByRole('dialog')
    await drawer.getByText(/^Records behind (Strategic|Growth|Essential)$/).waitFor()
    const rows = drawer.locator('.ant-table-row')
    await rows.first().waitFor()
    expect(await rows.count()).toBeGreaterThan(0)
    expect(await rows.first().getByRole('link').getAttribute('href')).toMatch(/^\/accounts\//)
    await drawer.getByText(/records? shown/).waitFor()
    expect(await axeViolations(page)).toEqual([])
    await shot(page, 'reports-02-drill-down')
    await drawer.getByRole('button', { name: 'Close' }).click()
    await drawer.waitFor({ state: 'hidden' })

    // The data as CSV: the tier labels and the sums.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/\.csv$/)
    const csv = fs.readFileSync((await download.path())!, 'utf8')
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    const lines = csv.slice(1).trim().split('\r\n')
    expect(lines[0]).toBe('Tier,Sum · Annual spend')
    for (const tier of ['Strategic', 'Growth', 'Essential'])
      expect(
        lines.some((l) => new RegExp(`^${tier},\\d+(\\.\\d+)?$`).test(l)),
        csv,
      ).toBe(true)

    // Saved under a name; the saved reports list shows it and opens it again.
    const name = `ARR by tier ${Date.now()}`
    await page.getByRole('button', { name: /^(save )?Save$/ }).click()
    const dialog = page.getByRole('dialog', { name: 'Save the report' })
    await dialog.getByLabel('Name').fill(name)
    await dialog.getByRole('button', { name: 'Save' }).click()
    await page.getByRole('heading', { name }).waitFor()
    expect(page.url()).toMatch(/\/reports\/builder\/[0-9a-f-]{36}$/)

    await page.getByRole('button', { name: 'Saved reports' }).click()
    const row = page.locator('.ant-table-row', { hasText: name })
    await row.waitFor()
    await row.getByText('Accounts').waitFor()
    await row.getByText('Bar', { exact: true }).waitFor()
    expect(await axeViolations(page)).toEqual([])
    await shot(page, 'reports-03-saved')
    await row.getByRole('link', { name }).click()
    await page.getByRole('heading', { name }).waitFor()
    await page.getByRole('img', { name: /^Bar: .*Annual spend/ }).waitFor()

    expect(consoleErrors).toEqual([])
  })

  it('Home lists the salesperson’s own open alerts, each linking to its account', async () => {
    const { ctx, page } = await signedIn('chen.jie@demo.openkam.local')
    const items = page.getByRole('list', { name: 'My open alerts', exact: true }).locator('li')
    await items.first().waitFor()
    expect(await items.count()).toBeGreaterThan(0)
    await items.first().getByRole('link').click()
    await page.waitForURL(/\/accounts\//)
    await ctx.close()
    expect(consoleErrors).toEqual([])
  })
})
