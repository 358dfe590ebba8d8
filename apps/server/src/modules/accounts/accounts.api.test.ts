import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { makeOrg, startTestApp, type Org, type TestEnv } from '../../../test/harness'
import { auditLog } from '../../core/audit/audit.table'
import { outbox } from '../../core/events/outbox.table'

let env: TestEnv
let org: Org
let other: Org

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  other = await makeOrg(env)
})
afterAll(() => env?.close())

describe('accounts API', () => {
  it('creates an account with 201, id and version 1, owned by the creator', async () => {
    const res = await org.sales.post('/api/v1/accounts', {
      name: '华锐精密',
      industry: 'manufacturing',
      annualSpend: { amount: '1200000.00', currency: 'CNY' },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({ name: '华锐精密', version: 1, ownerId: org.sales.userId })
    expect(res.body.annualSpend).toEqual({ amount: '1200000.00', currency: 'CNY' })
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('lists every invalid field in one 400 problem and writes nothing', async () => {
    const before = await org.admin.get('/api/v1/accounts?limit=500')
    const res = await org.admin.post('/api/v1/accounts', {
      name: '',
      industry: 'mining',
      annualSpend: { amount: '12.345' },
      color: 'red',
    })
    expect(res.status).toBe(400)
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(res.body.code).toBe('invalid_input')
    const paths = res.body.errors.map((e: { path: string }) => e.path)
    expect(paths).toEqual(expect.arrayContaining(['name', 'industry', 'annualSpend.amount', 'color']))
    const after = await org.admin.get('/api/v1/accounts?limit=500')
    expect(after.body.data.length).toBe(before.body.data.length)
  })

  it('refuses an owner from another workspace as an invalid field', async () => {
    const res = await org.admin.post('/api/v1/accounts', { name: 'X', ownerId: other.admin.userId })
    expect(res.status).toBe(400)
    expect(res.body.errors).toEqual([{ path: 'ownerId', message: 'no such user in this workspace' }])
  })

  it('pages with a cursor in a stable sort until nextCursor is null', async () => {
    for (let i = 0; i < 7; i++) {
      const r = await org.admin.post('/api/v1/accounts', {
        name: `Page test ${String(i).padStart(2, '0')}`,
        industry: 'retail',
      })
      expect(r.status).toBe(201)
    }
    const seen: string[] = []
    let url = '/api/v1/accounts?limit=3&sort=name&q=Page%20test'
    for (let guard = 0; guard < 10; guard++) {
      const res = await org.admin.get(url)
      expect(res.status).toBe(200)
      seen.push(...res.body.data.map((a: { name: string }) => a.name))
      if (!res.body.nextCursor) break
      url = `/api/v1/accounts?limit=3&sort=name&q=Page%20test&cursor=${res.body.nextCursor}`
    }
    expect(seen).toEqual([...Array(7)].map((_, i) => `Page test ${String(i).padStart(2, '0')}`))
  })

  it('pages backwards by a date with descending sort', async () => {
    const all = await org.admin.get('/api/v1/accounts?limit=500&sort=-createdAt')
    const first = await org.admin.get('/api/v1/accounts?limit=4&sort=-createdAt')
    const second = await org.admin.get(
      `/api/v1/accounts?limit=4&sort=-createdAt&cursor=${first.body.nextCursor}`,
    )
    const ids = [...first.body.data, ...second.body.data].map((a: { id: string }) => a.id)
    expect(ids).toEqual(all.body.data.slice(0, ids.length).map((a: { id: string }) => a.id))
  })

  it('filters by field, several values, owner "me" and ranges', async () => {
    const retail = await org.admin.get('/api/v1/accounts?industry=retail&limit=500')
    expect(retail.body.data.length).toBeGreaterThanOrEqual(7)
    expect(retail.body.data.every((a: { industry: string }) => a.industry === 'retail')).toBe(true)
    const two = await org.admin.get('/api/v1/accounts?industry=retail,manufacturing&limit=500')
    expect(two.body.data.length).toBe(retail.body.data.length + 1)
    const mine = await org.sales.get('/api/v1/accounts?ownerId=me')
    expect(mine.body.data.map((a: { name: string }) => a.name)).toEqual(['华锐精密'])
    const big = await org.admin.get('/api/v1/accounts?annualSpend[gte]=1000000')
    expect(big.body.data.map((a: { name: string }) => a.name)).toEqual(['华锐精密'])
  })

  it('answers 400 naming unknown filters, bad values, a bad sort and a bad cursor', async () => {
    const res = await org.admin.get('/api/v1/accounts?colour=red')
    expect(res.status).toBe(400)
    expect(res.body.errors).toEqual([{ path: 'colour', message: 'not a known parameter' }])
    const bad = await org.admin.get('/api/v1/accounts?industry=mining&ownerId=42')
    expect(bad.status).toBe(400)
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['industry', 'ownerId'])
    expect((await org.admin.get('/api/v1/accounts?sort=colour')).status).toBe(400)
    expect((await org.admin.get('/api/v1/accounts?limit=501')).status).toBe(400)
    const cur = await org.admin.get('/api/v1/accounts?cursor=abc')
    expect(cur.status).toBe(400)
    expect(cur.body.code).toBe('invalid_cursor')
  })

  it('updates with the version read, and answers 409 with the current record on a stale version', async () => {
    const created = (await org.admin.post('/api/v1/accounts', { name: 'Versioned' })).body
    const ok = await org.admin.patch(`/api/v1/accounts/${created.id}`, { version: 1, name: 'Versioned 2' })
    expect(ok.status).toBe(200)
    expect(ok.body.version).toBe(2)
    const stale = await org.admin.patch(`/api/v1/accounts/${created.id}`, { version: 1, name: 'Lost update' })
    expect(stale.status).toBe(409)
    expect(stale.body.code).toBe('version_conflict')
    expect(stale.body.current).toMatchObject({ name: 'Versioned 2', version: 2 })
    const missing = await org.admin.patch(`/api/v1/accounts/${created.id}`, { name: 'No version' })
    expect(missing.status).toBe(400)
    expect(missing.body.errors[0].path).toBe('version')
    expect((await org.admin.get(`/api/v1/accounts/${created.id}`)).body.name).toBe('Versioned 2')
  })

  it('soft-deletes and restores, keeping the record out of lists meanwhile', async () => {
    const a = (await org.admin.post('/api/v1/accounts', { name: 'To the trash' })).body
    const del = await org.admin.del(`/api/v1/accounts/${a.id}`)
    expect(del.status).toBe(200)
    expect(del.body.deletedAt).not.toBeNull()
    expect((await org.admin.get(`/api/v1/accounts/${a.id}`)).status).toBe(404)
    expect((await org.admin.get(`/api/v1/accounts/${a.id}?deleted=include`)).body.id).toBe(a.id)
    const list = await org.admin.get('/api/v1/accounts?q=trash')
    expect(list.body.data).toEqual([])
    const trash = await org.admin.get('/api/v1/accounts?q=trash&deleted=only')
    expect(trash.body.data.map((x: { id: string }) => x.id)).toEqual([a.id])
    const restored = await org.admin.post(`/api/v1/accounts/${a.id}/restore`)
    expect(restored.status).toBe(200)
    expect(restored.body.deletedAt).toBeNull()
    expect((await org.admin.get(`/api/v1/accounts/${a.id}`)).status).toBe(200)
    expect((await org.admin.post(`/api/v1/accounts/${a.id}/restore`)).status).toBe(404)
  })

  it('writes audit entries with before/after and outbox events in the same transaction', async () => {
    const a = (await org.admin.post('/api/v1/accounts', { name: 'Audited', industry: 'saas' })).body
    await org.admin.patch(`/api/v1/accounts/${a.id}`, { version: 1, industry: 'finance' })
    await org.admin.del(`/api/v1/accounts/${a.id}`)
    const db = env.rt.database.db
    // The person's own writes: the engines (segments, tiers, health) may add their own entries for the
    // account meanwhile, under the system's name.
    const mine = (actorId: typeof auditLog.actorId | typeof outbox.actorId) => eq(actorId, org.admin.userId)
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, org.wsId), eq(auditLog.entityId, a.id), mine(auditLog.actorId)))
      .orderBy(auditLog.at, auditLog.id)
    expect(audit.map((e) => e.action)).toEqual(['create', 'update', 'delete'])
    expect(audit[1]).toMatchObject({
      actorId: org.admin.userId,
      actorType: 'user',
      before: { industry: 'saas' },
      after: { industry: 'finance' },
    })
    expect(audit[1]!.requestId).toBeTruthy()
    const events = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.workspaceId, org.wsId), eq(outbox.entityId, a.id), mine(outbox.actorId)))
      .orderBy(outbox.createdAt, outbox.id)
    expect(events.map((e) => e.type)).toEqual(['account.created', 'account.updated', 'account.deleted'])
    expect(events[1]!.payload).toMatchObject({ changed: ['industry'] })
  })

  it('refuses to change the audit trail', async () => {
    const db = env.rt.database.db
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => 'no error',
        (e: Error & { cause?: Error }) => String(e.cause?.message ?? e.message),
      )
    expect(
      await failure(
        db.update(auditLog).set({ action: 'tampered' }).where(eq(auditLog.workspaceId, org.wsId)),
      ),
    ).toMatch(/append-only/)
    expect(await failure(db.delete(auditLog).where(eq(auditLog.workspaceId, org.wsId)))).toMatch(
      /append-only/,
    )
  })
})
