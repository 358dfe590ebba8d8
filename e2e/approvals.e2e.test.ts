import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { axeViolations } from './browser'
import { base, consoleErrors, shot, signedIn as signIn, useDemoServer } from './demo-server'

useDemoServer()
/** A signed-in page in a fresh context (English); console errors are collected and must stay empty. */
const signedIn = (email: string) => signIn(email, { viewport: { width: 1280, height: 860 } })

/** Approves the row of a contract in the approval centre's "Waiting for me" tab. */
async function approveFromCentre(page: Page, number: string, comment: string) {
  await page.getByRole('menuitem', { name: /Approvals/ }).click()
  await page.getByRole('heading', { name: 'Approval centre' }).waitFor()
  await page.getByRole('tab', { name: /Waiting for me/ }).waitFor()
  const row = page.locator('.ant-table-row', { hasText: number })
  await row.waitFor()
  expect(await axeViolations(page)).toEqual([])
  await row.getByRole('button', { name: `Approve ${number}` }).click()
  const dialog = page.getByRole('dialog', { name: `Approve ${number}` })
  await dialog.getByLabel('Comment (optional)').fill(comment)
  await dialog.getByRole('button', { name: 'Approve' }).click()
  await dialog.waitFor({ state: 'hidden' })
  await row.waitFor({ state: 'detached' })
}

describe('approvals in the browser', () => {
  it('a salesperson submits a contract of 1,500,000; the manager, then finance approve it from the approval centre; the contract shows approved with the whole history', async () => {
    const sales = await signedIn('chen.jie@demo.openkam.local')
    const number = `E2E-APPROVAL-${Date.now()}`
    // The contract is drafted through the API (the journey is the approval, not the form).
    const contract = await sales.page.evaluate(async (number) => {
      const post = (url: string, body: unknown) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).then((r) => r.json())
      const account = await post('/api/v1/accounts', { name: 'Approval Journey Ltd' })
      return post('/api/v1/contracts', {
        accountId: account.id,
        number,
        amount: '1500000',
        currency: 'CNY',
        status: 'draft',
      })
    }, number)
    expect(contract.id, JSON.stringify(contract)).toBeTruthy()

    await sales.page.goto(`${base}/contracts/${contract.id}`)
    const panel = sales.page.getByTestId('approval-panel')
    await panel.getByText('Not submitted for approval yet.').waitFor()
    await panel.getByRole('button', { name: 'Submit for approval' }).click()
    await panel.getByText('Pending', { exact: true }).first().waitFor()
    await panel.getByText(/Step 1 · /).waitFor()
    expect(await axeViolations(sales.page)).toEqual([])
    await shot(sales.page, 'approval-01-submitted')

    // Editing a locked field while pending: the form says why.
    await sales.page.getByRole('button', { name: 'Edit', exact: true }).click()
    const drawer = sales.page.locator('.ant-drawer')
    await drawer.getByLabel('Amount').fill('1600000')
    await drawer.getByRole('button', { name: 'Save' }).click()
    await drawer
      .getByRole('alert')
      // The server's message comes in the language the app shows (X-OpenKAM-Language).
      .filter({ hasText: /approval/i })
      .waitFor()
    await drawer.getByRole('button', { name: 'Cancel' }).click()

    const manager = await signedIn('zhou.min@demo.openkam.local')
    await approveFromCentre(manager.page, number, 'Good margin')
    await shot(manager.page, 'approval-02-manager')
    await manager.ctx.close()

    const finance = await signedIn('qian.li@demo.openkam.local')
    await approveFromCentre(finance.page, number, 'Budget checked')
    await finance.page.getByRole('tab', { name: 'Done' }).click()
    await finance.page.locator('.ant-table-row', { hasText: number }).getByText('Approved').waitFor()
    await finance.ctx.close()

    await sales.page.reload()
    await sales.page.getByRole('heading', { name: number }).waitFor()
    await panel.getByText('Approved', { exact: true }).first().waitFor()
    const history = panel.getByRole('list', { name: 'History' })
    await history.getByText('Good margin').waitFor()
    await history.getByText('Budget checked').waitFor()
    expect(await history.locator('[data-decision="approve"]').count()).toBe(2)
    // Legal is skipped: the terms are standard.
    await history.getByText('Skipped').waitFor()
    const rec = await sales.page.evaluate(
      (id) => fetch(`/api/v1/contracts/${id}`).then((r) => r.json()),
      contract.id,
    )
    expect(rec.status).toBe('approved')
    // The detail page (the notifications' link) shows the same history.
    await panel.getByRole('link', { name: 'Open the approval' }).click()
    await sales.page.getByRole('heading', { name: new RegExp(number) }).waitFor()
    await sales.page.getByText('Budget checked').waitFor()
    expect(await axeViolations(sales.page)).toEqual([])
    await shot(sales.page, 'approval-03-approved')
    await sales.ctx.close()
    // The only failed request is the refused edit of the locked amount (the browser logs a 422).
    expect(consoleErrors.filter((e) => !e.includes('status of 422'))).toEqual([])
    expect(consoleErrors.filter((e) => e.includes('status of 422'))).toHaveLength(1)
  }, 240_000)

  it('a rejection needs a reason (the server says so); the administrator previews the contract flow; delegation is set and ended', async () => {
    // A small contract submitted through the API by the salesperson.
    const sales = await signedIn('chen.jie@demo.openkam.local')
    const number = `E2E-REJECT-${Date.now()}`
    const submitted = await sales.page.evaluate(async (number) => {
      const post = (url: string, body: unknown) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).then((r) => r.json())
      const account = await post('/api/v1/accounts', { name: 'Rejection Journey Ltd' })
      const c = await post('/api/v1/contracts', {
        accountId: account.id,
        number,
        amount: '20000',
        status: 'draft',
      })
      return post('/api/v1/approvals', { object: 'contracts', recordId: c.id })
    }, number)
    expect(submitted.status, JSON.stringify(submitted)).toBe('pending')
    await sales.ctx.close()

    const manager = await signedIn('zhou.min@demo.openkam.local')
    await manager.page.goto(`${base}/approvals`)
    const row = manager.page.locator('.ant-table-row', { hasText: number })
    await row.getByRole('button', { name: `Reject ${number}` }).click()
    const dialog = manager.page.getByRole('dialog', { name: `Reject ${number}` })
    await dialog.getByRole('button', { name: 'Reject' }).click()
    await dialog.getByText(/Say why you reject it|请填写驳回原因/).waitFor()
    expect(await axeViolations(manager.page)).toEqual([])
    await dialog.getByLabel('Why do you reject it?').fill('Discount too deep')
    await dialog.getByRole('button', { name: 'Reject' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await manager.page.getByRole('tab', { name: 'Done' }).click()
    await manager.page.locator('.ant-table-row', { hasText: number }).getByText('Rejected').waitFor()
    await manager.page
      .locator('.ant-table-row', { hasText: number })
      .getByRole('link', { name: 'Open the approval' })
      .click()
    await manager.page.getByText('Discount too deep').waitFor()

    // Delegation while away, in My notifications.
    await manager.page.goto(`${base}/settings/my-notifications`)
    const card = manager.page.getByTestId('delegation')
    await card.getByLabel('Who decides for me').click()
    await manager.page.keyboard.type('赵')
    await manager.page.keyboard.press('Enter')
    const until = card.getByLabel('Until')
    await until.click()
    await until.fill('2099-01-01 09:00')
    await until.press('Enter')
    await card.getByRole('button', { name: 'Save' }).click()
    await card.getByText(/赵磊 decides for you from/).waitFor()
    await card.getByText('Active').waitFor()
    expect(await axeViolations(manager.page)).toEqual([])
    await card.getByRole('button', { name: 'End delegation' }).click()
    await manager.page.getByRole('button', { name: 'End delegation' }).last().click()
    await card.getByText(/decides for you from/).waitFor({ state: 'detached' })
    await manager.ctx.close()

    // The administrator's designer: the default flow's steps and a preview for the salesperson.
    const admin = await signedIn('admin@demo.openkam.local')
    await admin.page.goto(`${base}/settings/approvals`)
    await admin.page.getByRole('button', { name: '合同审批', exact: true }).click()
    const drawer = admin.page.locator('.ant-drawer')
    await drawer.getByLabel('Name of step 2').waitFor()
    expect(await drawer.getByLabel('Name of step 2').inputValue()).toBe('财务')
    const preview = drawer.getByTestId('flow-preview')
    await preview.getByLabel('Record to preview').click()
    await admin.page.keyboard.type(number)
    await admin.page.locator('.ant-select-item-option', { hasText: number }).click()
    await preview.getByLabel('Submitted by').click()
    await admin.page.keyboard.type('陈杰')
    await admin.page.keyboard.press('Enter')
    await preview.getByRole('button', { name: 'Show approvers' }).click()
    await preview.getByText('周敏').waitFor()
    await preview.getByText('Skipped for this record').first().waitFor()
    expect(await axeViolations(admin.page)).toEqual([])
    await shot(admin.page, 'approval-04-designer')
    await admin.ctx.close()
    expect(consoleErrors.filter((e) => !e.includes('status of 4'))).toEqual([])
  }, 240_000)
})
