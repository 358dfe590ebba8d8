import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Org, TestEnv } from '../../../test/harness'
import { approvedContract as approve, day, startFinanceOrg, syncSettled } from '../../../test/finance/fixture'
import { startYonyou } from '../../../test/finance/yonyou-server'

const CREDS = { appKey: 'a8f3c0d2e1b94f5d', appSecret: 'yy-app-secret-9d2c41f7e0' }

let env: TestEnv
let org: Org
let yy: Awaited<ReturnType<typeof startYonyou>>
let n = 0

beforeAll(async () => {
  ;({ env, org } = await startFinanceOrg())
  yy = await startYonyou(CREDS)
})
afterAll(async () => {
  await env?.close()
  await yy?.close()
})

function approvedContract(amount: string, plan: { amount: string; due: number }[] = []) {
  n++
  return approve(org, {
    amount,
    plan,
    creditCode: `91110108MA0${n}FKXY7Q`.slice(0, 18),
    accountName: `用友客户 ${n}`,
    number: `YY-${n}-${Date.now() % 100000}`,
    invoiceTag: '-F',
    signedDaysAgo: 40,
  })
}

const settled = (contractId: string) => syncSettled(org.admin, contractId)

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
