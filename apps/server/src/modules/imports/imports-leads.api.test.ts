import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, count, eq, inArray, sql } from 'drizzle-orm'
import { makeOrg, startTestApp, waitFor, type Org, type TestEnv } from '../../../test/harness'
import { auditLog } from '../../core/audit/audit.table'
import { outbox } from '../../core/events/outbox.table'
import { leads } from '../leads'
import { uploadFile } from './test-upload'

let env: TestEnv
let org: Org
beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  // Hot leads go round robin to one salesperson, so that who gets them is known.
  const cur = (await org.admin.get('/api/v1/lead-scoring')).body
  const res = await org.admin.put('/api/v1/lead-scoring', {
    version: cur.version,
    routing: { ...cur.routing, strategy: 'round_robin', userIds: [org.sales.userId] },
  })
  expect(res.status).toBe(200)
  // The settings change queues a rescore of the workspace: let it finish, so that it scores no import.
  await waitFor(async () => (await rescoreJobs(true)) === 0)
})
afterAll(() => env?.close())

const run = Math.random().toString(36).slice(2, 7)
const db = () => env.rt.database.db
const leadCount = async () =>
  Number((await db().select({ n: count() }).from(leads).where(eq(leads.workspaceId, org.wsId)))[0]!.n)
const outboxOf = (type: string) =>
  db()
    .select()
    .from(outbox)
    .where(and(eq(outbox.workspaceId, org.wsId), eq(outbox.type, type)))
/** The workspace's `leads_rescore` jobs: those waiting or running, or all of them. */
const rescoreJobs = async (pending = false) => {
  const r = (await db().execute(
    sql`select count(*)::int as n from pgboss.job where name = 'job.leads_rescore' and data->>'ws' = ${org.wsId}
      and (${!pending} or state::text in ('created', 'retry', 'active'))`,
  )) as unknown as { rows: { n: number }[] }
  return r.rows[0]!.n
}
const byEmail = async (email: string) => {
  const list = (await org.admin.get(`/api/v1/leads?email=${encodeURIComponent(email)}`)).body.data as any[]
  expect(list).toHaveLength(1)
  return list[0]
}
const notesAbout = async (id: string) =>
  ((await org.sales.get('/api/v1/notifications?limit=100')).body.data as any[]).filter(
    (n) => n.relatedId === id,
  )

const lin = `lin-${run}@acme-precision.cn`
const sun = `sun-${run}@163.com`
const zhao = `zhao-${run}@quiet.cn`
// Row 2 scores 70 (hot): manufacturing 15, 1,200 employees 20, CIO 15, Shanghai 5, referral 10, company e-mail 5.
const file = [
  'Name,Company,E-mail,Title,Industry,Employees,Region,Source,Status',
  `Lin Tao,Acme ${run},${lin},CIO,manufacturing,1200,Shanghai,referral,`,
  `Sun Yue,Small Shop ${run},${sun},,,,,广告,跟进中`,
  `Bad Mail,Bad ${run},not-an-email,,,,,,`,
  `Sun Again,Other ${run},SUN-${run}@163.com,,,,,,`,
  `Old Again,,OLD-${run}@lead.cn,,,,,,`,
  `lin tao,ACME ${run},,,,,,,`,
  `Zhao Min,Quiet ${run},${zhao},经理,,,,,`,
  `Wu Lei,Loud ${run},,,retail,,,tv,`,
].join('\n')

describe('POST /api/v1/imports of leads', () => {
  let existing: { id: string }
  beforeAll(async () => {
    const res = await org.admin.post('/api/v1/leads', { name: 'Old Lead', email: `old-${run}@lead.cn` })
    expect(res.status).toBe(201)
    existing = res.body
  })

  it('reports row, column and reason of bad rows and duplicates, and writes nothing in all-or-nothing mode', async () => {
    const before = await leadCount()
    const res = await uploadFile(env.app, org.admin, { object: 'leads' }, 'leads.csv', file)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ object: 'leads', status: 'failed', total: 8, failed: 5, created: 0 })
    expect(res.body.errors).toEqual([
      { row: 4, column: 'E-mail', field: 'email', message: 'must be an e-mail address', kind: 'invalid' },
      {
        row: 5,
        column: 'E-mail',
        field: 'email',
        message: 'duplicate of row 3: same e-mail',
        kind: 'duplicate',
      },
      {
        row: 6,
        column: 'E-mail',
        field: 'email',
        message: `duplicate of the existing lead "Old Lead" (${existing.id}): same e-mail`,
        kind: 'duplicate',
      },
      {
        row: 7,
        column: 'Name',
        field: 'name',
        message: 'duplicate of row 2: same company and name',
        kind: 'duplicate',
      },
      {
        row: 9,
        column: 'Source',
        field: 'source',
        message: expect.stringMatching(/^Invalid option/),
        kind: 'invalid',
      },
    ])
    expect(await leadCount()).toBe(before)
  })

  it('checks only in a dry run: counts what would be imported and writes nothing', async () => {
    const [before, events, jobs] = [
      await leadCount(),
      (await outboxOf('import.completed')).length,
      await rescoreJobs(),
    ]
    const res = await uploadFile(
      env.app,
      org.admin,
      { object: 'leads', mode: 'valid_rows', dryRun: 'true' },
      'leads.csv',
      file,
    )
    expect(res.body).toMatchObject({ status: 'done', valid: 3, created: 0, failed: 2, skippedDuplicates: 3 })
    expect(res.body.message).toMatch(/^Dry run: 3 of 8 rows would be imported; 2 of 8 rows were refused/)
    expect(await leadCount()).toBe(before)
    expect(await outboxOf('import.completed')).toHaveLength(events)
    expect(await rescoreJobs()).toBe(jobs)
  })

  it('imports the valid rows, which are scored, and routes the hot one to its new owner once', async () => {
    const [before, jobs] = [await leadCount(), await rescoreJobs()]
    const res = await uploadFile(
      env.app,
      org.admin,
      { object: 'leads', mode: 'valid_rows' },
      'leads.csv',
      file,
    )
    expect(res.body).toMatchObject({ status: 'done', created: 3, failed: 2, skippedDuplicates: 3 })
    expect(res.body.message).toBe('3 leads imported, 3 duplicates skipped; 2 of 8 rows were refused.')
    expect(await leadCount()).toBe(before + 3)

    const summary = (await outboxOf('import.completed')).filter((e) => e.entityId === res.body.id)
    expect(summary.map((e) => e.payload)).toEqual([
      expect.objectContaining({ object: 'leads', created: 3, skippedDuplicates: 3, failed: 2 }),
    ])
    // The summary event queues one rescore of the workspace, which scores and routes the new leads.
    await waitFor(async () => (await rescoreJobs()) === jobs + 1)

    const hot = await waitFor(async () => {
      const l = await byEmail(lin)
      return l.routedAt && l
    })
    expect(hot).toMatchObject({
      name: 'Lin Tao',
      company: `Acme ${run}`,
      source: 'referral',
      status: 'new',
      score: 70,
      ownerId: org.sales.userId,
    })
    const notes = await waitFor(async () => {
      const n = await notesAbout(hot.id)
      return n.length > 0 && n
    })
    expect(notes).toHaveLength(1)
    expect(notes[0].subject).toContain('Lin Tao')

    // Unowned below the threshold: scored, waiting; the source defaults to "import".
    const cold = await waitFor(async () => {
      const l = await byEmail(sun)
      return l.scoredAt && l
    })
    expect(cold).toMatchObject({ score: 3, ownerId: null, routedAt: null, source: 'ads', status: 'working' })
    const quiet = await waitFor(async () => {
      const l = await byEmail(zhao)
      return l.scoredAt && l
    })
    expect(quiet).toMatchObject({ score: 10, ownerId: null, routedAt: null, source: 'import' })

    const ids = [hot.id, cold.id, quiet.id]
    const audits = await db()
      .select({ entityId: auditLog.entityId, action: auditLog.action })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.workspaceId, org.wsId),
          eq(auditLog.entityType, 'lead'),
          eq(auditLog.action, 'create'),
          inArray(auditLog.entityId, ids),
        ),
      )
    expect(audits.map((a) => a.entityId).sort()).toEqual([...ids].sort())

    // A later rescore (the nightly job) neither routes nor notifies again.
    expect((await org.admin.post('/api/v1/jobs/run', { job: 'leads_rescore' })).status).toBe(200)
    expect(await notesAbout(hot.id)).toHaveLength(1)
    expect((await outboxOf('lead.routed')).filter((e) => e.entityId === hot.id)).toHaveLength(1)
    expect((await byEmail(lin)).ownerId).toBe(org.sales.userId)
  })

  it('gives a salesperson the leads they import, by Chinese headers, without routing them', async () => {
    const email = `own-${run}@acme-precision.cn`
    const csv = [
      '姓名,公司,邮箱,职位,行业,员工数,区域,来源',
      `Qian Hui,Own Co ${run},${email},CIO,制造业,1200,Shanghai,转介绍`,
    ].join('\n')
    const res = await org.sales.post('/api/v1/imports', { object: 'leads', content: csv })
    expect(res.body).toMatchObject({ status: 'done', created: 1 })
    expect(res.body.columns.map((c: { field: string }) => c.field)).toEqual([
      'name',
      'company',
      'email',
      'title',
      'industry',
      'employees',
      'region',
      'source',
    ])
    const lead = await waitFor(async () => {
      const l = await byEmail(email)
      return l.scoredAt && l
    })
    expect(lead).toMatchObject({
      ownerId: org.sales.userId,
      industry: 'manufacturing',
      source: 'referral',
      score: 70,
      routedAt: null,
    })
  })
})
