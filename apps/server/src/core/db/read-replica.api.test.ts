import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { dbKind, makeOrg, startTestApp, waitFor, type Org, type TestEnv } from '../../../test/harness'
import { adminQuery, startCluster, type Cluster } from '../../../test/pg-cluster'
import { startStandby, type Standby } from '../../../test/pg-standby'
import type { JobDef } from '../jobs/jobs'

const DB = 'openkam'

/** One query on one server's `openkam` database. */
async function query(url: string, text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: `${url}/${DB}` })
  await client.connect()
  try {
    return (await client.query(text, values)).rows
  } finally {
    await client.end()
  }
}

// Streaming replication is PostgreSQL's; the embedded database has no replica.
describe.skipIf(dbKind !== 'postgres')('read replica (DATABASE_READ_URL)', () => {
  let primary: Cluster
  let standby: Standby
  let env: TestEnv
  let org: Org
  const ran: string[] = []
  const probe: JobDef<{ key: string }> = {
    name: 'test.restart_probe',
    async handle(data) {
      ran.push(data.key)
    },
  }

  /** How many of the workspace's accounts are named `name`, by the report builder (run on `reads`). */
  const reportCount = async (name: string) => {
    const res = await org.admin.post('/api/v1/reports/run', {
      object: 'accounts',
      filters: [{ field: 'name', op: 'eq', value: name }],
      measures: [{ fn: 'count' }],
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    return Number(res.body.rows[0]?.at(-1) ?? 0)
  }
  const onStandby = async (name: string) =>
    (await query(standby.url, 'select count(*)::int as n from accounts where name = $1', [name]))[0]
      .n as number
  /** Waits until the standby has replayed all the primary has written so far. */
  const replayed = async () => {
    const [{ lsn }] = await query(primary.url, 'select pg_current_wal_lsn()::text as lsn')
    await waitFor(
      async () =>
        (await query(standby.url, 'select pg_last_wal_replay_lsn() >= $1::pg_lsn as ok', [lsn]))[0].ok,
    )
  }
  /** Scans of the accounts table that this server has run (statistics are each server's own). */
  const accountScans = async (url: string) =>
    (
      await query(
        url,
        `select coalesce(seq_scan, 0) + coalesce(idx_scan, 0) as n from pg_stat_user_tables where relname = 'accounts'`,
      )
    )[0].n as number

  beforeAll(async () => {
    primary = await startCluster()
    await adminQuery(primary.url, `create database ${DB}`)
    standby = await startStandby(primary.url)
    env = await startTestApp({
      jobs: [probe],
      env: {
        DATABASE_URL: `${primary.url}/${DB}`,
        DATABASE_READ_URL: `${standby.url}/${DB}`,
        OPENKAM_READ_MAX_LAG_SECONDS: '2',
      },
    })
    org = await makeOrg(env)
  }, 60_000)
  afterAll(async () => {
    await env?.close()
    standby?.stop()
    primary?.stop()
  })

  it('writes on the primary and runs reports and exports on the standby', async () => {
    expect((await query(standby.url, 'select pg_is_in_recovery() as r'))[0].r).toBe(true)
    const made = await org.admin.post('/api/v1/accounts', { name: 'Replica Co' })
    expect(made.status).toBe(201)
    await replayed()
    expect(await reportCount('Replica Co')).toBe(1)
    const csv = await org.admin.get('/api/v1/accounts/export?format=csv')
    expect(csv.status).toBe(200)
    expect(String(csv.body)).toContain('Replica Co')
    // The app's read connections on the standby, each showing the last statement it ran: the export's.
    const reads = await query(
      standby.url,
      `select query from pg_stat_activity where application_name = 'openkam-read' and datname = $1`,
      [DB],
    )
    expect(reads.some((r) => /from "accounts"/.test(r.query))).toBe(true)
  })

  it('reads from the primary while the standby lags beyond the limit', async () => {
    await query(standby.url, 'select pg_wal_replay_pause()')
    try {
      const made = await org.admin.post('/api/v1/accounts', { name: 'Lagged Co' })
      expect(made.status).toBe(201)
      // Within a few seconds the lag exceeds 2 s and the report finds the account the standby lacks.
      await waitFor(async () => (await reportCount('Lagged Co')) === 1, 30_000)
      expect(await onStandby('Lagged Co')).toBe(0)
    } finally {
      await query(standby.url, 'select pg_wal_replay_resume()')
    }
  })

  it('reads from the primary when the standby is down, and from the standby again once it is back', async () => {
    await replayed()
    standby.halt()
    expect(await reportCount('Replica Co')).toBe(1)
    const csv = await org.admin.get('/api/v1/accounts/export?format=csv')
    expect(csv.status).toBe(200)
    expect(String(csv.body)).toContain('Replica Co')
    standby.start()
    const before = await accountScans(standby.url)
    await waitFor(async () => {
      await reportCount('Replica Co')
      return (await accountScans(standby.url)) > before
    }, 30_000)
  })

  it('answers 503 with Retry-After while the primary restarts, then serves again without a restart', async () => {
    // A job due after the restart: it waits in the queue, in the database, and runs once it is back.
    await env.rt.jobs.send(null, 'test.restart_probe', { key: 'queued before' }, { startAfterSeconds: 2 })
    primary.halt()
    try {
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          i % 2
            ? org.admin.get('/api/v1/accounts')
            : org.admin.post('/api/v1/accounts', { name: `Down ${i}` }),
        ),
      )
      for (const a of answers) {
        expect(a.status, JSON.stringify(a.body)).toBe(503)
        expect(a.headers['retry-after']).toBe('5')
        expect(a.body.code).toBe('database_unavailable')
      }
    } finally {
      primary.start()
    }
    await waitFor(async () => (await org.admin.get('/api/v1/accounts')).status === 200)
    const made = await org.admin.post('/api/v1/accounts', { name: 'After Restart Co' })
    expect(made.status).toBe(201)
    await waitFor(() => ran.includes('queued before'))
    // Nothing was written while the database was down.
    const down = await org.admin.get('/api/v1/accounts?q=Down')
    expect(down.body.data).toEqual([])
  })
})
