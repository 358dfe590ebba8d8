// Issue 18.2 and 18.9: activities linked to contacts and deals, the deal page, the pipeline as a table.
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { base, consoleErrors, shot, shots, signedIn, useDemoServer } from './demo-server'

useDemoServer()

const phone = { width: 390, height: 844 }

/** Picks an option of an antd select by its text (the open dropdown only). */
async function pick(page: Page, text: string) {
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text })
    .first()
    .click()
}

/** A new account with a champion and an economic buyer, neither contacted yet, and an open deal. */
async function newAccount(page: Page, name = 'Composer Journey Ltd') {
  return page.evaluate(async (name) => {
    const post = async (url: string, body: unknown) => {
      const r = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      if (!r.ok) throw new Error(`${url}: ${r.status} ${await r.text()}`)
      return r.json() as Promise<{ id: string; name: string }>
    }
    const account = await post('/api/v1/accounts', { name, industry: 'energy' })
    const champion = await post('/api/v1/contacts', {
      accountId: account.id,
      name: 'Wang Champion',
      stance: 'champion',
      buyingRole: 'technical_evaluator',
    })
    const buyer = await post('/api/v1/contacts', {
      accountId: account.id,
      name: 'Liu Buyer',
      buyingRole: 'economic_buyer',
    })
    const deal = await post('/api/v1/opportunities', {
      accountId: account.id,
      name: 'Composer journey deal',
      amount: '880000',
      currency: 'CNY',
    })
    return { account, champion, buyer, deal }
  }, name)
}

describe('activities with contacts and deals, the deal page and the pipeline table', () => {
  it('logs a meeting with two contacts and a deal from the 360° page; the contacts are contacted and the decision-map warnings go; the deal page shows the stage path with the gate’s links; the pipeline toggles to a table', async () => {
    const { ctx, page } = await signedIn('chen.jie@demo.openkam.local')
    const { account, champion, buyer, deal } = await newAccount(page)

    // Before: both never contacted, the champion silent and the economic buyer not met.
    await page.goto(`${base}/accounts/${account.id}?tab=decision-map`)
    await page.getByTestId('gap-champion_silent').waitFor()
    await page.locator('[data-testid^="gap-economic_buyer_not_met"]').waitFor()
    await page.getByTestId(`dm-node-${champion.id}`).getByText('Never').waitFor()
    await page.getByTestId(`dm-node-${buyer.id}`).getByText('Never').waitFor()

    // Log the meeting: both contacts, the deal, the minutes.
    await page.getByRole('button', { name: 'Log a meeting' }).first().click()
    const dialog = page.getByRole('dialog', { name: 'Log a meeting' })
    await dialog.getByRole('combobox', { name: 'With' }).click()
    await pick(page, 'Wang Champion')
    await pick(page, 'Liu Buyer')
    await dialog.locator('.ant-modal-title').click() // closes the dropdown
    const dealPicker = dialog.getByRole('combobox', { name: 'Deal' })
    await dealPicker.click()
    await dealPicker.fill('Composer journey')
    await pick(page, 'Composer journey deal')
    await dialog
      .getByTestId('composer-deal')
      .getByText(/^Composer journey deal/)
      .waitFor()
    await dialog.getByLabel('Subject').fill('Steering committee')
    await dialog
      .getByLabel('Notes and minutes')
      .fill('Pilot scope agreed; Liu signs off the budget next week.')
    expect(await dialog.getByLabel('Duration (minutes)').inputValue()).toBe('60')
    await shot(page, 'deal-01-log-meeting')
    await dialog.getByRole('button', { name: 'Log it' }).click()
    await dialog.waitFor({ state: 'hidden' })

    // After: both contacted today, the two warnings gone.
    await page.getByTestId('gap-champion_silent').waitFor({ state: 'detached' })
    await page.locator('[data-testid^="gap-economic_buyer_not_met"]').waitFor({ state: 'detached' })
    for (const c of [champion, buyer]) {
      await page.getByTestId(`dm-node-${c.id}`).waitFor()
      expect(await page.getByTestId(`dm-node-${c.id}`).getByText('Never').count()).toBe(0)
    }
    await shot(page, 'deal-02-decision-map-after')
    const stored = await page.evaluate(
      async ({ a, c1, c2 }) => {
        const acts = await fetch(`/api/v1/activities?accountId=${a}`).then((r) => r.json())
        const contacts = await Promise.all(
          [c1, c2].map((id) => fetch(`/api/v1/contacts/${id}`).then((r) => r.json())),
        )
        return { acts: acts.data, contacts }
      },
      { a: account.id, c1: champion.id, c2: buyer.id },
    )
    expect(stored.acts).toHaveLength(1)
    expect(stored.acts[0]).toMatchObject({
      kind: 'meeting',
      subject: 'Steering committee',
      contactIds: [champion.id, buyer.id],
      opportunityId: deal.id,
      durationMinutes: 60,
    })
    for (const c of stored.contacts) expect(c.lastContactedAt).toBeTruthy()

    // The timeline tab has the composer and the meeting.
    await page.goto(`${base}/accounts/${account.id}?tab=timeline`)
    await page.getByTestId('activity-composer').waitFor()
    await page.getByTestId('timeline-item').filter({ hasText: 'Steering committee' }).waitFor()

    // The contact's page: its feed shows the meeting.
    await page.goto(`${base}/contacts/${champion.id}`)
    const contactFeed = page.getByTestId('record-activities')
    await contactFeed.getByTestId('activity-feed-item').filter({ hasText: 'Steering committee' }).waitFor()

    // The deal page: stage path, through the gate with two links, which then show under the stage.
    await page.goto(`${base}/opportunities/${deal.id}`)
    const path = page.getByTestId('stage-path')
    await path.getByText('初步接触与需求挖掘').first().waitFor()
    await path.getByText('Not reached yet').first().waitFor()
    await page.getByTestId('record-activities').getByText('Steering committee').waitFor()
    await path.getByRole('button', { name: /Move to/ }).click()
    const gate = page.getByRole('dialog')
    const labels = ['初步评估报告', '需求访谈纪要']
    for (const [i, label] of labels.entries()) {
      const item = gate.getByRole('listitem', { name: label })
      await item.getByRole('button', { name: 'Attach a link' }).click()
      await item.getByLabel(`Link to ${label}`).fill(`https://docs.example.com/composer-journey/${i}.pdf`)
      await item.getByRole('button', { name: 'Attach', exact: true }).click()
      await item.getByText('Attached').waitFor()
    }
    await gate.getByRole('button', { name: 'Move to 方案设计与价值呈现' }).click()
    await gate.waitFor({ state: 'hidden' })
    const discovery = path.getByTestId('stage-deliverables-discovery')
    for (const i of [0, 1])
      await discovery
        .getByRole('link', { name: `https://docs.example.com/composer-journey/${i}.pdf` })
        .waitFor()
    await path.getByTestId('stage-deliverables-solution').getByText('Current stage').waitFor()
    await page.getByTestId('deal-history').getByText('方案设计与价值呈现').first().waitFor()
    await page.getByTestId('deal-tasks').waitFor()
    await shot(page, 'deal-03-deal-page')
    await path.screenshot({ path: `${shots}/deal-03b-stage-path.png` })

    // The pipeline as a table, with the owner filter kept both ways.
    await page.goto(`${base}/pipeline?owner=me`)
    await page.getByTestId(`board-card-${deal.id}`).waitFor()
    await page.getByTestId('pipeline-view').getByText('Table').click()
    const table = page.getByTestId('deal-table')
    await table.getByRole('link', { name: 'Composer journey deal' }).waitFor()
    expect(new URL(page.url()).searchParams.get('owner')).toBe('me')
    expect(new URL(page.url()).searchParams.get('view')).toBe('table')
    await shot(page, 'deal-04-pipeline-table')
    await page.getByTestId('pipeline-view').getByText('Board').click()
    await page.getByTestId(`board-card-${deal.id}`).waitFor()
    expect(new URL(page.url()).searchParams.get('owner')).toBe('me')
    await table.waitFor({ state: 'detached' })
    // From the table, a row opens its deal page.
    await page.goto(`${base}/pipeline?view=table&owner=me`)
    await table.getByRole('link', { name: 'Composer journey deal' }).click()
    await page.getByTestId('stage-path').waitFor()
    await ctx.close()
    expect(consoleErrors).toEqual([])
  }, 300_000)

  it('Activities → New offers the account’s contacts and deals; the saved activity shows under the contact', async () => {
    const { ctx, page } = await signedIn('chen.jie@demo.openkam.local')
    const { account, champion, deal } = await newAccount(page, 'Generic Form Journey Ltd')
    await page.goto(`${base}/activities`)
    await page.getByRole('button', { name: 'New' }).first().click()
    const form = page.getByRole('dialog')
    await form.getByLabel('Kind', { exact: true }).click()
    await pick(page, 'Call')
    await form.getByLabel('Subject', { exact: true }).fill('Budget call from the activity list')
    const accountPicker = form.getByLabel('Account', { exact: true })
    await accountPicker.click()
    await accountPicker.fill('Generic Form Journey')
    await pick(page, account.name)
    // The pickers offer the chosen account's contacts and deal.
    const options = () => page.locator('.ant-select-dropdown:visible .ant-select-item-option').allInnerTexts()
    const contactsPicker = form.getByLabel('Contacts', { exact: true })
    await contactsPicker.click()
    await expect.poll(async () => (await options()).sort()).toEqual(['Liu Buyer', 'Wang Champion'])
    await pick(page, 'Wang Champion')
    await form.getByLabel('Subject', { exact: true }).click() // closes the dropdown
    const dealPicker = form.getByLabel('Opportunity', { exact: true })
    await dealPicker.click()
    await expect.poll(options).toEqual([deal.name])
    await pick(page, deal.name)
    await shot(page, 'activity-generic-form')
    await form.getByRole('button', { name: 'Save' }).click()
    await form.waitFor({ state: 'hidden' })
    const stored = await page.evaluate(
      (a) => fetch(`/api/v1/activities?accountId=${a}`).then((r) => r.json()),
      account.id,
    )
    expect(stored.data).toEqual([
      expect.objectContaining({
        kind: 'call',
        subject: 'Budget call from the activity list',
        contactIds: [champion.id],
        opportunityId: deal.id,
      }),
    ])
    await page.goto(`${base}/contacts/${champion.id}`)
    await page
      .getByTestId('record-activities')
      .getByTestId('activity-feed-item')
      .filter({ hasText: 'Budget call from the activity list' })
      .waitFor()
    await ctx.close()
  }, 180_000)

  it('a lead’s page logs a call in its activity card, which moves to the account when the lead converts; a contract’s page shows its negotiation', async () => {
    const { ctx, page } = await signedIn('chen.jie@demo.openkam.local')
    const lead = await page.evaluate(async () => {
      const r = await fetch('/api/v1/leads', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Gao Lan', company: 'Lead Feed Journey Ltd', source: 'event' }),
      })
      return (await r.json()) as { id: string }
    })
    await page.goto(`${base}/leads/${lead.id}`)
    const card = page.getByTestId('record-activities')
    await card.getByText('No activity yet.').waitFor()
    // A lead has no account yet: the composer offers no contacts or deal, and starts on a call.
    await card.getByTestId('activity-composer').waitFor()
    expect(await card.getByTestId('composer-contacts').count()).toBe(0)
    await card.getByLabel('Notes and minutes').fill('Asked for a pilot quote for two warehouses')
    await card.getByRole('button', { name: 'Log it' }).click()
    const item = card.getByTestId('activity-feed-item').filter({ hasText: 'Asked for a pilot quote' })
    await item.getByText('Call').waitFor()
    await shot(page, 'lead-activity-card')
    const converted = await page.evaluate(
      (id) =>
        fetch(`/api/v1/leads/${id}/convert`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        }).then((r) => r.json() as Promise<{ accountId: string }>),
      lead.id,
    )
    await page.goto(`${base}/accounts/${converted.accountId}?tab=timeline`)
    await page.getByText('Asked for a pilot quote for two warehouses').first().waitFor()
    // The demo's contract negotiations are on their contract's page.
    const about = await page.evaluate(() =>
      fetch('/api/v1/activities?relatedType=contract&limit=1').then(
        (r) => r.json() as Promise<{ data: { relatedId: string; subject: string }[] }>,
      ),
    )
    expect(about.data.length).toBe(1)
    await page.goto(`${base}/contracts/${about.data[0]!.relatedId}`)
    await page
      .getByTestId('record-activities')
      .getByTestId('activity-feed-item')
      .filter({ hasText: about.data[0]!.subject })
      .first()
      .waitFor()
    expect(consoleErrors).toEqual([])
    await ctx.close()
  }, 180_000)

  it('the board’s late stages hold open deals', async () => {
    const { ctx, page } = await signedIn('admin@demo.openkam.local')
    await page.goto(`${base}/pipeline`)
    for (const stage of ['implementation', 'account_management'])
      await page
        .getByTestId(`board-column-${stage}`)
        .locator('[data-testid^="board-card-"]')
        .first()
        .waitFor()
    await shot(page, 'deal-05-board-late-stages')
    await ctx.close()
  })

  it('on a phone: the composer, the deal page and the table fit the width', async () => {
    const { ctx, page } = await signedIn('chen.jie@demo.openkam.local')
    await page.setViewportSize(phone)
    const { account, deal } = await newAccount(page)
    await page.goto(`${base}/accounts/${account.id}?tab=timeline`)
    await page.getByTestId('activity-composer').waitFor()
    await shot(page, 'deal-06-phone-timeline-composer')
    await page.goto(`${base}/opportunities/${deal.id}`)
    await page.getByTestId('stage-path').getByText('初步接触与需求挖掘').first().waitFor()
    await page.getByTestId('record-activities').waitFor()
    await shot(page, 'deal-07-phone-deal-page')
    // How far the page is wider than the phone, and the widest elements sticking out (to say which).
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    const culprits = () =>
      page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('body *')]
          .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
          .slice(0, 5)
          .map((e) => `${e.tagName}.${e.className} ${e.getAttribute('data-testid') ?? ''}`),
      )
    await page.getByTestId('stage-path').screenshot({ path: `${shots}/deal-07b-phone-stage-path.png` })
    expect(await overflow(), (await culprits()).join('\n')).toBeLessThanOrEqual(0)
    await page.goto(`${base}/pipeline?view=table`)
    await page.getByTestId('deal-table').waitFor()
    await shot(page, 'deal-08-phone-pipeline-table')
    expect(await overflow(), (await culprits()).join('\n')).toBeLessThanOrEqual(0)
    await ctx.close()
  }, 180_000)
})
