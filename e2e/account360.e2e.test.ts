import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { axeViolations } from './browser'
import { base, consoleErrors, shot, shots, signedIn, useDemoServer } from './demo-server'

useDemoServer()

const admin = 'admin@demo.openkam.local'
const desktop = { width: 1440, height: 900 }
const phone = { width: 390, height: 844 }

/** What the window shows (not the whole page): the fold is the point here. */
const view = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}.png`) })

/** The demo account with the largest buying committee that has decision-map gaps (the widest org chart). */
async function widestAccount(page: Page): Promise<{ id: string; name: string }> {
  return page.evaluate(async () => {
    const list = await fetch('/api/v1/accounts?limit=100').then((r) => r.json())
    let best: { id: string; name: string; n: number } | null = null
    for (const a of list.data as { id: string; name: string }[]) {
      const map = await fetch(`/api/v1/accounts/${a.id}/decision-map`).then((r) => r.json())
      if (map.gaps.length && (!best || map.contacts.length > best.n))
        best = { id: a.id, name: a.name, n: map.contacts.length }
    }
    return { id: best!.id, name: best!.name }
  })
}

const box = async (l: Locator) => (await l.boundingBox())!

/** Every card of the org chart inside the chart's window (1 px of rounding allowed). */
async function allNodesInside(page: Page) {
  const win = await box(page.locator('.org-viewport-window'))
  const nodes = await page.locator('.org-viewport-window [data-node-id]').all()
  for (const n of nodes) {
    const b = await box(n)
    if (b.x < win.x - 1 || b.y < win.y - 1) return false
    if (b.x + b.width > win.x + win.width + 1 || b.y + b.height > win.y + win.height + 1) return false
  }
  return nodes.length > 0
}

/** The leftmost card's box. */
async function leftmost(page: Page) {
  const boxes = await Promise.all(
    (await page.locator('.org-viewport-window [data-node-id]').all()).map((n) => box(n)),
  )
  return boxes.reduce((a, b) => (b.x < a.x ? b : a))
}

/** A point of the chart's window where no card is, to drag the background from. */
async function emptyPoint(page: Page) {
  return page.evaluate(() => {
    const r = document.querySelector('.org-viewport-window')!.getBoundingClientRect()
    for (let y = r.top + 6; y < r.bottom - 6; y += 12)
      for (let x = r.left + 6; x < r.right - 6; x += 12) {
        const el = document.elementFromPoint(x, y)
        if (el && !el.closest('.org-node') && el.closest('.org-viewport-window')) return { x, y }
      }
    throw new Error('no empty point in the org chart')
  })
}

const pageWidth = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth)

describe('the account 360° page', () => {
  it('at 1440×900 shows the essentials and the tabs above the fold; the gap link opens the decision map, whose org chart pans and zooms', async () => {
    const { ctx, page } = await signedIn(admin, { viewport: desktop })
    const acc = await widestAccount(page)
    await page.goto(`${base}/accounts/${acc.id}`)
    await page.getByRole('heading', { name: acc.name }).waitFor()
    const header = page.getByTestId('account-header')
    // The essentials, each a labelled field.
    for (const label of ['Annual spend', 'Owner', 'CSM', 'Next renewal'])
      await header.locator('dt', { hasText: label }).first().waitFor()
    await header.getByTestId('account-health-badge').waitFor()
    // The tab bar is whole within the first 900 px, with the page at its top.
    const tablist = page.getByTestId('account-tabs').getByRole('tablist')
    const bar = await box(tablist)
    expect(bar.y).toBeGreaterThan(0)
    expect(bar.y + bar.height).toBeLessThanOrEqual(desktop.height)
    await page.getByRole('tab', { name: 'Overview' }).waitFor()
    await page.locator('#account-health').waitFor()
    // The health panel's own colours belong to the health feature (its journey checks them).
    expect(await axeViolations(page, { exclude: ['#account-health'] })).toEqual([])
    await view(page, 'account360-1440-overview')
    await shot(page, 'account360-1440-overview-full')

    // The health badge shows the health panel on the overview.
    await page.getByRole('tab', { name: /^Timeline/ }).click()
    await header.getByTestId('account-health-badge').click()
    await expect.poll(() => new URL(page.url()).searchParams.get('tab')).toBe('overview')
    await expect.poll(async () => Math.round((await box(page.locator('#account-health'))).y)).toBeLessThan(60)
    await page.evaluate(() => window.scrollTo(0, 0))

    // The gap count switches to the decision map.
    await header.getByTestId('dm-gap-count').click()
    await expect.poll(() => new URL(page.url()).searchParams.get('tab')).toBe('decision-map')
    await expect
      .poll(() => page.getByRole('tab', { name: /^Decision map/ }).getAttribute('aria-selected'))
      .toBe('true')
    const windowBox = page.locator('.org-viewport-window')
    await windowBox.locator('[data-node-id]').first().waitFor()
    const w = await box(windowBox)
    expect(w.y).toBeLessThan(desktop.height)

    // It starts fitted: every card in the window.
    await expect.poll(() => allNodesInside(page)).toBe(true)
    await view(page, 'account360-1440-decision-map')

    // Zoomed in, the leftmost card leaves the window; "fit" brings every card back.
    const zoomIn = page.getByRole('button', { name: 'Zoom in' })
    for (let i = 0; i < 4; i++) await zoomIn.click()
    await expect.poll(async () => (await leftmost(page)).x < w.x).toBe(true)
    const zoomedWidth = (await leftmost(page)).width

    // Dragging the background moves the chart.
    const before = (await leftmost(page)).x
    const from = await emptyPoint(page)
    await page.mouse.move(from.x, from.y)
    await page.mouse.down()
    for (let i = 1; i <= 10; i++) await page.mouse.move(from.x + i * 15, from.y)
    await page.mouse.up()
    await expect.poll(async () => (await leftmost(page)).x - before).toBeGreaterThan(60)

    // Ctrl + wheel zooms out; the wheel alone does not zoom.
    const mid = await box(windowBox)
    await page.mouse.move(mid.x + mid.width / 2, mid.y + mid.height / 2)
    await page.mouse.wheel(0, 200)
    await page.waitForTimeout(300)
    expect(Math.round((await leftmost(page)).width)).toBe(Math.round(zoomedWidth))
    await page.keyboard.down('Control')
    await page.mouse.wheel(0, 400)
    await page.keyboard.up('Control')
    await expect.poll(async () => (await leftmost(page)).width).toBeLessThan(zoomedWidth - 5)
    await page.evaluate(() => window.scrollTo(0, 0))

    // The buttons work from the keyboard too: fit brings the leftmost card (and every other) into view.
    for (let i = 0; i < 12 && (await leftmost(page)).x >= w.x; i++) {
      await zoomIn.click()
      await page.waitForTimeout(250)
    }
    expect((await leftmost(page)).x).toBeLessThan(w.x)
    const fit = page.getByRole('button', { name: 'Fit the whole chart' })
    await fit.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => allNodesInside(page)).toBe(true)
    const first = await leftmost(page)
    expect(first.x).toBeGreaterThanOrEqual(w.x - 1)
    await page.getByRole('button', { name: 'Zoom out' }).waitFor()
    await page.getByRole('group', { name: /^Org chart: drag or use the arrow keys/ }).waitFor()
    expect(await axeViolations(page)).toEqual([])
    await ctx.close()
  }, 120_000)

  it('at 390×844 stays within the width of the phone; ?tab= and the gap link bring the tab into view', async () => {
    const { ctx, page } = await signedIn(admin, { viewport: phone })
    const acc = await widestAccount(page)
    await page.goto(`${base}/accounts/${acc.id}`)
    await page.getByRole('heading', { name: acc.name }).waitFor()
    await page.locator('#account-health').waitFor()
    expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width)
    // Icon buttons keep their names.
    await page.getByRole('button', { name: 'Log a call' }).waitFor()
    await view(page, 'account360-390-overview')
    await shot(page, 'account360-390-overview-full')

    // The gap link switches the tab and scrolls the tab bar to the top of the window.
    await page.getByTestId('dm-gap-count').click()
    await expect.poll(() => new URL(page.url()).searchParams.get('tab')).toBe('decision-map')
    await expect
      .poll(async () => Math.round((await box(page.getByTestId('account-tabs'))).y))
      .toBeLessThan(40)
    await page.locator('.org-viewport-window [data-node-id]').first().waitFor()
    expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width)

    // Arriving with ?tab=decision-map: the map is in view.
    await page.goto(`${base}/accounts/${acc.id}?tab=decision-map`)
    const win = page.locator('.org-viewport-window')
    await win.locator('[data-node-id]').first().waitFor()
    await expect
      .poll(async () => {
        const b = await box(win)
        return b.y >= 0 && b.y < phone.height
      })
      .toBe(true)
    await expect.poll(() => allNodesInside(page)).toBe(true)
    expect(await pageWidth(page)).toBeLessThanOrEqual(phone.width)
    await view(page, 'account360-390-decision-map')
    expect(await axeViolations(page)).toEqual([])
    await ctx.close()
  }, 120_000)

  it('speaks Chinese: the header facts and the chart controls', async () => {
    const { ctx, page } = await signedIn(admin, { viewport: desktop, locale: 'zh-CN' })
    const acc = await widestAccount(page)
    await page.goto(`${base}/accounts/${acc.id}?tab=decision-map`)
    await page.getByTestId('account-header').locator('dt', { hasText: '下次续约' }).waitFor()
    for (const name of ['放大', '缩小', '显示整张图']) await page.getByRole('button', { name }).waitFor()
    await page
      .getByTestId('dm-gap-count')
      .getByText(/个缺口$/)
      .waitFor()
    await view(page, 'account360-1440-decision-map-zh')
    await ctx.close()
    // The pages of this file log no errors (other pages, e.g. Home after sign-in, have journeys of their own).
    expect(consoleErrors.filter((e) => / @ \S+\/(accounts|renewals|handoffs)\b/.test(e))).toEqual([])
  }, 120_000)
})

describe('renewals and handoffs lists', () => {
  it('shows a renewal’s amount and end date as separate labelled fields, on the board and the 360° card', async () => {
    const { ctx, page } = await signedIn(admin, { viewport: desktop, locale: 'zh-CN' })
    // From this month over a year: the demo's running contracts end in it.
    const from = new Date().toISOString().slice(0, 7)
    const end = new Date()
    end.setMonth(end.getMonth() + 11)
    await page.goto(`${base}/renewals?from=${from}&to=${end.toISOString().slice(0, 7)}`)
    const item = page.locator('.renewal-month .ant-list-item').first()
    await item.waitFor()
    const text = await item.innerText()
    // "¥3,961,0002026-12-07": a figure running straight into a date.
    expect(text).not.toMatch(/\d\d{4}-\d{2}-\d{2}/)
    await item.locator('dt', { hasText: '金额' }).waitFor()
    await item.locator('dt', { hasText: '到期日' }).waitFor()
    expect(await item.getByTestId('renewal-amount').innerText()).toMatch(/^¥[\d,]+$/)
    expect(await item.getByTestId('renewal-end').innerText()).toMatch(
      /^\d{4}-\d{2}-\d{2} （?\(?\d+ 天后\)?）?$/,
    )
    await view(page, 'renewals-board-zh')

    // The same fields on the account's renewals card.
    await item.getByRole('link').first().click()
    const card = page.locator('.ant-card', { has: page.getByText('续约', { exact: true }) }).last()
    await card.getByTestId('renewal-amount').first().waitFor()
    expect(await card.innerText()).not.toMatch(/\d\d{4}-\d{2}-\d{2}/)
    await ctx.close()
  }, 120_000)

  it('opens handoffs on everything the person may see: an administrator sees the demo’s handoffs, a salesperson their own', async () => {
    const { ctx, page } = await signedIn(admin, { viewport: desktop })
    await page.goto(`${base}/handoffs`)
    await page.getByRole('heading', { name: 'Handoffs' }).waitFor()
    const rows = page.locator('.ant-table-row')
    await rows.first().waitFor()
    expect(await rows.count()).toBeGreaterThanOrEqual(4)
    const selected = page.locator('.ant-segmented-item-selected')
    expect(await selected.innerText()).toBe('All')
    await view(page, 'handoffs-admin-default')
    await ctx.close()

    const sales = await signedIn('chen.jie@demo.openkam.local', { viewport: desktop })
    const me = await sales.page.evaluate(() => fetch('/api/v1/auth/me').then((r) => r.json()))
    const own = await sales.page.evaluate(() => fetch('/api/v1/handoffs?limit=200').then((r) => r.json()))
    await sales.page.goto(`${base}/handoffs`)
    await sales.page.getByRole('heading', { name: 'Handoffs' }).waitFor()
    if (own.data.length) await sales.page.locator('.ant-table-row').first().waitFor()
    await expect.poll(() => sales.page.locator('.ant-table-row').count()).toBe(Math.min(20, own.data.length))
    // "Mine to hand over" still narrows to the handoffs they hand over.
    await sales.page.getByText('Mine to hand over').click()
    await expect.poll(() => new URL(sales.page.url()).searchParams.get('view')).toBe('mine')
    const mine = own.data.filter((h: { salesOwnerId: string }) => h.salesOwnerId === me.id)
    await expect.poll(() => sales.page.locator('.ant-table-row').count()).toBe(Math.min(20, mine.length))
    await sales.ctx.close()
  }, 120_000)
})
