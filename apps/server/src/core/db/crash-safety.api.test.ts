import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { dbKind, PASSWORD, testDatabaseUrl, waitFor } from '../../../test/harness'
import { lockPathOf } from './data-dir-lock'

// Issue 22, point 6: the server is killed with SIGKILL while four clients write, and started again at once
// on the same data folder (PGlite) or database (PostgreSQL). Every write it acknowledged must be there with
// its audit entry and its event, and each event's jobs must run: the transactional handler's effect exactly
// once, the non-transactional handler at least once.
const fixture = path.join(__dirname, '../../../test/fixtures/crash-server.ts')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openkam-crash-'))
const dataDir = path.join(dir, 'data')
const deliveriesFile = path.join(dir, 'deliveries.log')
const ADMIN = 'crash-admin@openkam.test'
const WRITERS = 4
/** Acknowledged writes before the kill: enough that the test cannot pass on a handful. */
const MIN_ACKED = 20
const QUEUES = `('event.test.count', 'event.test.deliveries')`

type Server = {
  child: ChildProcess
  base: string
  stderr(): string
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>
  expireJobs(): Promise<void>
}

const servers: ChildProcess[] = []
afterAll(() => {
  for (const c of servers) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
  fs.rmSync(dir, { recursive: true, force: true })
})

async function startServer(databaseUrl: string | undefined): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
    env: {
      ...process.env,
      OPENKAM_DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl ?? '',
      OPENKAM_ADMIN_EMAIL: ADMIN,
      OPENKAM_ADMIN_PASSWORD: PASSWORD,
      OPENKAM_LOG_LEVEL: 'warn',
      CRASH_DELIVERIES: deliveriesFile,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  servers.push(child)
  let err = ''
  child.stderr!.on('data', (d) => (err += d))
  const port = await new Promise<number>((resolve, reject) => {
    let out = ''
    child.stdout!.on('data', (d: Buffer) => {
      out += d
      const m = /ready (\d+)/.exec(out)
      if (m) resolve(Number(m[1]))
    })
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${err}`)))
  })
  let next = 0
  const pending = new Map<number, (m: { rows?: unknown[]; error?: string }) => void>()
  child.on('message', (m: { id: number; rows?: unknown[]; error?: string }) => pending.get(m.id)?.(m))
  const ask = (msg: object) =>
    new Promise<unknown[]>((resolve, reject) => {
      const id = ++next
      pending.set(id, (m) => (m.error ? reject(new Error(m.error)) : resolve(m.rows!)))
      child.send({ id, ...msg })
    })
  return {
    child,
    base: `http://127.0.0.1:${port}`,
    stderr: () => err,
    query: (sql) => ask({ sql }) as never,
    expireJobs: async () => void (await ask({ expire: true })),
  }
}

async function signIn(base: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN, password: PASSWORD }),
  })
  expect(res.status).toBe(200)
  return ((await res.json()) as { token: string }).token
}

const exited = (c: ChildProcess) =>
  new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r())))
const inList = (ids: string[]) => `(${ids.map((id) => `'${id}'`).join(', ')})`

describe('crash safety (kill -9 under concurrent writers)', () => {
  it('keeps every acknowledged write and its audit entry, restarts at once, and runs each event job to one effect', async () => {
    const databaseUrl = await testDatabaseUrl()
    const first = await startServer(databaseUrl)
    const token = await signIn(first.base)

    // Writers: each acknowledged write (201 with its id) is recorded; a refused one fails the test; the
    // writer stops at the first connection error (the kill).
    const acked: string[] = []
    const refused: string[] = []
    let killed = false
    const writer = async (w: number) => {
      for (let i = 0; ; i++) {
        let res: Response
        try {
          res = await fetch(`${first.base}/api/v1/accounts`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ name: `Crash ${w}-${i}` }),
          })
          const body = (await res.json()) as { id?: string }
          if (res.status === 201 && body.id) acked.push(body.id)
          else refused.push(`${res.status} ${JSON.stringify(body)}`)
        } catch (err) {
          if (!killed) refused.push(String(err))
          return
        }
      }
    }
    const writing = Array.from({ length: WRITERS }, (_, w) => writer(w))
    // Killed once enough writes were acknowledged and while a job is running (a batch of slow deliveries).
    const running = async () =>
      (
        await first.query<{ n: number }>(
          `select count(*)::int as n from pgboss.job where name = 'event.test.deliveries' and state = 'active'`,
        )
      )[0]!.n > 0
    // (The embedded server on a loaded 2-core machine acknowledges about one account a second.)
    await waitFor(async () => (acked.length >= MIN_ACKED && (await running())) || refused.length > 0, 90_000)
    killed = true
    const killedAt = new Date()
    first.child.kill('SIGKILL')
    await exited(first.child)
    await Promise.all(writing)
    expect(refused).toEqual([])
    expect(first.child.signalCode).toBe('SIGKILL')
    // The embedded server's lock is still there, fresh: the restart must see that its owner is gone.
    if (dbKind === 'pglite') expect(fs.existsSync(lockPathOf(dataDir))).toBe(true)

    // Started again at once: no refusal, nothing on stderr.
    const second = await startServer(databaseUrl)
    expect(second.stderr()).toBe('')

    const ids = inList(acked)
    const accounts = await second.query<{ id: string }>(`select id from accounts where id in ${ids}`)
    expect(new Set(accounts.map((a) => a.id))).toEqual(new Set(acked))
    const audit = await second.query<{ entity_id: string; n: number }>(
      `select entity_id, count(*)::int as n from audit_log
       where entity_type = 'account' and action = 'create' and entity_id in ${ids} group by entity_id`,
    )
    expect(audit).toHaveLength(acked.length)
    expect(audit.every((a) => a.n === 1)).toBe(true)
    const events = await second.query<{ id: string; entity_id: string }>(
      `select id, entity_id from outbox where type = 'account.created' and entity_type = 'account'`,
    )
    const ackedEvents = events.filter((e) => acked.includes(e.entity_id))
    expect(ackedEvents).toHaveLength(acked.length)

    // Jobs the killed process held `active`: the embedded server put them back in the queue as it started
    // (core/jobs/orphans.ts). On PostgreSQL another worker might hold them, so they wait for pg-boss's
    // expiry (15 minutes, then its 2-minute maintenance): the test moves their start back by that and runs
    // the expiry now.
    const orphaned = await second.query<{ id: string }>(
      `select id from pgboss.job where name in ${QUEUES} and state = 'active'
       and started_on < '${killedAt.toISOString()}'`,
    )
    if (dbKind === 'pglite') expect(orphaned).toEqual([])
    else if (orphaned.length > 0) {
      await second.query(
        `update pgboss.job set started_on = now() - expire_in - interval '1 second'
         where id in ${inList(orphaned.map((j) => j.id))}`,
      )
      await second.expireJobs()
    }

    // Every committed account.created event (acknowledged or not), once both queues have drained.
    await waitFor(
      async () =>
        (
          await second.query<{ n: number }>(
            `select count(*)::int as n from pgboss.job where name in ${QUEUES} and state < 'completed'`,
          )
        )[0]!.n === 0,
    )
    const failed = await second.query(
      `select id, output from pgboss.job where name in ${QUEUES} and state = 'failed'`,
    )
    expect(failed).toEqual([])
    const handled = await second.query<{ event_id: string; n: number }>(
      `select event_id, count(*)::int as n from test_handled group by event_id`,
    )
    expect(new Map(handled.map((h) => [h.event_id, h.n]))).toEqual(new Map(events.map((e) => [e.id, 1])))
    const delivered = new Map<string, number>()
    for (const id of fs.readFileSync(deliveriesFile, 'utf8').split('\n').filter(Boolean))
      delivered.set(id, (delivered.get(id) ?? 0) + 1)
    expect(new Set(delivered.keys())).toEqual(new Set(events.map((e) => e.id)))

    const twice = [...delivered.values()].filter((n) => n > 1).length
    const [retried] = await second.query<{ n: number }>(
      `select count(*)::int as n from pgboss.job where name in ${QUEUES} and retry_count > 0`,
    )
    console.info(
      `crash safety (${dbKind}): ${acked.length} writes acknowledged before the kill, ${events.length} committed; ` +
        `${retried!.n} jobs run again after the crash (${orphaned.length} still waiting for their expiry); ` +
        `${twice} events delivered twice to the non-transactional handler, each handled once in its transaction`,
    )

    second.child.kill('SIGTERM')
    await exited(second.child)
    expect(second.child.exitCode).toBe(0)
  }, 180_000)
})
