import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { axeViolations } from './browser'
import { base, consoleErrors, shot, signedIn, useDemoServer } from './demo-server'

useDemoServer()

/** Picks an option of the antd select whose input has `id`, by typing its text. */
async function pick(page: Page, id: string, text: string) {
  await page.locator(`#${id}`).click()
  await page.keyboard.type(text)
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text })
    .first()
    .click()
  await page
    .locator('.ant-select', { has: page.locator(`#${id}`) })
    .getByText(text)
    .first()
    .waitFor()
  // The drawer stays open while its selects are used.
  expect(await page.locator('.ant-drawer-open').count()).toBe(1)
}

describe('ticket routing in the browser', () => {
  it('an administrator sees the demo rules, adds a rule for portal tickets, moves it first, switches it off and deletes it; a routed ticket says why', async () => {
    const { page, ctx } = await signedIn('admin@demo.openkam.local')
    await page.goto(`${base}/settings/ticket-routing`)
    const list = page.getByRole('list', { name: 'Ticket routing' })
    await list.getByRole('listitem').nth(2).waitFor()
    expect(await list.getByRole('listitem').count()).toBe(3)
    await list.getByText('战略客户的紧急故障').waitFor()
    expect(await axeViolations(page)).toEqual([])
    await shot(page, 'ticket-routing-01-rules')

    await page.getByRole('button', { name: 'New rule' }).first().click()
    const drawer = page.locator('.ant-drawer')
    await drawer.getByLabel('Name').fill('E2E portal tickets')
    await drawer.getByRole('button', { name: 'Add condition' }).click()
    await pick(page, 'rule-condition-all-0-field', 'Channel')
    await pick(page, 'rule-condition-all-0-value', 'Portal')
    await drawer.getByText('A person', { exact: true }).click()
    await pick(page, 'routing-user', '马睿')
    await shot(page, 'ticket-routing-02-drawer')
    await drawer.getByRole('button', { name: 'Save' }).click()
    await drawer.waitFor({ state: 'hidden' })
    const added = list.getByRole('listitem').filter({ hasText: 'E2E portal tickets' })
    await added.getByText('Channel equals Portal').waitFor()
    await added.getByText('马睿').waitFor()
    expect(await list.getByRole('listitem').count()).toBe(4)

    // Up three times: first.
    for (let i = 0; i < 3; i++) {
      await added.getByRole('button', { name: 'Move “E2E portal tickets” up' }).click()
      await page.waitForFunction((n) => {
        const items = document.querySelectorAll('[aria-label="Ticket routing"] > li')
        return items.item(n)?.textContent?.includes('E2E portal tickets') ?? false
      }, 2 - i)
    }
    // A portal ticket goes to the named person, and its page says so.
    const t = await page.evaluate(async () => {
      const accounts = await fetch('/api/v1/accounts?limit=1').then((r) => r.json())
      return fetch('/api/v1/tickets', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          accountId: accounts.data[0].id,
          subject: 'E2E from the portal',
          channel: 'portal',
        }),
      }).then((r) => r.json())
    })
    expect(t.routedBy?.ruleName, JSON.stringify(t)).toBe('E2E portal tickets')
    await page.goto(`${base}/tickets/${t.id}`)
    const note = page.getByTestId('ticket-routed-by')
    await page.getByText('E2E from the portal').first().waitFor()
    await shot(page, 'ticket-routing-03-ticket')
    // The reason comes in the language the app shows, though the demo administrator's own is Chinese.
    await note.getByText('Routed by rule “E2E portal tickets” to 马睿: named person').waitFor()
    await shot(page, 'ticket-routing-03-ticket')

    await page.goto(`${base}/settings/ticket-routing`)
    await list.getByRole('listitem').first().getByText('E2E portal tickets').waitFor()
    const sw = added.getByRole('switch', { name: 'Switch “E2E portal tickets” on or off' })
    await sw.click()
    await page.waitForFunction(
      () =>
        document
          .querySelector('[aria-label="Switch “E2E portal tickets” on or off"]')
          ?.getAttribute('aria-checked') === 'false',
    )
    await added.getByRole('button', { name: 'Delete E2E portal tickets' }).click()
    await page.getByRole('button', { name: 'Delete', exact: true }).last().click()
    await added.waitFor({ state: 'detached' })
    expect(await list.getByRole('listitem').count()).toBe(3)
    await ctx.close()
    expect(consoleErrors).toEqual([])
  }, 180_000)

  it('fits a phone in Chinese: the list and the editor', async () => {
    const { page, ctx } = await signedIn('admin@demo.openkam.local', {
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
    })
    await page.goto(`${base}/settings/ticket-routing`)
    const list = page.getByRole('list', { name: '工单分派' })
    await list.getByRole('listitem').nth(2).waitFor()
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390)
    await shot(page, 'ticket-routing-04-phone')
    await list.getByRole('button', { name: '编辑“战略客户的紧急故障”' }).click()
    const drawer = page.locator('.ant-drawer')
    await drawer.getByText('当工单满足').waitFor()
    await shot(page, 'ticket-routing-05-phone-drawer')
    expect(await axeViolations(page)).toEqual([])
    await ctx.close()
    expect(consoleErrors).toEqual([])
  }, 120_000)
})
