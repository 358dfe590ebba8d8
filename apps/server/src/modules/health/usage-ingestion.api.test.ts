import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, count, eq, like } from 'drizzle-orm'
import { makeOrg, startTestApp, type Org, type TestEnv, waitFor } from '../../../test/harness'
import { newId } from '../../core/ids'
import { healthRefreshPending, metricValues, usageEvents } from './health.table'
import { markRefreshPending, pendingAccounts, settleRefreshed } from './refresh-pending.repository'

const DAY = 86_400_000
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString()

describe('usage ingestion (POST /api/v1/usage-events)', () => {
  let env: TestEnv
  let org: Org

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
  }, 60_000)
  afterAll(() => env?.close())

  const db = () => env.rt.database.db
  const account = async (name: string) =>
    (await org.sales.post('/api/v1/accounts', { name })).body.id as string
  const stored = async (prefix: string) =>
    (
      await db()
        .select({ n: count() })
        .from(usageEvents)
        .where(and(eq(usageEvents.workspaceId, org.wsId), like(usageEvents.eventId, `${prefix}%`)))
    )[0]!.n
  const derived = async (accountId: string, metric: string) =>
    (
      await db()
        .select({ value: metricValues.value, at: metricValues.at })
        .from(metricValues)
        .where(
          and(
            eq(metricValues.accountId, accountId),
            eq(metricValues.metric, metric),
            eq(metricValues.source, 'derived'),
          ),
        )
    )
      .sort((a, b) => +a.at - +b.at)
      .map((r) => Number(r.value))

  it('stores each eventId once: a batch posted twice, and duplicates inside one batch', async () => {
    const id = await account('Idempotent Co')
    const batch = [
      { accountId: id, type: 'login', actor: 'u1', at: ago(1), eventId: 'idem-1' },
      { accountId: id, type: 'login', actor: 'u1', at: ago(1), eventId: 'idem-1' },
      { accountId: id, type: 'feature_used', actor: 'u2', feature: 'reports', at: ago(2), eventId: 'idem-2' },
      { accountId: id, type: 'login', actor: 'u3', at: ago(3) },
    ]
    const first = await org.sales.post('/api/v1/usage-events', batch)
    expect(first.status).toBe(202)
    expect(first.body).toEqual({ received: 4, accepted: 3, duplicates: 1 })
    const again = await org.sales.post('/api/v1/usage-events', batch.slice(0, 3))
    expect(again.body).toEqual({ received: 3, accepted: 0, duplicates: 3 })
    expect(await stored('idem-')).toBe(2)
  })

  it('refuses a call with a bad event, naming its index, and stores nothing of it', async () => {
    const id = await account('Refused Co')
    const good = (i: number) => ({ accountId: id, type: 'login', at: ago(1), eventId: `bad-${i}` })
    const malformed = await org.sales.post('/api/v1/usage-events', [
      good(0),
      good(1),
      { ...good(2), at: 'yesterday' },
    ])
    expect(malformed.status).toBe(400)
    expect(malformed.body.errors.map((e: any) => e.path)).toEqual(['2.at'])
    const unknown = await org.sales.post('/api/v1/usage-events', [
      good(0),
      { ...good(1), accountId: '01900000-0000-7000-8000-000000000000' },
      { ...good(2), at: new Date(Date.now() + DAY).toISOString() },
    ])
    expect(unknown.status).toBe(400)
    expect(unknown.body.errors).toEqual([
      { path: '1.accountId', message: 'no such account: 01900000-0000-7000-8000-000000000000' },
      { path: '2.at', message: 'must not be in the future' },
    ])
    expect(await stored('bad-')).toBe(0)
  })

  it('takes 10,000 events a call and refuses 10,001', async () => {
    const ids = [await account('Bulk A'), await account('Bulk B')]
    const at = ago(5)
    const events = Array.from({ length: 10_000 }, (_, i) => ({
      accountId: ids[i % 2]!,
      type: i % 2 ? 'login' : 'feature_used',
      actor: `u${i % 50}`,
      ...(i % 2 ? {} : { feature: `f${i % 7}` }),
      at,
      eventId: `bulk-${i}`,
    }))
    const over = await org.sales.post('/api/v1/usage-events', [
      ...events,
      { ...events[0]!, eventId: 'bulk-x' },
    ])
    expect(over.status).toBe(400)
    expect(JSON.stringify(over.body)).toContain('at most 10,000 events per call')
    expect(await stored('bulk-')).toBe(0)
    const ok = await org.sales.post('/api/v1/usage-events', events)
    expect(ok.status).toBe(202)
    expect(ok.body).toEqual({ received: 10_000, accepted: 10_000, duplicates: 0 })
    expect(await stored('bulk-')).toBe(10_000)
  }, 60_000)

  it('keeps the derived usage metrics current after each ingestion', async () => {
    const id = await account('Derived Co')
    const logins = (n: number, from: number) =>
      Array.from({ length: n }, (_, i) => ({
        accountId: id,
        type: 'login',
        actor: `u${i}`,
        at: ago(1 + (i % 20)),
        eventId: `derived-${from + i}`,
      }))
    await org.sales.post('/api/v1/usage-events', logins(30, 0))
    // 30 logins in 30 days → 7 a week.
    expect(await waitFor(async () => (await derived(id, 'login_frequency')).includes(7) && true)).toBe(true)
    await org.sales.post('/api/v1/usage-events', logins(30, 30))
    // 60 → 14 a week: the second batch is refreshed too.
    expect(await waitFor(async () => (await derived(id, 'login_frequency')).at(-1) === 14)).toBe(true)
    await waitFor(async () => !(await pendingAccounts(db(), org.wsId, 10)).length)
  })

  it('refreshes a waiting account again when a batch arrived during its refresh', async () => {
    // Its own workspace id, so that no refresh job of the other tests takes part.
    const id = newId()
    const ws = newId()
    expect(await markRefreshPending(db(), ws, [id, id])).toBe(true)
    const read = (await pendingAccounts(db(), ws, 1000)).filter((p) => p.accountId === id)
    expect(read).toEqual([{ accountId: id, version: 1 }])
    // A batch for the same account arrives while the refresh runs: no new job, the version moves on.
    expect(await markRefreshPending(db(), ws, [id])).toBe(false)
    await settleRefreshed(db(), ws, read)
    const left = await db()
      .select()
      .from(healthRefreshPending)
      .where(and(eq(healthRefreshPending.workspaceId, ws), eq(healthRefreshPending.accountId, id)))
    expect(left).toEqual([{ workspaceId: ws, accountId: id, version: 2 }])
    await settleRefreshed(db(), ws, [{ accountId: id, version: 2 }])
    expect((await pendingAccounts(db(), ws, 1000)).some((p) => p.accountId === id)).toBe(false)
  })
})
