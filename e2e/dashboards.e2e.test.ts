import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { axeViolations } from './browser'
import { base, consoleErrors, shot, signedIn as signIn, useDemoServer } from './demo-server'

useDemoServer()
/** A signed-in page in a fresh context (English); console errors are collected and must stay empty. */
const signedIn = (email: string) => signIn(email, { downloads: true })

type DataAnswer = { widgets: { id: string; result?: { rows: unknown[][] }; error?: string }[] }
/** The sum of a report widget's measure over its rows (tiers), from a dashboard data answer. */
const total = (d: DataAnswer) => (d.widgets[0]?.result?.rows ?? []).reduce((n, r) => n + Number(r[1] ?? 0), 0)

/** Clicks across the chart's lower part until a bar answers with the drill-down drawer. */
async function clickABar(page: Page, chart: Locator) {
  const box = (await chart.boundingBox())!
  for (const y of [0.85, 0.75])
    for (let x = box.x + 30; x < box.x + box.width - 10; x += 10) {
      await page.mouse.click(x, box.y + box.height * y)
      if (await page.locator('.ant-drawer-open').isVisible()) return
    }
  throw new Error('no bar of the chart opened the drill-down')
}

describe('dashboards in the browser', () => {
  it("an administrator puts a bar chart of the accounts' ARR by tier on a new dashboard, filters it by owner, drills into a bar, exports the data and sees the north star", async () => {
    const { page } = await signedIn('admin@demo.openkam.local')

    // The saved report is made through the API (the builder has its own journey).
    const reportName = `ARR by tier ${Date.now()}`
    const report = await page.evaluate(
      (name) =>
        fetch('/api/v1/reports', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            name,
            object: 'accounts',
            groupBy: [{ field: 'tier' }],
            measures: [{ fn: 'sum', field: 'annualSpend' }],
            chart: { type: 'bar' },
          }),
        }).then((r) => r.json()),
      reportName,
    )
    expect(report.id, JSON.stringify(report)).toBeTruthy()

    // A new dashboard from the list; it opens in edit mode.
    await page.getByRole('menuitem', { name: 'Dashboards' }).click()
    await page.getByRole('heading', { name: 'Dashboards', level: 1 }).waitFor()
    await page.locator('.ant-table-row').first().waitFor()
    expect(await axeViolations(page)).toEqual([])
    const dashboardName = `Key accounts ${Date.now()}`
    await page.getByRole('button', { name: 'New dashboard' }).click()
    const create = page.getByRole('dialog', { name: 'New dashboard' })
    await create.getByLabel('Name').fill(dashboardName)
    await create.getByRole('button', { name: 'Create' }).click()
    await page.getByRole('heading', { name: dashboardName }).waitFor()
    expect(page.url()).toMatch(/\/dashboards\/[0-9a-f-]{36}\?edit=1$/)
    const dashboardId = /dashboards\/([0-9a-f-]{36})/.exec(page.url())![1]!
    await page.getByText('This dashboard has no widgets yet.').waitFor()

    // Add the saved report as a widget.
    await page.getByRole('button', { name: 'Add widget' }).first().click()
    const add = page.getByRole('dialog', { name: 'Add a widget' })
    await add.getByRole('combobox', { name: 'Report' }).click()
    await page.keyboard.type(reportName)
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${reportName}"]`).click()
    const firstData = page.waitForResponse((r) => r.url().includes(`/dashboards/${dashboardId}/data`))
    await add.getByRole('button', { name: 'Add widget' }).click()
    await add.waitFor({ state: 'hidden' })
    const widget = page.getByRole('article', { name: reportName })
    await widget.waitFor()
    const all = (await (await firstData).json()) as DataAnswer
    expect(all.widgets[0]?.error).toBeUndefined()
    expect(total(all)).toBeGreaterThan(0)
    const chart = widget.getByRole('img', { name: /Annual spend/ })
    await chart.waitFor()

    // One step wider from the widget's menu (the keyboard's way to resize): saved with its version.
    await widget.getByRole('button', { name: `Actions of ${reportName}` }).click()
    await page.getByRole('menuitem', { name: 'Wider' }).click()
    await expect
      .poll(() => page.evaluate((id) => fetch(`/api/v1/dashboards/${id}`).then((r) => r.json()), dashboardId))
      .toMatchObject({ widgets: [{ reportId: report.id, w: 7 }] })
    // Changed elsewhere meanwhile: the next change is refused (409), the dashboard reloads and says so.
    const renamed = `${dashboardName} (renamed)`
    await page.evaluate(
      async ({ id, name }) => {
        const d = await fetch(`/api/v1/dashboards/${id}`).then((r) => r.json())
        await fetch(`/api/v1/dashboards/${id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name, version: d.version }),
        })
      },
      { id: dashboardId, name: renamed },
    )
    await widget.getByRole('button', { name: `Actions of ${reportName}` }).click()
    await page.getByRole('menuitem', { name: 'Narrower' }).click()
    await page
      .locator('.ant-message')
      .getByText(/Someone else changed this dashboard meanwhile/)
      .waitFor()
    await page.getByRole('heading', { name: renamed }).waitFor()
    await page.getByRole('button', { name: 'Done' }).click()
    await page.getByRole('button', { name: 'Edit layout' }).waitFor()

    // The north-star strip: each metric against its target.
    const strip = page.getByRole('region', { name: 'North-star metrics' })
    await strip.getByRole('listitem').first().waitFor()
    await strip
      .getByText(/Target /)
      .first()
      .waitFor()
    expect(await axeViolations(page)).toEqual([])
    await shot(page, 'dashboards-01-widget')

    // Filtered by an owner of accounts: the widget answers with less, and the URL keeps the filter.
    const owner = await page.evaluate(async () => {
      const accounts = await fetch('/api/v1/accounts?limit=1&sort=-annualSpend').then((r) => r.json())
      const ownerId = accounts.data[0].ownerId as string
      const user = await fetch(`/api/v1/users/${ownerId}`).then((r) => r.json())
      return { id: ownerId, name: user.name as string }
    })
    const filtered = page.waitForResponse((r) => r.url().includes(`/data?ownerId=${owner.id}`))
    await page.getByRole('combobox', { name: 'Owner' }).click()
    await page.keyboard.type(owner.name)
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${owner.name}"]`).click()
    const mine = (await (await filtered).json()) as DataAnswer
    expect(total(mine)).toBeGreaterThan(0)
    expect(total(mine)).toBeLessThan(total(all))
    expect(new URL(page.url()).searchParams.get('ownerId')).toBe(owner.id)
    await chart.waitFor()
    await page.waitForTimeout(800)

    // A bar drills into exactly the owner's accounts of that tier.
    await clickABar(page, chart)
    const drawer = page.locator('.ant-drawer-open')
    await drawer.getByText(/^Records behind (Strategic|Growth|Essential)$/).waitFor()
    const rows = drawer.locator('.ant-table-row')
    await rows.first().waitFor()
    const links = await rows.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
    expect(links.length).toBeGreaterThan(0)
    const owners = await page.evaluate(
      (hrefs) =>
        Promise.all(
          hrefs.map((h) =>
            fetch(`/api/v1${h}`)
              .then((r) => r.json())
              .then((a) => a.ownerId as string),
          ),
        ),
      links as string[],
    )
    expect(new Set(owners)).toEqual(new Set([owner.id]))
    expect(await axeViolations(page)).toEqual([])
    await shot(page, 'dashboards-02-drill-down')
    await drawer.getByRole('button', { name: 'Close' }).click()
    await drawer.waitFor({ state: 'hidden' })

    // The widget's data as CSV: what the widget shows, tiers by their labels.
    await widget.getByRole('button', { name: `Actions of ${reportName}` }).click()
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('menuitem', { name: 'Export data (CSV)' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/\.csv$/)
    const csv = fs.readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '')
    const lines = csv.trim().split(/\r?\n/)
    expect(lines[0]).toMatch(/^Tier,/)
    const sum = lines.slice(1).reduce((n, l) => n + Number(l.split(',').at(-1)), 0)
    expect(sum).toBeCloseTo(total(mine), 0)

    // A weekly e-mail summary: subscribed, sent now (or told why not), deleted.
    await page.getByRole('button', { name: 'Subscribe' }).click()
    const subs = page.getByRole('dialog', { name: `Subscriptions to ${renamed}` })
    await subs.getByText('You have no subscriptions to this dashboard.').waitFor()
    await subs.getByRole('button', { name: 'Subscribe' }).click()
    await subs.getByText('Weekly (Mondays) · 08:00').waitFor()
    expect(await axeViolations(page)).toEqual([])
    await subs.getByRole('button', { name: 'Send now: the E-mail summary' }).click()
    await page
      .locator('.ant-message')
      .getByText(/^Sent$|^Nothing was sent: /)
      .waitFor()
    await subs.getByRole('button', { name: 'Delete the E-mail subscription' }).click()
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Delete' }).click()
    await subs.getByText('You have no subscriptions to this dashboard.').waitFor()
    await subs.getByRole('button', { name: 'Close' }).last().click()
    await subs.waitFor({ state: 'hidden' })

    // Reloaded, the filter is still there.
    await page.reload()
    await page.getByRole('heading', { name: renamed }).waitFor()
    await page.getByRole('search', { name: 'Dashboard filters' }).getByText(owner.name).waitFor()

    // Settings → North star: the administrator adds the win rate with its target; the strip shows it.
    await page.goto(`${base}/settings/north-star`)
    await page.getByText(/^Choose up to six metrics/).waitFor()
    await page.getByRole('button', { name: 'Add a metric' }).click()
    const n = await page.getByRole('combobox', { name: /^Metric \d+$/ }).count()
    await page.getByRole('combobox', { name: `Metric ${n}` }).click()
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="Win rate"]').click()
    await page.getByRole('spinbutton', { name: `Target ${n}` }).fill('30')
    expect(await axeViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Save' }).click()
    await page.locator('.ant-message').getByText('North-star metrics saved').waitFor()
    await shot(page, 'dashboards-03-north-star-settings')
    await page.getByRole('menuitem', { name: 'Home' }).click()
    await page.getByRole('region', { name: 'North-star metrics' }).getByText('Win rate').waitFor()
    // The only failed request is the refused change (the browser logs the 409).
    expect(consoleErrors.filter((e) => !e.includes('status of 409'))).toEqual([])
    expect(consoleErrors.filter((e) => e.includes('status of 409'))).toHaveLength(1)
  }, 240_000)
})
