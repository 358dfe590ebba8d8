import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, waitFor, type Org, type TestEnv } from '../../../test/harness'
import { startYonyou } from '../../../test/finance/yonyou-server'

const CREDS = { appKey: 'a8f3c0d2e1b94f5d', appSecret: 'yy-app-secret-9d2c41f7e0' }
const DAY = 86_400_000
const day = (offset: number) => new Date(Date.now() + offset * DAY).toISOString().slice(0, 10)

let env: TestEnv
let org: Org
let yy: Awaited<ReturnType<typeof startYonyou>>
let n = 0

beforeAll(async () => {
  env = await startTestApp({
    env: {
      OPENKAM_RETRY_BASE_SECONDS: '0.2',
      OPENKAM_RETRY_MAX_ATTEMPTS: '4',
      OPENKAM_WEBHOOK_TIMEOUT_MS: '3000',
    },
  })
  org = await makeOrg(env)
  yy = await startYonyou(CREDS)
  const flow = await org.admin.post('/api/v1/approval-flows', {
    name: 'Yonyou connector test',
    object: 'contracts',
    priority: 1,
    outcome: { field: 'status', pending: 'pending_approval', approved: 'approved', rejected: 'draft' },
    steps: [{ name: 'Manager', mode: 'all', approvers: [{ kind: 'manager' }] }],
  })
  expect(flow.status).toBe(201)
})
afterAll(async () => {
  await env?.close()
  await yy?.close()
})

async function approvedContract(amount: string, plan: { amount: string; due: number }[] = []) {
  n++
  const account = (
    await org.sales.post('/api/v1/accounts', {
      name: `用友客户 ${n}`,
      creditCode: `91110108MA0${n}FKXY7Q`.slice(0, 18),
    })
  ).body
  const number = `YY-${n}-${Date.now() % 100000}`
  const c = await org.sales.post('/api/v1/contracts', {
    accountId: account.id,
    number,
    amount,
    status: 'draft',
    signedDate: day(-40),
    endDate: day(200),
  })
  expect(c.status, JSON.stringify(c.body)).toBe(201)
  const invoices = []
  for (const [i, p] of plan.entries())
    invoices.push(
      (
        await org.sales.post('/api/v1/invoices', {
          accountId: account.id,
          contractId: c.body.id,
          number: `${number}-F${i + 1}`,
          amount: p.amount,
          status: 'issued',
          issueDate: day(-40),
          dueDate: day(p.due),
        })
      ).body,
    )
  const a = await org.sales.post('/api/v1/approvals', { object: 'contracts', recordId: c.body.id })
  expect(
    (await org.manager.post(`/api/v1/approvals/${a.body.id}/decisions`, { decision: 'approve' })).status,
  ).toBe(200)
  return { contract: c.body, account, invoices, number }
}

const settled = (contractId: string) =>
  waitFor(async () => {
    const s = (await org.admin.get('/api/v1/integrations/finance/syncs')).body.data.find(
      (x: any) => x.contractId === contractId,
    )
    return s && ['synced', 'failed'].includes(s.state) ? s : null
  })

describe('Yonyou YonBIP', () => {
  it('refuses a wrong appSecret with the system’s words (the signature fails), then connects', async () => {
    const base = { provider: 'yonyou', baseUrl: yy.url }
    expect(
      (
        await org.admin.put('/api/v1/integrations/finance', {
          ...base,
          enabled: false,
          credentials: { ...CREDS, appSecret: 'wrong-secret-1' },
        })
      ).status,
    ).toBe(200)
    expect((await org.admin.post('/api/v1/integrations/finance/test')).body).toEqual({
      ok: false,
      message: '签名验证失败，请检查appSecret',
    })
    expect(
      (await org.admin.put('/api/v1/integrations/finance', { ...base, enabled: true, credentials: CREDS }))
        .body,
    ).toMatchObject({ provider: 'yonyou', credentials: 'set', enabled: true })
    expect((await org.admin.post('/api/v1/integrations/finance/test')).body.ok).toBe(true)
  })

  it('makes exactly one receivable for an approved contract, retrying after a refusal', async () => {
    yy.failNext('/yonbip/fi/arbill/save', '财务组织[global00]未启用应收管理')
    const { contract, number } = await approvedContract('60000.00', [{ amount: '60000.00', due: -5 }])
    const s = await settled(contract.id)
    expect(s).toMatchObject({ state: 'synced', attempts: 2, billNumber: number })
    expect(yy.receivables.filter((r) => r.code === number)).toHaveLength(1)
    expect(yy.receivables.find((r) => r.code === number)!.data).toMatchObject({
      customer_code: yy.customers.at(-1)!.code,
      currency_code: 'CNY',
      oriSum: 60000,
      bodyItem: [{ oriSum: 60000, expireDate: day(-5) }],
    })
    const log = (
      await org.admin.get(`/api/v1/integrations/finance/sync-log?contractId=${contract.id}&limit=50`)
    ).body.data
    expect(log.some((e: any) => e.error === '财务组织[global00]未启用应收管理')).toBe(true)
    expect(JSON.stringify(log)).not.toContain(CREDS.appSecret)
    expect(log.find((e: any) => e.operation === 'getAccessToken').request.url).toMatch(
      /signature=\[redacted\]/,
    )

    // A receipt comes back: a payment against the invoice, which is paid.
    yy.addReceipt({ code: `SK-${n}`, billDate: day(-6), oriSum: 60000, srcBillNo: number })
    expect((await org.admin.post('/api/v1/integrations/finance/pull')).body).toMatchObject({
      fetched: 1,
      applied: 1,
    })
    const inv = (await org.admin.get(`/api/v1/invoices?accountId=${contract.accountId}`)).body.data[0]
    expect(inv.status).toBe('paid')
  })
})
