import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { makeOrg, startTestApp, type Org, type TestEnv } from '../../../test/harness'
import { roundTrips } from '../../../test/round-trips'
import { addWriteGuard } from './write-guards'

/**
 * A write of a record is one statement — the row, its audit entry, its outbox row and its handlers' jobs
 * as data-modifying CTEs (ADR 0026) — plus, for a change, the read of the row it changes. Counted at the
 * driver: every statement sent while the request runs, BEGIN and COMMIT included (test/round-trips.ts).
 * The API role runs no job workers, so nothing else touches the rows while a request runs.
 */
describe('writes in few round trips', () => {
  let env: TestEnv
  let org: Org
  // A writer that changes the row between a request's read and its write (set by one test).
  let meddle: ((id: string) => Promise<void>) | null = null
  beforeAll(async () => {
    env = await startTestApp({ role: 'api' })
    org = await makeOrg(env)
    addWriteGuard(async (_tx, _ctx, w) => {
      const m = meddle
      if (w.object !== 'accounts' || !w.id || !m) return
      meddle = null
      await m(w.id)
    })
    // The session and the workspace's custom fields are cached after a first request.
    await org.sales.post('/api/v1/accounts', { name: 'Warm-up Ltd' })
  })
  afterAll(async () => env?.close())

  const rows = async <T>(q: ReturnType<typeof sql>) =>
    ((await env.rt.database.db.execute(q)) as unknown as { rows: T[] }).rows
  const auditOf = (id: string) =>
    rows<{ action: string; before: any; after: any }>(
      sql`select action, before, after from audit_log where entity_id = ${id} order by at, action`,
    )
  const eventsOf = (id: string) =>
    rows<{ id: string; type: string; payload: any }>(
      sql`select id, type, payload from outbox where entity_id = ${id} order by created_at, type`,
    )
  const jobsOf = async (eventId: string) =>
    (await rows<{ name: string }>(sql`select name from pgboss.job where data->>'id' = ${eventId}`))
      .map((j) => j.name)
      .sort()
  const queuesFor = (type: string) =>
    env.rt.registry
      .forEvent(type)
      .map((h) => `event.${h.name}`)
      .sort()

  it('creates an account in one round trip, with its audit entry, outbox row and jobs', async () => {
    const { result, statements } = await roundTrips(() =>
      org.sales.post('/api/v1/accounts', {
        name: 'One Statement Ltd',
        tier: 'growth',
        annualRevenue: { amount: '1200', currency: 'CNY' },
        painPoints: ['slow quotes'],
      }),
    )
    expect(result.status, JSON.stringify(result.body)).toBe(201)
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(2)
    // The counter saw the write itself (it once missed every PGlite statement and this passed on nothing).
    expect(statements.filter((q) => /insert into "accounts"/i.test(q))).toHaveLength(1)
    const stored = (await org.sales.get(`/api/v1/accounts/${result.body.id}`)).body
    expect(stored.annualRevenue).toEqual({ amount: '1200.00', currency: 'CNY' })
    const audit = await auditOf(result.body.id)
    expect(audit.map((a) => a.action)).toEqual(['create'])
    // What the audit entry and the event carry is the record as stored (defaults and numbers as PostgreSQL wrote them).
    expect(audit[0]!.after).toEqual(stored)
    const events = await eventsOf(result.body.id)
    expect(events.map((e) => e.type)).toEqual(['account.created'])
    expect(events[0]!.payload.record).toEqual(stored)
    expect(queuesFor('account.created').length).toBeGreaterThan(0)
    expect(await jobsOf(events[0]!.id)).toEqual(queuesFor('account.created'))
  })

  it('changes an account in two round trips, with its audit entry, outbox row and jobs', async () => {
    const created = (await org.sales.post('/api/v1/accounts', { name: 'Patch Ltd', tier: 'growth' })).body
    const { result, statements } = await roundTrips(() =>
      org.sales.patch(`/api/v1/accounts/${created.id}`, {
        version: created.version,
        name: 'Patched Ltd',
        annualSpend: { amount: '30.5', currency: 'CNY' },
      }),
    )
    expect(result.status, JSON.stringify(result.body)).toBe(200)
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(2)
    expect(statements.filter((q) => /update "accounts"/i.test(q))).toHaveLength(1)
    const stored = (await org.sales.get(`/api/v1/accounts/${created.id}`)).body
    expect(stored).toMatchObject({ name: 'Patched Ltd', version: created.version + 1 })
    expect(result.body).toEqual(stored)
    const audit = await auditOf(created.id)
    expect(audit.map((a) => a.action)).toEqual(['create', 'update'])
    expect(audit[1]).toMatchObject({
      before: { name: 'Patch Ltd', annualSpend: null },
      after: { name: 'Patched Ltd', annualSpend: { amount: '30.50', currency: 'CNY' } },
    })
    const events = await eventsOf(created.id)
    expect(events.map((e) => e.type)).toEqual(['account.created', 'account.updated'])
    expect(events[1]!.payload.record).toEqual(stored)
    expect(events[1]!.payload.changed.sort()).toEqual(['annualSpend', 'name'])
    expect(await jobsOf(events[1]!.id)).toEqual(queuesFor('account.updated'))
  })

  it('loses no change made between the read and the write: the update is redone with the row locked', async () => {
    const created = (await org.sales.post('/api/v1/accounts', { name: 'Race Ltd' })).body
    // Another writer (as the health job does) changes the row without touching its version.
    meddle = async (id) => {
      await env.rt.database.db.execute(
        sql`update accounts set health_score = 42, health_band = 'at_risk' where id = ${id}`,
      )
    }
    const res = await org.sales.patch(`/api/v1/accounts/${created.id}`, { version: 1, name: 'Race 2 Ltd' })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(meddle).toBeNull()
    expect(res.body).toMatchObject({ name: 'Race 2 Ltd', version: 2, health: { score: 42, band: 'at_risk' } })
    const audit = await auditOf(created.id)
    expect(audit.map((a) => a.action)).toEqual(['create', 'update'])
    // The entry holds this request's change alone, the other writer's is not ascribed to it.
    expect(audit[1]).toMatchObject({ before: { name: 'Race Ltd' }, after: { name: 'Race 2 Ltd' } })
    expect(Object.keys(audit[1]!.after)).toEqual(['name'])
    const events = await eventsOf(created.id)
    expect(events.map((e) => e.type)).toEqual(['account.created', 'account.updated'])
    expect(events[1]!.payload.record.health).toEqual({ score: 42, band: 'at_risk' })
  })

  it('writes nothing for a stale version: 409 with the current record', async () => {
    const created = (await org.sales.post('/api/v1/accounts', { name: 'Stale Ltd' })).body
    await org.sales.patch(`/api/v1/accounts/${created.id}`, { version: 1, name: 'Stale 2 Ltd' })
    const res = await org.sales.patch(`/api/v1/accounts/${created.id}`, { version: 1, name: 'Stale 3 Ltd' })
    expect(res.status).toBe(409)
    expect(res.body.current).toMatchObject({ name: 'Stale 2 Ltd', version: 2 })
    expect((await auditOf(created.id)).map((a) => a.action)).toEqual(['create', 'update'])
    expect((await eventsOf(created.id)).map((e) => e.type)).toEqual(['account.created', 'account.updated'])
  })
})
