import { expect } from 'vitest'
import { makeOrg, startTestApp, waitFor, type Caller, type Org, type TestEnv } from '../harness'

const DAY = 86_400_000
/** A date `offset` days from today (YYYY-MM-DD). */
export const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10)

/**
 * A server whose retries are quick, a workspace, and an approval flow on contracts (the manager approves)
 * — what both finance connectors' suites start from.
 */
export async function startFinanceOrg(): Promise<{ env: TestEnv; org: Org }> {
  const env = await startTestApp({
    env: {
      OPENKAM_RETRY_BASE_SECONDS: '0.2',
      OPENKAM_RETRY_MAX_ATTEMPTS: '4',
      OPENKAM_WEBHOOK_TIMEOUT_MS: '3000',
    },
  })
  const org = await makeOrg(env)
  const flow = await org.admin.post('/api/v1/approval-flows', {
    name: 'Finance connector test',
    object: 'contracts',
    priority: 1,
    outcome: { field: 'status', pending: 'pending_approval', approved: 'approved', rejected: 'draft' },
    steps: [{ name: 'Manager', mode: 'all', approvers: [{ kind: 'manager' }] }],
  })
  expect(flow.status, JSON.stringify(flow.body)).toBe(201)
  return { env, org }
}

export type ContractPlan = {
  amount: string
  /** The invoice plan: each invoice's amount and due date (days from today). */
  plan?: { amount: string; due: number }[]
  creditCode?: string
  accountName: string
  number: string
  /** What an invoice's number adds to the contract's: `${number}${invoiceTag}${i}`. */
  invoiceTag: string
  signedDaysAgo: number
}

/** A contract of a new account and its invoice plan, submitted by the salesperson and approved by the manager. */
export async function approvedContract(org: Org, c: ContractPlan) {
  const account = (
    await org.sales.post('/api/v1/accounts', {
      name: c.accountName,
      ...(c.creditCode ? { creditCode: c.creditCode } : {}),
    })
  ).body
  const contract = await org.sales.post('/api/v1/contracts', {
    accountId: account.id,
    number: c.number,
    amount: c.amount,
    status: 'draft',
    signedDate: day(-c.signedDaysAgo),
    endDate: day(300),
  })
  expect(contract.status, JSON.stringify(contract.body)).toBe(201)
  const invoices = []
  for (const [i, p] of (c.plan ?? []).entries()) {
    const inv = await org.sales.post('/api/v1/invoices', {
      accountId: account.id,
      contractId: contract.body.id,
      number: `${c.number}${c.invoiceTag}${i + 1}`,
      amount: p.amount,
      status: 'issued',
      issueDate: day(-c.signedDaysAgo),
      dueDate: day(p.due),
    })
    expect(inv.status, JSON.stringify(inv.body)).toBe(201)
    invoices.push(inv.body)
  }
  const a = await org.sales.post('/api/v1/approvals', { object: 'contracts', recordId: contract.body.id })
  expect(a.status, JSON.stringify(a.body)).toBe(201)
  const d = await org.manager.post(`/api/v1/approvals/${a.body.id}/decisions`, { decision: 'approve' })
  expect(d.status, JSON.stringify(d.body)).toBe(200)
  expect((await org.sales.get(`/api/v1/contracts/${contract.body.id}`)).body.status).toBe('approved')
  return { contract: contract.body, account, invoices, number: c.number }
}

/** The contract's sync once it has settled (synced or failed); `read` may record each answer. */
export const syncSettled = (
  admin: Caller,
  contractId: string,
  read: (p: ReturnType<Caller['get']>) => ReturnType<Caller['get']> = (p) => p,
) =>
  waitFor(async () => {
    const s = (await read(admin.get('/api/v1/integrations/finance/syncs'))).body.data.find(
      (x: any) => x.contractId === contractId,
    )
    return s && ['synced', 'failed'].includes(s.state) ? s : null
  })
