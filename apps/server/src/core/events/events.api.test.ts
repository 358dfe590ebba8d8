import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq, sql } from 'drizzle-orm'
import { dbKind, makeOrg, startTestApp, type Org, type TestEnv, waitFor } from '../../../test/harness'
import { countingHandler } from '../../../test/fixtures/handlers'
import { accountCollection } from '../../modules/accounts'
import { contactCollection } from '../../modules/contacts'
import { outbox, eventReceipts } from './outbox.table'
import type { EventHandler } from './registry'
import type { Ctx } from '../context'
import { openDatabase } from '../db/open'

describe('event delivery through the outbox and pg-boss', () => {
  const attempts = new Map<string, number>()
  const handled: string[] = []
  const flaky: EventHandler = {
    name: 'test.flaky',
    events: ['account.*'],
    retryDelaySeconds: 1,
    async handle(_tx, event) {
      const n = (attempts.get(event.id) ?? 0) + 1
      attempts.set(event.id, n)
      if (n === 1) throw new Error('crash on the first try')
      handled.push(event.id)
    },
  }
  // Fails for one account name, always; records which transaction handled each event.
  const transactions = new Map<unknown, number>()
  const picky: EventHandler = {
    name: 'test.picky',
    events: ['account.created'],
    retryLimit: 0,
    async handle(tx, event) {
      transactions.set(tx, (transactions.get(tx) ?? 0) + 1)
      if ((event.payload as { record: { name: string } }).record.name === 'Poison')
        throw new Error('this one always fails')
      await tx.execute(sql`insert into test_picky (event_id) values (${event.id})`)
    },
  }
  // Takes a batch at once when it can: records each call's events (a recompute once per batch).
  const manyCalls: string[][] = []
  const singleCalls: string[] = []
  const many: EventHandler = {
    name: 'test.many',
    events: ['contact.created'],
    async handle(_tx, event) {
      singleCalls.push(event.id)
    },
    async handleMany(_tx, events) {
      manyCalls.push(events.map((e) => e.id))
    },
  }
  let env: TestEnv
  let org: Org
  beforeAll(async () => {
    env = await startTestApp({ handlers: [flaky, picky, many] })
    org = await makeOrg(env)
    await env.rt.database.db.execute(sql`create table test_picky (event_id uuid not null)`)
  })
  afterAll(() => env?.close())

  it('handles a batch of events in one transaction; one failing event fails alone', async () => {
    const ctx: Ctx = { ws: org.wsId, principal: { ...(await principalOf(env, org)) }, events: env.rt.events }
    const names = ['Batch 1', 'Batch 2', 'Poison', 'Batch 3', 'Batch 4']
    // One commit queues the five jobs together, so the worker fetches them as one batch.
    const ids = await env.rt.database.db.transaction(async (tx) => {
      const out: string[] = []
      for (const name of names) out.push((await accountCollection.create(tx, ctx, { name })).id)
      return out
    })
    const db = env.rt.database.db
    const events = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.workspaceId, org.wsId)))
    const eventOf = (id: string) => events.find((e) => e.entityId === id && e.type === 'account.created')!
    const handledRows = async () =>
      (
        (await db.execute(sql`select event_id::text as id from test_picky`)) as unknown as {
          rows: { id: string }[]
        }
      ).rows.map((r) => r.id)
    const good = ids.filter((_, i) => names[i] !== 'Poison').map((id) => eventOf(id).id)
    await waitFor(async () => (await handledRows()).length >= good.length)
    await waitFor(async () => {
      const r = (await db.execute(
        sql`select state from pgboss.job where name = 'event.test.picky' and data->>'id' = ${eventOf(ids[2]!).id}`,
      )) as unknown as { rows: { state: string }[] }
      return r.rows[0]?.state === 'failed'
    })
    // Each good event took effect exactly once, with its receipt; the failing one left neither.
    expect((await handledRows()).sort()).toEqual([...good].sort())
    const receipts = await db.select().from(eventReceipts).where(eq(eventReceipts.handler, 'test.picky'))
    expect(receipts.map((r) => r.eventId).sort()).toEqual([...good].sort())
    // The batch was tried in one transaction first, then, once it rolled back, one by one: more calls than
    // events. (Not "a transaction saw several": pg-boss orders the batch by random job id, so the poison may
    // come first and end the batch's transaction at its first call.)
    const calls = [...transactions.values()].reduce((a, b) => a + b, 0)
    expect(calls).toBeGreaterThan(names.length)
  })

  it('gives a handler with handleMany its batch in one call, in order, each event once', async () => {
    const ctx: Ctx = { ws: org.wsId, principal: { ...(await principalOf(env, org)) }, events: env.rt.events }
    const account = await org.admin.post('/api/v1/accounts', { name: 'Many contacts' })
    const ids = await env.rt.database.db.transaction(async (tx) => {
      const out: string[] = []
      for (const n of [1, 2, 3, 4])
        out.push((await contactCollection.create(tx, ctx, { accountId: account.body.id, name: `C ${n}` })).id)
      return out
    })
    const events = await env.rt.database.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.workspaceId, org.wsId), eq(outbox.type, 'contact.created')))
    const wanted = ids.map((id) => events.find((e) => e.entityId === id)!.id)
    await waitFor(() => [...manyCalls.flat(), ...singleCalls].length >= wanted.length)
    // One commit queued the four together: one call took them all, in the order they were written.
    expect(manyCalls).toEqual([wanted])
    expect(singleCalls).toEqual([])
  })

  it('retries a crashed handler and then handles the event once', async () => {
    const a = await org.admin.post('/api/v1/accounts', { name: 'Retry me' })
    expect(a.status).toBe(201)
    const [event] = await env.rt.database.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.workspaceId, org.wsId), eq(outbox.entityId, a.body.id)))
    await waitFor(() => handled.includes(event!.id))
    expect(attempts.get(event!.id)).toBe(2)
    const receipts = await env.rt.database.db
      .select()
      .from(eventReceipts)
      .where(and(eq(eventReceipts.eventId, event!.id), eq(eventReceipts.handler, 'test.flaky')))
    expect(receipts).toHaveLength(1)
  })

  it('writes no event and queues no job for a write that rolled back', async () => {
    let createdId = ''
    const ctx: Ctx = { ws: org.wsId, principal: { ...(await principalOf(env, org)) }, events: env.rt.events }
    await expect(
      env.rt.database.db.transaction(async (tx) => {
        createdId = (await accountCollection.create(tx, ctx, { name: 'Never committed' })).id
        throw new Error('boom after the write')
      }),
    ).rejects.toThrow('boom')
    expect(createdId).not.toBe('')
    const db = env.rt.database.db
    expect(await db.select().from(outbox).where(eq(outbox.entityId, createdId))).toEqual([])
    const jobs = (await db.execute(
      sql`select count(*)::int as n from pgboss.job where name = 'event.test.flaky' and data->>'entityId' = ${createdId}`,
    )) as unknown as { rows: { n: number }[] }
    expect(jobs.rows[0]!.n).toBe(0)
    expect((await org.admin.get(`/api/v1/accounts/${createdId}`)).status).toBe(404)
  })
})

async function principalOf(env: TestEnv, org: Org) {
  const { resolvePrincipal } = await import('../../modules/users')
  return (await resolvePrincipal(env.rt.database.db, org.admin.token))!
}

describe.runIf(dbKind === 'postgres')('two worker processes on PostgreSQL', () => {
  let env: TestEnv
  let org: Org
  const workers: ChildProcess[] = []
  beforeAll(async () => {
    // The API process only sends; the two workers race for the jobs.
    env = await startTestApp({ role: 'api', handlers: [countingHandler(async () => undefined)] })
    org = await makeOrg(env)
    await env.rt.database.db.execute(
      sql`create table test_handled (event_id uuid not null, pid int not null)`,
    )
    const fixture = path.join(__dirname, '../../../test/fixtures/worker-process.ts')
    for (let i = 0; i < 2; i++) {
      const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
        env: { ...process.env, DATABASE_URL: env.config.databaseUrl },
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      workers.push(child)
      await new Promise<void>((resolve, reject) => {
        child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve())
        child.on('exit', (code) => reject(new Error(`worker exited with ${code}`)))
      })
    }
  }, 60_000)
  afterAll(async () => {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise((resolve) =>
            w.exitCode !== null ? resolve(null) : (w.on('exit', resolve), w.kill('SIGTERM')),
          ),
      ),
    )
    await env?.close()
  })

  it('handles each event exactly once', async () => {
    const n = 30
    for (let i = 0; i < n; i++)
      expect((await org.admin.post('/api/v1/accounts', { name: `Once ${i}` })).status).toBe(201)
    const db = env.rt.database.db
    const count = async () =>
      (
        (await db.execute(sql`select count(*)::int as n from test_handled`)) as unknown as {
          rows: { n: number }[]
        }
      ).rows[0]!.n
    await waitFor(async () => (await count()) >= n)
    await new Promise((r) => setTimeout(r, 1500)) // room for any duplicate to show up
    const rows = (
      (await db.execute(
        sql`select event_id, count(*)::int as n from test_handled group by event_id`,
      )) as unknown as {
        rows: { event_id: string; n: number }[]
      }
    ).rows
    expect(rows).toHaveLength(n)
    expect(rows.every((r) => r.n === 1)).toBe(true)
    const created = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.workspaceId, org.wsId), eq(outbox.type, 'account.created')))
    expect(new Set(rows.map((r) => r.event_id))).toEqual(new Set(created.map((e) => e.id)))
  })
})

describe('stopping', () => {
  it('finishes a running job before closing the database', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openkam-stop-'))
    let started = false
    const slow: EventHandler = {
      name: 'test.slow',
      events: ['account.created'],
      async handle() {
        started = true
        await new Promise((r) => setTimeout(r, 1500))
      },
    }
    // Run one by one (not transactional): stopping after the first, the other two go back to the queue.
    let pokes = 0
    const slowpoke: EventHandler = {
      name: 'test.slowpoke',
      events: ['account.updated'],
      transactional: false,
      async handle(_tx, event) {
        if (!(event.payload as { changed?: string[] }).changed?.includes('website')) return
        pokes++
        await new Promise((r) => setTimeout(r, 1500))
      },
    }
    const env = await startTestApp({
      handlers: [slow, slowpoke],
      env: dbKind === 'pglite' ? { OPENKAM_DATA_DIR: path.join(dir, 'data') } : {},
    })
    try {
      const org = await makeOrg(env)
      const a = await org.admin.post('/api/v1/accounts', { name: 'Slow one' })
      await waitFor(() => started)
      const ctx: Ctx = {
        ws: org.wsId,
        principal: { ...(await principalOf(env, org)) },
        events: env.rt.events,
      }
      await env.rt.database.db.transaction(async (tx) => {
        for (const i of [1, 2, 3])
          await accountCollection.update(tx, ctx, a.body.id, {
            version: a.body.version + i - 1,
            website: `https://${i}.example`,
          })
      })
      await waitFor(() => pokes === 1)
      await env.app.close()
      await env.rt.stop()
      const again = await openDatabase(env.config)
      try {
        expect(pokes).toBe(1)
        const jobs = (await again.db.execute(
          sql`select state, retry_count::int as retries from pgboss.job where name = 'event.test.slowpoke' and data->'payload'->'changed' ? 'website' order by state::text`,
        )) as unknown as { rows: { state: string; retries: number }[] }
        expect(jobs.rows).toEqual([
          { state: 'completed', retries: 0 },
          { state: 'created', retries: 0 },
          { state: 'created', retries: 0 },
        ])
        const [event] = await again.db.select().from(outbox).where(eq(outbox.entityId, a.body.id))
        const receipts = await again.db
          .select()
          .from(eventReceipts)
          .where(and(eq(eventReceipts.eventId, event!.id), eq(eventReceipts.handler, 'test.slow')))
        expect(receipts).toHaveLength(1)
      } finally {
        await again.close()
      }
    } finally {
      await env.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }, 120_000)
})
