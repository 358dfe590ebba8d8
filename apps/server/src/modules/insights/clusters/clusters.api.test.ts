import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { AccountClusters, Lookalikes } from '@openkam/contract'
import { makeOrg, startTestApp, waitFor, type Org, type TestEnv } from '../../../../test/harness'
import { newId } from '../../../core/ids'
import { accounts } from '../../accounts'
import { contracts } from '../../commerce'

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

/**
 * A small workspace with a planted cluster of high-value accounts — manufacturing, on SAP (a custom select),
 * many production lines (a custom number), high spend, renewed contracts — among ordinary ones, and three
 * accounts that look like it but spend little (the lookalikes).
 */
describe('high-value traits (clusters)', () => {
  let env: TestEnv
  let org: Org
  const planted: string[] = []
  const lookalikes: string[] = []
  let salesLookalike = ''

  type Seed = {
    name: string
    industry: string
    spend: number
    employees: number
    custom: object
    owner?: string
  }
  const rows: (Seed & { id: string })[] = []
  const account = (seed: Seed) => {
    const id = newId()
    rows.push({ ...seed, id })
    return id
  }
  const contractRows: { accountId: string; n: string; start: string; end: string; status: string }[] = []

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
    for (const body of [
      { key: 'lines', label: 'Production lines', labels: { 'zh-CN': '产线数' }, type: 'number' },
      {
        key: 'erp',
        label: 'ERP',
        type: 'select',
        options: [
          { value: 'sap', label: 'SAP' },
          { value: 'kingdee', label: 'Kingdee' },
          { value: 'none', label: 'None' },
        ],
      },
    ])
      expect(
        (await org.admin.post('/api/v1/field-definitions', { object: 'accounts', ...body })).status,
      ).toBe(201)
    for (let i = 0; i < 8; i++)
      planted.push(
        account({
          name: `Planted ${i}`,
          industry: 'manufacturing',
          spend: 3_000_000 + i * 50_000,
          employees: 3000 + i * 100,
          custom: { lines: 20 + i, erp: 'sap' },
        }),
      )
    const others = ['retail', 'finance', 'education', 'logistics']
    const ordinary: string[] = []
    for (let i = 0; i < 16; i++)
      ordinary.push(
        account({
          name: `Ordinary ${i}`,
          industry: others[i % 4]!,
          spend: 60_000 + i * 5_000,
          employees: 40 + i * 10,
          custom: { lines: 1 + (i % 2), erp: i % 2 ? 'kingdee' : 'none' },
        }),
      )
    for (let i = 0; i < 3; i++)
      lookalikes.push(
        account({
          name: `Lookalike ${i}`,
          industry: 'manufacturing',
          spend: 400_000,
          employees: 2800,
          custom: { lines: 22, erp: 'sap' },
          ...(i === 0 ? { owner: org.sales.userId } : {}),
        }),
      )
    salesLookalike = lookalikes[0]!
    // Four planted accounts renewed their ended contract (the renewal still runs); four ordinary ones did not.
    for (let i = 0; i < 4; i++) {
      contractRows.push({
        accountId: planted[i]!,
        n: `p${i}a`,
        start: day(-500),
        end: day(-135),
        status: 'ended',
      })
      contractRows.push({
        accountId: planted[i]!,
        n: `p${i}b`,
        start: day(-140),
        end: day(230),
        status: 'active',
      })
      contractRows.push({
        accountId: ordinary[i]!,
        n: `o${i}`,
        start: day(-400),
        end: day(-40),
        status: 'ended',
      })
    }
    // Inserted as rows: the clustering reads tables, and 27 accounts through the API cost a minute of events.
    await env.rt.database.db.transaction(async (tx) => {
      await tx.insert(accounts).values(
        rows.map((r) => ({
          id: r.id,
          workspaceId: org.wsId,
          name: r.name,
          industry: r.industry,
          annualSpend: r.spend.toFixed(2),
          tier: r.spend >= 1_000_000 ? 'strategic' : 'growth',
          employees: r.employees,
          custom: r.custom as Record<string, unknown>,
          ownerId: r.owner ?? org.admin.userId,
        })),
      )
      await tx.insert(contracts).values(
        contractRows.map((c) => ({
          id: newId(),
          workspaceId: org.wsId,
          accountId: c.accountId,
          number: `C-${c.n}`,
          amount: '100000.00',
          status: c.status,
          startDate: c.start,
          endDate: c.end,
        })),
      )
    })
  }, 60_000)
  afterAll(async () => env?.close())

  it('answers plainly before any run, in the caller’s language', async () => {
    const en = await org.sales.get('/api/v1/insights/clusters')
    expect(en.status).toBe(200)
    expect(en.body).toMatchObject({ k: 0, silhouette: null, asOf: null, clusters: [], run: null })
    expect(en.body.message).toMatch(/No clustering has run yet/)
    const zh = await org.sales.get('/api/v1/insights/clusters?lang=zh-CN')
    expect(zh.body.message).toMatch(/尚未运行聚类/)
    const none = await org.admin.get('/api/v1/insights/clusters/lookalikes')
    expect(none.body).toMatchObject({ bestClusterId: null, data: [] })
  })

  it('lets only people who read every account start a run', async () => {
    const refused = await org.sales.post('/api/v1/insights/clusters/run')
    expect(refused.status).toBe(403)
    expect(refused.body.code).toBe('forbidden')
  })

  it('runs as a job and finds the planted cluster, named best, described by what sets it apart', async () => {
    const started = await org.admin.post('/api/v1/insights/clusters/run')
    expect(started.status).toBe(202)
    expect(started.body.jobId).toMatch(/^[0-9a-f-]{36}$/)
    const done = await waitFor(async () => {
      const r = (await org.manager.get('/api/v1/insights/clusters')).body
      return r.k > 0 && r.run === null ? r : null
    })
    expect(AccountClusters.safeParse(done).success).toBe(true)
    expect(done.accounts).toBe(27)
    expect(done.k).toBeGreaterThanOrEqual(2)
    expect(done.silhouette).toBeGreaterThan(0.25)
    expect(done.features.map((f: any) => f.field)).toEqual(
      expect.arrayContaining(['annualSpend', 'employees', 'industry', 'custom.lines', 'custom.erp']),
    )
    const best = done.clusters.filter((c: any) => c.best)
    expect(best).toHaveLength(1)
    const b = best[0]
    // The eight planted accounts, with the lookalikes perhaps (they share all but the spend).
    expect(b.size).toBeGreaterThanOrEqual(8)
    expect(b.size).toBeLessThanOrEqual(11)
    expect(b.renewalRate).toBe(1)
    expect(b.endedContracts).toBe(4)
    expect(Number(b.meanArr)).toBeGreaterThan(1_000_000)
    const trait = (f: string) => b.traits.find((t: any) => t.field === f)
    expect(trait('industry=manufacturing')).toMatchObject({
      direction: 'more',
      label: 'Industry: Manufacturing',
    })
    expect(trait('custom.erp=sap')).toMatchObject({ direction: 'more' })
    expect(trait('custom.lines')?.direction ?? trait('annualSpend')?.direction).toBe('higher')
    expect(b.description.length).toBeGreaterThan(10)
    const rest = done.clusters.filter((c: any) => !c.best)
    expect(rest.some((c: any) => c.renewalRate === 0)).toBe(true)

    const zh = (await org.manager.get('/api/v1/insights/clusters?lang=zh-CN')).body
    const zb = zh.clusters.find((c: any) => c.best)
    expect(zb.traits.find((t: any) => t.field === 'industry=manufacturing').label).toBe('行业：制造业')
    expect(zb.description).toMatch(/[\u4e00-\u9fff]/)
    expect(zh.bestRule).toMatch(/续约率/)
  })

  it('lists the accounts like the best that are not yet strategic, only those the caller may read', async () => {
    const all = await org.admin.get('/api/v1/insights/clusters/lookalikes?limit=5')
    expect(all.status).toBe(200)
    expect(Lookalikes.safeParse(all.body).success).toBe(true)
    expect(all.body.data).toHaveLength(5)
    expect(
      all.body.data
        .slice(0, 3)
        .map((l: any) => l.accountId)
        .sort(),
    ).toEqual([...lookalikes].sort())
    for (const l of all.body.data) {
      expect(l.tier).not.toBe('strategic')
      expect(l.potentialClass).not.toBe('A')
      expect(planted).not.toContain(l.accountId)
    }
    const first = all.body.data[0]
    expect(first.reasons.join(' | ')).toMatch(/Manufacturing|SAP|Production lines/)
    expect(first.similarity).toBeGreaterThanOrEqual(0)
    expect(first.similarity).toBeLessThanOrEqual(1)
    const distances = all.body.data.map((l: any) => l.distance)
    expect(distances).toEqual([...distances].sort((x: number, y: number) => x - y))
    const mine = (await org.sales.get('/api/v1/insights/clusters/lookalikes')).body.data
    expect(mine.map((l: any) => l.accountId)).toEqual([salesLookalike])
    expect((await org.outsider.get('/api/v1/insights/clusters/lookalikes')).body.data).toEqual([])
  })

  it('gives the same clusters again and keeps only the latest run', async () => {
    const before = (await org.admin.get('/api/v1/insights/clusters')).body
    const again = await org.admin.post('/api/v1/jobs/run', { job: 'insight_clusters' })
    expect(again.status).toBe(200)
    const after = (await org.admin.get('/api/v1/insights/clusters')).body
    expect(after.asOf).not.toBe(before.asOf)
    expect(after.clusters).toEqual(before.clusters)
    const rows = await env.rt.database.db.execute(
      sql`select count(*)::int as n from insight_cluster_runs where workspace_id = ${org.wsId}`,
    )
    expect((rows as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(1)
  })
})
