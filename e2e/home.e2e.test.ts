import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { axeViolations } from './browser'
import { consoleErrors, shot, signedIn, useDemoServer } from './demo-server'

useDemoServer()

type Locale = 'en-US' | 'zh-CN'
const words = {
  'en-US': {
    company: 'The company at a glance',
    team: 'My team at a glance',
    byOwner: 'Open pipeline by owner',
    atRisk: 'Largest accounts at risk',
    renewals: 'Renewals due in the next 90 days',
    handoffs: 'Overdue handoffs',
    tasks: 'My tasks due',
    alerts: 'My open alerts',
    lookedAfter: /^The \d+ accounts I look after$/,
    northStar: 'North-star metrics',
    weakest: 'Weakest health first',
    csmRenewals: 'Their renewals in the next 90 days',
    tickets: 'My open tickets',
  },
  'zh-CN': {
    company: '全公司概览',
    team: '我的团队概览',
    byOwner: '按负责人的在途商机',
    atRisk: '金额最大的风险客户',
    renewals: '未来 90 天到期的续约',
    handoffs: '逾期交接',
    tasks: '我的待办任务',
    alerts: '我的未处理预警',
    lookedAfter: /^我负责的 \d+ 个客户$/,
    northStar: '北极星指标',
    weakest: '健康度最低的客户',
    csmRenewals: '这些客户 90 天内的续约',
    tickets: '我的未结工单',
  },
}

/** The items of a Home list (by its accessible name), once loaded. */
async function items(page: Page, name: string) {
  const list = page.getByRole('list', { name, exact: true })
  await list.locator('li').first().waitFor({ timeout: 20_000 })
  return list.locator('li').allInnerTexts()
}

/** What the same person's API says: the owners of the open pipeline they can see. */
const apiOwners = (page: Page) =>
  page.evaluate(async () => {
    const r = await fetch('/api/v1/reports/run', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        object: 'opportunities',
        filters: [{ field: 'status', op: 'eq', value: 'open' }],
        groupBy: [{ field: 'ownerId' }],
        measures: [{ fn: 'sum', field: 'amount', key: 'amount' }],
      }),
    }).then((x) => x.json())
    return (r.rows as unknown[][]).length
  })

describe.each(['en-US', 'zh-CN'] as const)('Home by role (%s)', (locale: Locale) => {
  const w = words[locale]

  it('an executive sees the company: at-risk spend, pipeline by every owner, renewals and overdue handoffs', async () => {
    const { page, ctx } = await signedIn('ceo@demo.openkam.local', { locale })
    await page.getByRole('heading', { name: w.company }).waitFor()
    const owners = await items(page, w.byOwner)
    expect(owners.length).toBe(await apiOwners(page))
    expect(owners.length).toBeGreaterThanOrEqual(4)
    expect((await items(page, w.atRisk)).length).toBeGreaterThan(0)
    expect((await items(page, w.renewals)).length).toBeGreaterThan(0)
    expect((await items(page, w.handoffs)).length).toBeGreaterThan(0)
    // Each overdue handoff names its account and salesperson once they loaded, never an id or "…".
    await expect
      .poll(async () => (await items(page, w.handoffs)).join(' '), { timeout: 15_000 })
      .not.toMatch(/…|[0-9a-f]{8}-/)
    // Every KPI shows a figure, not a placeholder.
    for (const kpi of await page.locator('.ant-statistic-content-value').allInnerTexts())
      expect(kpi).toMatch(/\d/)
    // The north-star strip is filled: a card per metric the workspace set, each with its figure, measured.
    const metrics = await page.evaluate(() =>
      fetch('/api/v1/north-star/progress')
        .then((r) => r.json())
        .then((b) => (b.metrics as { key: string }[]).length),
    )
    expect(metrics).toBeGreaterThan(0)
    const northStar = page.getByRole('region', { name: w.northStar })
    const cards = northStar.getByRole('listitem')
    await cards.first().waitFor()
    expect(await cards.count()).toBe(metrics)
    for (const value of await northStar.locator('.north-star-value').allInnerTexts())
      expect(value).toMatch(/\d/)
    expect(await northStar.locator('.north-star-card:not([data-status="no_data"])').count()).toBeGreaterThan(
      0,
    )
    await shot(page, `home-executive-${locale}`)
    const violations = await axeViolations(page)
    expect(violations, violations.join('\n')).toEqual([])
    await ctx.close()
  }, 120_000)

  it("a sales manager sees their team's figures, fewer owners than the company", async () => {
    const { page, ctx } = await signedIn('zhou.min@demo.openkam.local', { locale })
    await page.getByRole('heading', { name: w.team }).waitFor()
    expect(await page.getByRole('heading', { name: w.company }).count()).toBe(0)
    const owners = await items(page, w.byOwner)
    expect(owners.length).toBe(await apiOwners(page))
    expect(owners.length).toBeGreaterThanOrEqual(2)
    expect((await items(page, w.atRisk)).length).toBeGreaterThan(0)
    // Their own work stays below the team's figures.
    expect((await items(page, w.tasks)).length).toBeGreaterThan(0)
    await shot(page, `home-manager-${locale}`)
    await ctx.close()
  })

  it('a customer-success manager sees the accounts they look after, weakest first, their renewals and tickets', async () => {
    const { page, ctx } = await signedIn('gao.ling@demo.openkam.local', { locale })
    await page.getByRole('heading', { name: w.lookedAfter }).waitFor()
    const weakest = await items(page, w.weakest)
    expect(weakest.length).toBeGreaterThan(0)
    const scores = weakest.map((x) => Number(/(\d+)/.exec(x.split('\n').slice(-2).join(' '))?.[1]))
    expect(scores).toEqual([...scores].sort((a, b) => a - b))
    expect((await items(page, w.csmRenewals)).length).toBeGreaterThan(0)
    expect((await items(page, w.tickets)).length).toBeGreaterThan(0)
    // She also leads the demo's Customer Service team (its ticket routing), so her team's view is there too.
    expect(await page.getByRole('heading', { name: w.team }).count()).toBe(1)
    await shot(page, `home-csm-${locale}`)
    await ctx.close()
  })

  it('a salesperson sees their own tasks and alerts, no team figures, and nothing overflows on a phone', async () => {
    const { page, ctx } = await signedIn('chen.jie@demo.openkam.local', {
      locale,
      viewport: { width: 390, height: 844 },
    })
    expect((await items(page, w.tasks)).length).toBeGreaterThan(0)
    expect((await items(page, w.alerts)).length).toBeGreaterThan(0)
    expect(await page.getByRole('heading', { name: w.team }).count()).toBe(0)
    expect(await page.getByRole('heading', { name: w.company }).count()).toBe(0)
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390)
    await shot(page, `home-sales-phone-${locale}`)
    await ctx.close()
  })
})

describe('the app shell', () => {
  it('keeps Reports and Settings in view at 1440×900 and opens the menu from the top bar on a phone', async () => {
    const { page, ctx } = await signedIn('admin@demo.openkam.local')
    for (const name of ['Reports', 'Dashboards', 'Settings']) {
      const box = (await page.getByRole('menuitem', { name: new RegExp(`${name}$`) }).boundingBox())!
      expect(box.y + box.height, name).toBeLessThanOrEqual(900)
    }
    await ctx.close()
    const phone = await signedIn('admin@demo.openkam.local', { viewport: { width: 390, height: 844 } })
    const p = phone.page
    // No rail takes width from the page: the content starts at the left edge.
    const main = (await p.locator('.topbar').boundingBox())!
    expect(main.x).toBe(0)
    await p.getByRole('button', { name: 'Open the menu' }).click()
    await p.getByRole('menuitem', { name: /Reports$/ }).click()
    await p.waitForURL(/\/reports$/)
    // Choosing an entry closes the menu again.
    await p.getByRole('button', { name: 'Open the menu' }).waitFor()
    await phone.ctx.close()
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([])
  })

  it('lists its keyboard shortcuts and keeps them: ? help, N new, J / K next and previous, E edit, Ctrl+S save, G H home, on records and on accounts', async () => {
    const { page, ctx } = await signedIn('admin@demo.openkam.local')
    await page.keyboard.press('Shift+?')
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await help.getByText('Next record of the list').waitFor()
    await page.keyboard.press('Escape')
    await help.waitFor({ state: 'hidden' })

    await page.goto(`${page.url().split('/').slice(0, 3).join('/')}/contacts`)
    // Each row's own link (a row may also link the contact it reports to).
    const rowLink = (i: number) =>
      page.locator('.ant-table-row').nth(i).locator('a[href^="/contacts/"]').first()
    await rowLink(1).waitFor()
    const [first, second] = [await rowLink(0).getAttribute('href'), await rowLink(1).getAttribute('href')]
    const firstName = (await rowLink(0).innerText()).trim()
    await page.keyboard.press('n')
    await page.getByRole('dialog').waitFor()
    await page.keyboard.press('Escape')
    await page.getByRole('dialog').waitFor({ state: 'hidden' })
    await rowLink(0).click()
    await page.waitForURL(`**${first}`)
    // The record page itself (its Edit button), not the list still shown while the page loads.
    await page.getByRole('button', { name: 'Edit', exact: true }).waitFor()
    await page.keyboard.press('j')
    await page.waitForURL(`**${second}`)
    await page.getByRole('button', { name: 'Edit', exact: true }).waitFor()
    // K back to the first record (pressing again there changes nothing: it has no previous one).
    await expect
      .poll(
        async () => {
          await page.keyboard.press('k')
          return new URL(page.url()).pathname
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(first)
    // The first record's own page (its heading), not the second's still shown while it loads.
    await page.getByRole('heading', { name: firstName }).waitFor()
    await page.getByRole('button', { name: 'Edit', exact: true }).waitFor()
    // E opens the form (pressed again only if the page had not taken the key yet); Ctrl+S saves and closes it.
    const form = page.getByRole('dialog')
    await expect
      .poll(
        async () => {
          if (!(await form.isVisible())) await page.keyboard.press('e')
          return form.isVisible()
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe(true)
    await page.keyboard.press('Control+s')
    await form.waitFor({ state: 'hidden' })
    // G then H goes home (pressed again only if the page had not taken the keys yet, the form just closing).
    await expect
      .poll(
        async () => {
          if (new URL(page.url()).pathname !== '/') {
            await page.keyboard.press('g')
            await page.keyboard.press('h')
          }
          return new URL(page.url()).pathname
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe('/')

    // The account's 360° page keeps the same keys: G A to the accounts, J / K through them, E to edit.
    await expect
      .poll(
        async () => {
          if (new URL(page.url()).pathname !== '/accounts') {
            await page.keyboard.press('g')
            await page.keyboard.press('a')
          }
          return new URL(page.url()).pathname
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe('/accounts')
    const accountLink = (i: number) =>
      page.locator('.ant-table-row').nth(i).locator('a[href^="/accounts/"]').first()
    await accountLink(1).waitFor()
    const accounts = [await accountLink(0).getAttribute('href'), await accountLink(1).getAttribute('href')]
    const accountNames = [
      (await accountLink(0).innerText()).trim(),
      (await accountLink(1).innerText()).trim(),
    ]
    await accountLink(0).click()
    await page.waitForURL(`**${accounts[0]}`)
    const accountPage = (i: number) =>
      page.getByRole('heading', { level: 1, name: accountNames[i], exact: true }).waitFor()
    await accountPage(0)
    await page.keyboard.press('j')
    await page.waitForURL(`**${accounts[1]}`)
    await accountPage(1)
    await expect
      .poll(
        async () => {
          await page.keyboard.press('k')
          return new URL(page.url()).pathname
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(accounts[0])
    await accountPage(0)
    const accountForm = page.getByRole('dialog')
    await expect
      .poll(
        async () => {
          if (!(await accountForm.isVisible())) await page.keyboard.press('e')
          return accountForm.isVisible()
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe(true)
    // The form edits this account: its name field holds the account's name.
    await expect
      .poll(() => accountForm.getByLabel('Name', { exact: true }).inputValue())
      .toBe(accountNames[0])
    await page.keyboard.press('Escape')
    await accountForm.waitFor({ state: 'hidden' })
    await ctx.close()
    expect(consoleErrors, consoleErrors.join('\n')).toEqual([])
  })
})
