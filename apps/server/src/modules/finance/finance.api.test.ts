import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, desc, eq } from 'drizzle-orm'
import { waitFor, type Org, type TestEnv } from '../../../test/harness'
import { approvedContract as approve, day, startFinanceOrg, syncSettled } from '../../../test/finance/fixture'
import { startKingdee } from '../../../test/finance/kingdee-server'
import { auditLog } from '../../core/audit/audit.table'
import { eventReceipts, outbox } from '../../core/events/outbox.table'
import { metricValues } from '../health'
import { financeSettings } from './finance.table'

const CREDS = {
  acctId: 'ACCT-6512',
  username: 'openkam-api',
  appId: '312547_x3dC0a+N',
  appSecret: 'kd-app-secret-7f3b9c1e5a',
}

let env: TestEnv
let org: Org
let kd: Awaited<ReturnType<typeof startKingdee>>
let n = 0
/** Every answer the tests got, to prove no credential was ever in one. */
const answers: unknown[] = []

beforeAll(async () => {
  ;({ env, org } = await startFinanceOrg())
  kd = await startKingdee(CREDS)
})
afterAll(async () => {
  await env?.close()
  await kd?.close()
})

const admin = () => org.admin
async function keep<T extends { body: unknown }>(p: Promise<T>) {
  const res = await p
  answers.push(res.body)
  return res
}

/** A contract of a new account (with a credit code) and its invoice plan, approved by the manager. */
function approvedContract(amount: string, plan: { amount: string; due: number }[] = [], creditCode?: string) {
  n++
  return approve(org, {
    amount,
    plan,
    creditCode,
    accountName: `Finance Co ${n}`,
    number: `CT-FIN-${n}-${Date.now() % 100000}`,
    invoiceTag: '-INV',
    signedDaysAgo: 30,
  })
}

const syncOf = async (contractId: string) =>
  (await keep(admin().get('/api/v1/integrations/finance/syncs'))).body.data.find(
    (s: any) => s.contractId === contractId,
  )
const settled = (contractId: string) => syncSettled(admin(), contractId, keep)
/** Waits until the connector's handler has taken every `contract.approved` event of the contract. */
const approvalHandled = (contractId: string) =>
  waitFor(async () => {
    const db = env.rt.database.db
    const events = await db
      .select()
      .from(outbox)
      .where(
        and(
          eq(outbox.workspaceId, org.wsId),
          eq(outbox.type, 'contract.approved'),
          eq(outbox.entityId, contractId),
        ),
      )
    const seen = await db
      .select()
      .from(eventReceipts)
      .where(
        and(eq(eventReceipts.workspaceId, org.wsId), eq(eventReceipts.handler, 'finance.contract_approved')),
      )
    const ids = new Set(seen.map((r) => r.eventId))
    return events.length > 0 && events.every((e) => ids.has(e.id))
  })
const receivablesNumbered = (number: string) => kd.receivables.filter((r) => r.number === number)

describe('settings', () => {
  it('is for administrators only', async () => {
    expect((await org.sales.get('/api/v1/integrations/finance')).status).toBe(403)
    expect(
      (
        await org.manager.put('/api/v1/integrations/finance', {
          provider: 'kingdee',
          baseUrl: kd.url,
          enabled: false,
        })
      ).status,
    ).toBe(403)
    expect((await org.finance.get('/api/v1/integrations/finance/sync-log')).status).toBe(403)
    expect((await org.sales.post('/api/v1/integrations/finance/pull')).status).toBe(403)
    expect((await org.sales.get('/api/v1/integrations/finance/reconciliation')).status).toBe(403)
    expect((await org.sales.post('/api/v1/integrations/finance/test')).status).toBe(403)
  })

  it('starts not configured, refuses bad input with a specific 400 and changes nothing', async () => {
    expect((await keep(admin().get('/api/v1/integrations/finance'))).body).toMatchObject({
      configured: false,
      provider: null,
      credentials: 'not_set',
      enabled: false,
    })
    const noCreds = await keep(
      admin().put('/api/v1/integrations/finance', { provider: 'kingdee', baseUrl: kd.url, enabled: true }),
    )
    expect(noCreds.status).toBe(400)
    expect(noCreds.body.errors).toEqual([
      { path: 'credentials', message: 'required to enable the connector' },
    ])
    const badUrl = await keep(
      admin().put('/api/v1/integrations/finance', {
        provider: 'kingdee',
        baseUrl: 'ftp://x',
        enabled: false,
      }),
    )
    expect(badUrl.status).toBe(400)
    expect(badUrl.body.errors[0].path).toBe('baseUrl')
    const badProvider = await keep(
      admin().put('/api/v1/integrations/finance', { provider: 'sap', baseUrl: kd.url, enabled: false }),
    )
    expect(badProvider.status).toBe(400)
    expect((await keep(admin().get('/api/v1/integrations/finance'))).body.configured).toBe(false)
  })

  it('stores the credentials sealed, answers only "set", and tests the connection in the system’s own words', async () => {
    const wrong = await keep(
      admin().put('/api/v1/integrations/finance', {
        provider: 'kingdee',
        baseUrl: kd.url,
        enabled: false,
        credentials: { ...CREDS, appSecret: 'not-the-secret' },
      }),
    )
    expect(wrong.status, JSON.stringify(wrong.body)).toBe(200)
    expect(wrong.body).toMatchObject({
      configured: true,
      provider: 'kingdee',
      credentials: 'set',
      enabled: false,
    })
    const failed = await keep(admin().post('/api/v1/integrations/finance/test'))
    expect(failed.body).toEqual({
      ok: false,
      message: '第三方系统登录授权信息有误，请检查应用ID、应用密钥、账套和用户名',
    })
    const saved = await keep(
      admin().put('/api/v1/integrations/finance', {
        provider: 'kingdee',
        baseUrl: kd.url,
        enabled: true,
        credentials: CREDS,
      }),
    )
    expect(saved.body).toMatchObject({ credentials: 'set', enabled: true })
    const ok = await keep(admin().post('/api/v1/integrations/finance/test'))
    expect(ok.body).toEqual({
      ok: true,
      message: `Logged in to data centre ${CREDS.acctId} as ${CREDS.username}`,
    })
    // Saving again without credentials keeps them.
    const kept = await keep(
      admin().put('/api/v1/integrations/finance', { provider: 'kingdee', baseUrl: kd.url, enabled: true }),
    )
    expect(kept.body.credentials).toBe('set')
    const [row] = await env.rt.database.db
      .select()
      .from(financeSettings)
      .where(eq(financeSettings.workspaceId, org.wsId))
    expect(row!.credentialsSealed).toMatch(/^v1\./)
    expect(row!.credentialsSealed).not.toContain(CREDS.appSecret)
  })
})

describe('receivables', () => {
  it('makes exactly one receivable (customer by credit code, invoice plan as lines) for an approved contract, also when the event comes twice', async () => {
    const { contract, number } = await approvedContract(
      '300000.00',
      [
        { amount: '100000.00', due: 30 },
        { amount: '150000.00', due: 120 },
      ],
      '91310000MA1FL1TE8X',
    )
    const s = await settled(contract.id)
    expect(s).toMatchObject({
      state: 'synced',
      contractNumber: number,
      billNumber: number,
      attempts: 1,
      lastError: null,
    })
    const [bill] = receivablesNumbered(number)
    expect(receivablesNumbered(number)).toHaveLength(1)
    expect(bill!.status).toBe('C')
    expect(String(bill!.id)).toBe(s.externalId)
    expect(bill!.model).toMatchObject({
      FBillNo: number,
      FDATE: day(-30),
      FCURRENCYID: { FNumber: 'PRE001' },
      FCUSTOMERID: { FNumber: kd.customers.at(-1)!.number },
    })
    // The plan's two invoices and what it leaves of the contract (50 000), due at the end.
    expect(bill!.model.FEntityPlan).toEqual([
      { FENDDATE: day(30), FPAYAMOUNTFOR: 100000 },
      { FENDDATE: day(120), FPAYAMOUNTFOR: 150000 },
      { FENDDATE: day(300), FPAYAMOUNTFOR: 50000 },
    ])
    expect(kd.customers.at(-1)!.model).toMatchObject({
      FSOCIALCRECODE: '91310000MA1FL1TE8X',
      FName: `Finance Co ${n}`,
    })
    expect(kd.customers.at(-1)!.status).toBe('C')

    // The same event delivered again (a replay): nothing new, anywhere.
    const customers = kd.customers.length
    const saves = kd.calls.filter((c) => c.op === 'Save').length
    const record = (await org.sales.get(`/api/v1/contracts/${contract.id}`)).body
    const [replayed] = await env.rt.database.db.transaction((tx) =>
      env.rt.events.emit(tx, { ws: org.wsId, principal: { userId: null } }, [
        { type: 'contract.approved', entityType: 'contract', entityId: contract.id, payload: { record } },
      ]),
    )
    // Handled (by the connector's handler) and nothing queued.
    await waitFor(
      async () =>
        (
          await env.rt.database.db
            .select()
            .from(eventReceipts)
            .where(
              and(
                eq(eventReceipts.workspaceId, org.wsId),
                eq(eventReceipts.eventId, replayed!.id),
                eq(eventReceipts.handler, 'finance.contract_approved'),
              ),
            )
        ).length > 0,
    )
    // Pushing it by hand answers the synced row and sends nothing either.
    const again = await keep(admin().post(`/api/v1/integrations/finance/syncs/${contract.id}/push`))
    expect(again.status).toBe(202)
    expect(again.body.state).toBe('synced')
    expect(receivablesNumbered(number)).toHaveLength(1)
    expect(kd.customers.length).toBe(customers)
    expect(kd.calls.filter((c) => c.op === 'Save').length).toBe(saves)
  })

  it('uses the customer the finance system already has under the same credit code', async () => {
    const known = kd.addCustomer({ name: '已有客户有限公司', creditCode: '91440300MA5DC2KQ7N' })
    const before = kd.customers.length
    const { contract, number } = await approvedContract('1000.00', [], '91440300MA5DC2KQ7N')
    expect((await settled(contract.id)).state).toBe('synced')
    expect(kd.customers.length).toBe(before)
    expect(receivablesNumbered(number)[0]!.model.FCUSTOMERID).toEqual({ FNumber: known.number })
  })

  it('retries a push the finance system refused, showing its own error text, and still makes only one', async () => {
    kd.failNext({
      op: 'Save',
      formId: 'AR_receivable',
      field: 'FSETTLEORGID',
      message: '字段“结算组织”的值“100”未启用应收管理',
    })
    const { contract, number } = await approvedContract('5000.00')
    const failedOnce = await waitFor(async () => {
      const s = await syncOf(contract.id)
      return s?.lastError ? s : null
    })
    expect(failedOnce.lastError).toBe('字段“结算组织”的值“100”未启用应收管理')
    const s = await settled(contract.id)
    expect(s).toMatchObject({ state: 'synced', attempts: 2, lastError: null })
    expect(receivablesNumbered(number)).toHaveLength(1)
    const log = (
      await keep(admin().get(`/api/v1/integrations/finance/sync-log?contractId=${contract.id}&limit=100`))
    ).body.data
    const refused = log.find((e: any) => e.state === 'error')
    expect(refused).toMatchObject({
      document: 'receivable',
      operation: 'Save',
      error: '字段“结算组织”的值“100”未启用应收管理',
      contractNumber: number,
    })
    expect(refused.response.Result.ResponseStatus.IsSuccess).toBe(false)
    expect(refused.request.body.formid).toBe('AR_receivable')
  })

  it('asks for the bill before creating it again when the outcome of a save was unknown', async () => {
    kd.failNext({ op: 'Save', formId: 'AR_receivable', drop: true })
    const { contract, number } = await approvedContract('7000.00')
    const s = await settled(contract.id)
    expect(s).toMatchObject({ state: 'synced', attempts: 2 })
    expect(receivablesNumbered(number)).toHaveLength(1)
    expect(receivablesNumbered(number)[0]!.status).toBe('C')
  })

  it('logs in again when the session was lost', async () => {
    kd.expireSessions()
    const { contract } = await approvedContract('800.00')
    expect((await settled(contract.id)).state).toBe('synced')
  })
})

describe('receipts', () => {
  it('records receipts as payments against the invoices, updates their status and the payment-timeliness metric; overdue invoices show in the reconciliation', async () => {
    const { contract, account, invoices, number } = await approvedContract('200000.00', [
      { amount: '120000.00', due: -20 },
      { amount: '80000.00', due: -10 },
    ])
    expect((await settled(contract.id)).state).toBe('synced')
    const timeliness = async () =>
      (
        await env.rt.database.db
          .select()
          .from(metricValues)
          .where(and(eq(metricValues.accountId, account.id), eq(metricValues.metric, 'payment_timeliness')))
          .orderBy(desc(metricValues.at))
      ).map((r) => Number(r.value))[0]
    expect(await timeliness()).toBeUndefined()
    // A pull before the receipts exist (as the schedule may make): the next one still asks far enough back.
    expect((await keep(admin().post('/api/v1/integrations/finance/pull'))).body).toMatchObject({ applied: 0 })
    // Paid on time for the first invoice; nothing yet for the second; one receipt for a contract we do not know.
    kd.addReceipt({ billNo: `SKD-${n}-1`, date: day(-25), amount: 120000, srcBillNo: number })
    kd.addReceipt({ billNo: `SKD-${n}-X`, date: day(-2), amount: 99, srcBillNo: 'NO-SUCH-CONTRACT' })
    const pulled = await keep(admin().post('/api/v1/integrations/finance/pull'))
    expect(pulled.status, JSON.stringify(pulled.body)).toBe(200)
    expect(pulled.body).toMatchObject({ applied: 1, unmatched: 1 })
    const pays = (await org.admin.get(`/api/v1/payments?accountId=${account.id}`)).body.data
    expect(pays.map((p: any) => [p.number, p.amount, p.status, p.invoiceId, p.dueDate, p.paidDate])).toEqual([
      [`SKD-${n}-1`, '120000.00', 'paid', invoices[0].id, day(-20), day(-25)],
    ])
    expect((await org.admin.get(`/api/v1/invoices/${invoices[0].id}`)).body.status).toBe('paid')
    expect((await org.admin.get(`/api/v1/invoices/${invoices[1].id}`)).body.status).toBe('overdue')
    expect(await waitFor(async () => (await timeliness()) === 100 && 100)).toBe(100)
    const report = (await keep(admin().get('/api/v1/integrations/finance/reconciliation'))).body.items
    expect(report).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'overdue_invoice',
          contractId: contract.id,
          detail: `${number}-INV2`,
          daysOverdue: 10,
        }),
        expect.objectContaining({
          kind: 'unmatched_receipt',
          contractNumber: 'NO-SUCH-CONTRACT',
          actual: '99.00',
        }),
      ]),
    )
    // Pulling again takes nothing twice; the late payment of the second invoice moves the metric down.
    kd.addReceipt({ billNo: `SKD-${n}-2`, date: day(-1), amount: 80000, srcBillNo: number })
    expect((await keep(admin().post('/api/v1/integrations/finance/pull'))).body).toMatchObject({ applied: 1 })
    expect((await org.admin.get(`/api/v1/payments?accountId=${account.id}`)).body.data).toHaveLength(2)
    expect((await org.admin.get(`/api/v1/invoices/${invoices[1].id}`)).body.status).toBe('paid')
    expect(await waitFor(async () => (await timeliness()) === 50 && 50)).toBe(50)
  })

  it('shows an approved contract that never became a receivable in the reconciliation', async () => {
    await keep(
      admin().put('/api/v1/integrations/finance', { provider: 'kingdee', baseUrl: kd.url, enabled: false }),
    )
    const { contract } = await approvedContract('4200.00')
    await approvalHandled(contract.id)
    expect(await syncOf(contract.id)).toBeUndefined()
    const report = (await keep(admin().get('/api/v1/integrations/finance/reconciliation'))).body.items
    expect(report).toContainEqual(
      expect.objectContaining({ kind: 'missing_receivable', contractId: contract.id, expected: '4200.00' }),
    )
    expect((await keep(admin().post('/api/v1/integrations/finance/pull'))).status).toBe(409)
    await keep(
      admin().put('/api/v1/integrations/finance', { provider: 'kingdee', baseUrl: kd.url, enabled: true }),
    )
    expect((await keep(admin().post(`/api/v1/integrations/finance/syncs/${contract.id}/push`))).status).toBe(
      202,
    )
    expect((await settled(contract.id)).state).toBe('synced')
  })
})

describe('credentials', () => {
  it('never appear in an answer, the sync log, the audit or the outbox', async () => {
    const log = (await admin().get('/api/v1/integrations/finance/sync-log?limit=200')).body
    expect(log.data.length).toBeGreaterThan(5)
    expect(
      log.data.some(
        (e: any) => e.operation === 'LoginByAppSecret' && e.request.body.appsecret === '[redacted]',
      ),
    ).toBe(true)
    const audit = await env.rt.database.db.select().from(auditLog).where(eq(auditLog.workspaceId, org.wsId))
    expect(audit.some((a) => a.entityType === 'finance_integration')).toBe(true)
    const events = await env.rt.database.db.select().from(outbox).where(eq(outbox.workspaceId, org.wsId))
    expect(events.some((e) => e.type === 'finance_integration.updated')).toBe(true)
    const everything = JSON.stringify([answers, log, audit, events])
    for (const secret of [CREDS.appSecret, 'not-the-secret']) expect(everything).not.toContain(secret)
    // Nor the session the finance system handed out.
    for (const c of kd.calls.slice(-3)) if (c.cookie) expect(everything).not.toContain(c.cookie)
  })
})
