import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, waitFor, type Org, type TestEnv } from '../../../../test/harness'
import { newId } from '../../../core/ids'
import { accounts } from '../../accounts'
import { contracts } from '../../commerce'
import { relationshipSignals } from '../../contacts'
import { healthSnapshots } from '../../health'
import { seededRandom } from './churn-model'

const DAY = 86_400_000
const dayOf = (d: number) => new Date(Date.now() + d * DAY).toISOString().slice(0, 10)

/**
 * A workspace with 80 past renewals and churns, bulk-inserted: each account's first contract ended 14
 * months ago; churners mostly had a low health score and a key contact leave before the end, renewers
 * mostly not (with overlap, so the signal is planted, not perfect). Plus two current accounts, one at risk.
 */
async function plant(env: TestEnv, org: Org) {
  const ws = org.wsId
  const owner = org.sales.userId
  const rnd = seededRandom(42)
  const accountRows: (typeof accounts.$inferInsert)[] = []
  const contractRows: (typeof contracts.$inferInsert)[] = []
  const snapshots: (typeof healthSnapshots.$inferInsert)[] = []
  const signals: (typeof relationshipSignals.$inferInsert)[] = []
  const modelId = newId()
  const snapshot = (accountId: string, day: number, score: number) =>
    snapshots.push({
      id: newId(),
      workspaceId: ws,
      accountId,
      modelId,
      score: score.toFixed(2),
      band: score >= 60 ? 'watch' : 'at_risk',
      computedAt: new Date(Date.now() + day * DAY),
    })
  const left = (accountId: string, day: number) =>
    signals.push({
      id: newId(),
      workspaceId: ws,
      accountId,
      contactId: newId(),
      kind: 'left',
      keyContact: true,
      at: new Date(Date.now() + day * DAY),
    })
  const contract = (accountId: string, n: string, start: number, end: number) =>
    contractRows.push({
      id: newId(),
      workspaceId: ws,
      ownerId: owner,
      accountId,
      number: n,
      amount: '100000',
      status: end < 0 ? 'ended' : 'active',
      startDate: dayOf(start),
      endDate: dayOf(end),
    })
  for (let i = 0; i < 80; i++) {
    const id = newId()
    const churn = i % 5 < 2 // 32 churned, 48 renewed
    accountRows.push({
      id,
      workspaceId: ws,
      ownerId: owner,
      name: `Past ${i}`,
      tier: i % 2 ? 'growth' : 'essential',
    })
    const end = -430 - (i % 20)
    contract(id, `C-${i}-1`, end - 365, end)
    if (!churn) contract(id, `C-${i}-2`, end, end + 730)
    snapshot(id, end - 120, churn ? 25 + rnd() * 40 : 50 + rnd() * 45)
    if (rnd() < (churn ? 0.6 : 0.1)) left(id, end - 150)
  }
  const risky = newId()
  const safe = newId()
  for (const [id, name] of [
    [risky, 'Now at risk'],
    [safe, 'Now healthy'],
  ] as const) {
    accountRows.push({ id, workspaceId: ws, ownerId: owner, name, tier: 'growth' })
    contract(id, `C-${name}`, -200, 165)
  }
  snapshot(risky, -3, 22)
  left(risky, -20)
  snapshot(safe, -3, 92)
  await env.rt.database.db.transaction(async (tx) => {
    await tx.insert(accounts).values(accountRows)
    await tx.insert(contracts).values(contractRows)
    await tx.insert(healthSnapshots).values(snapshots)
    await tx.insert(relationshipSignals).values(signals)
  })
  return { risky, safe }
}

describe('churn risk', () => {
  let env: TestEnv
  let org: Org
  let thin: Org

  beforeAll(async () => {
    env = await startTestApp()
    ;[org, thin] = await Promise.all([makeOrg(env), makeOrg(env)])
  }, 120_000)
  afterAll(() => env?.close())

  const train = async (o: Org) => {
    const res = await o.admin.post('/api/v1/insights/churn-model/train')
    expect(res.status).toBe(202)
    const jobId = res.body.jobId as string
    return waitFor(async () => {
      const m = (await o.admin.get('/api/v1/insights/churn-model')).body
      return (
        m.training?.id === jobId && m.training.status !== 'queued' && m.training.status !== 'running' && m
      )
    })
  }

  it('refuses to train on a workspace with too little history, and says why', async () => {
    const before = await thin.admin.get('/api/v1/insights/churn-model')
    expect(before.body).toMatchObject({ status: 'insufficient_history', samples: 0 })
    expect((await thin.sales.post('/api/v1/insights/churn-model/train')).status).toBe(403)
    const m = await train(thin)
    expect(m).toMatchObject({ status: 'insufficient_history', samples: 0, training: { status: 'done' } })
    expect(m.reason).toContain('at least 30, with at least 8 of each')
    expect(m.trainedAt).toBeTruthy()
    expect(m.auc).toBeUndefined()
    const zh = await env.app.inject({
      url: '/api/v1/insights/churn-model',
      headers: { authorization: `Bearer ${thin.admin.token}`, 'accept-language': 'zh-CN' },
    })
    expect(JSON.parse(zh.body).reason).toContain('至少需要 30 份')
  })

  it('trains on past renewals and churns with a held-out AUC, and explains each account', async () => {
    const { risky, safe } = await plant(env, org)
    const m = await train(org)
    expect(m).toMatchObject({ status: 'trained', samples: 80, training: { status: 'done' } })
    expect(m.auc).toBeGreaterThanOrEqual(0.8)
    expect(m.testSamples + m.trainSamples).toBe(80)

    const high = (await org.sales.get(`/api/v1/accounts/${risky}/churn-risk`)).body
    const low = (await org.sales.get(`/api/v1/accounts/${safe}/churn-risk`)).body
    expect(high.status).toBe('scored')
    expect(high.probability).toBeGreaterThan(low.probability)
    expect(high.drivers.map((d: { feature: string }) => d.feature)).toEqual(
      expect.arrayContaining(['health_score', 'key_contacts_left']),
    )
    for (const d of high.drivers) expect(d.direction).toBe(d.contribution > 0 ? 'raises' : 'lowers')
    expect(high.drivers.find((d: { feature: string }) => d.feature === 'health_score').direction).toBe(
      'raises',
    )
    expect(low.drivers.find((d: { feature: string }) => d.feature === 'health_score').direction).toBe(
      'lowers',
    )

    // Labels in the caller's language.
    const zh = await env.app.inject({
      url: `/api/v1/accounts/${risky}/churn-risk`,
      headers: { authorization: `Bearer ${org.sales.token}`, 'accept-language': 'zh-CN' },
    })
    expect(JSON.parse(zh.body).drivers.map((d: { label: string }) => d.label)).toContain('健康分')
    expect(high.drivers.map((d: { label: string }) => d.label)).toContain('Health score')

    // The list by risk: highest first, only what the person may read.
    const list = (await org.sales.get('/api/v1/insights/churn-risk?limit=5')).body
    expect(list.total).toBe(82)
    const ps = list.data.map((r: { probability: number }) => r.probability)
    expect([...ps].sort((a, b) => b - a)).toEqual(ps)
    expect(list.data.length).toBe(5)
    expect(list.data[0].drivers.length).toBeGreaterThan(0)
    expect((await org.outsider.get('/api/v1/insights/churn-risk')).body.total).toBe(0)
    expect((await org.outsider.get(`/api/v1/accounts/${risky}/churn-risk`)).status).toBe(404)
  })

  it('answers plainly for an account when the workspace has no model', async () => {
    const res = await thin.admin.post('/api/v1/accounts', { name: 'Lone account' })
    expect(res.status).toBe(201)
    const r = (await thin.admin.get(`/api/v1/accounts/${res.body.id}/churn-risk`)).body
    expect(r).toMatchObject({ status: 'no_model', probability: null, drivers: [] })
    expect(r.reason).toContain('at least 30')
  })
})
