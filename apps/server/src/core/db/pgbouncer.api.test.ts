import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pg from 'pg'
import { caller, dbKind, makeOrg, startTestApp, waitFor, type Org, type TestEnv } from '../../../test/harness'
import { adminQuery, startCluster, type Cluster } from '../../../test/pg-cluster'
import { findPgBouncer, startPgBouncer, type PgBouncer } from '../../../test/pgbouncer'
import type { JobDef } from '../jobs/jobs'

const DB = 'openkam'

/** PgBouncer's own counters per database (its admin console speaks the simple protocol only). */
async function bouncerStats(url: string) {
  const client = new pg.Client({ connectionString: `${url}/pgbouncer` })
  await client.connect()
  try {
    const { rows } = await client.query('SHOW STATS')
    const row = rows.find((r) => r.database === DB)
    return { transactions: Number(row?.total_xact_count ?? 0), queries: Number(row?.total_query_count ?? 0) }
  } finally {
    await client.end()
  }
}

const bouncer = findPgBouncer()
// PgBouncer sits in front of PostgreSQL only; it is Debian's `pgbouncer` package (.ci/run installs it).
describe.skipIf(dbKind !== 'postgres' || !bouncer)(
  bouncer
    ? 'through PgBouncer in transaction mode'
    : 'through PgBouncer (skipped: pgbouncer is not installed — apt-get install -y pgbouncer)',
  () => {
    const ran: string[] = []
    const probe: JobDef<{ key: string }> = {
      name: 'test.pgbouncer_probe',
      async handle(data) {
        ran.push(data.key)
      },
    }
    let primary: Cluster
    let pool: PgBouncer
    let env: TestEnv
    let org: Org

    beforeAll(async () => {
      primary = await startCluster()
      await adminQuery(primary.url, `create database ${DB}`)
      pool = await startPgBouncer(primary.url)
      env = await startTestApp({
        jobs: [probe],
        env: {
          DATABASE_URL: `${pool.url}/${DB}`,
          DATABASE_DIRECT_URL: `${primary.url}/${DB}`,
          OPENKAM_PG_PREPARED: 'off',
        },
      })
      org = await makeOrg(env)
    }, 60_000)
    afterAll(async () => {
      await env?.close()
      pool?.stop()
      primary?.stop()
    })

    it('writes, reads and runs jobs with every query through the pooler', async () => {
      const before = await bouncerStats(pool.url)
      const made = await org.admin.post('/api/v1/accounts', { name: 'Pooled Co' })
      expect(made.status).toBe(201)
      const got = await org.admin.get(`/api/v1/accounts/${made.body.id}`)
      expect(got.body.name).toBe('Pooled Co')
      const list = await org.admin.get('/api/v1/accounts?q=Pooled')
      expect(list.status).toBe(200)
      expect(list.body.data.map((a: { name: string }) => a.name)).toContain('Pooled Co')
      const updated = await org.admin.patch(`/api/v1/accounts/${made.body.id}`, {
        version: made.body.version,
        name: 'Pooled Co 2',
      })
      expect(updated.status, JSON.stringify(updated.body)).toBe(200)
      await env.rt.jobs.send(null, 'test.pgbouncer_probe', { key: 'through the pooler' })
      await waitFor(() => ran.includes('through the pooler'))
      const after = await bouncerStats(pool.url)
      expect(after.transactions).toBeGreaterThan(before.transactions)
    })

    it('serves several API processes and a separate worker through the one pooler', async () => {
      // A job only the worker process runs: the API processes know it (to send it) but run no jobs.
      const ranBy: string[] = []
      const only = (who: string): JobDef<{ key: string }> => ({
        name: 'test.pgbouncer_worker_only',
        async handle(data) {
          ranBy.push(`${who}:${data.key}`)
        },
      })
      const through = {
        DATABASE_URL: `${pool.url}/${DB}`,
        DATABASE_DIRECT_URL: `${primary.url}/${DB}`,
        OPENKAM_PG_PREPARED: 'off',
      }
      const api2 = await startTestApp({ role: 'api', jobs: [only('api')], env: through })
      const worker = await startTestApp({ role: 'worker', jobs: [only('worker')], env: through })
      try {
        // Written through the first process, read and changed through the second with the same session.
        const second = caller(api2.app, org.admin.token, org.admin.userId)
        const made = await org.admin.post('/api/v1/accounts', { name: 'Two Processes Co' })
        expect(made.status).toBe(201)
        const read = await second.get(`/api/v1/accounts/${made.body.id}`)
        expect(read.status, JSON.stringify(read.body)).toBe(200)
        const changed = await second.patch(`/api/v1/accounts/${made.body.id}`, {
          version: read.body.version,
          name: 'Two Processes Co 2',
        })
        expect(changed.status, JSON.stringify(changed.body)).toBe(200)
        expect((await org.admin.get(`/api/v1/accounts/${made.body.id}`)).body.name).toBe('Two Processes Co 2')
        // A job queued by an API process is run by the worker, once.
        await api2.rt.jobs.send(null, 'test.pgbouncer_worker_only', { key: 'from api 2' })
        await waitFor(() => ranBy.length > 0)
        await new Promise((r) => setTimeout(r, 500))
        expect(ranBy).toEqual(['worker:from api 2'])
      } finally {
        await api2.close()
        await worker.close()
      }
    })

    it('wakes the workers through LISTEN on the direct connection', async () => {
      const client = new pg.Client({ connectionString: `${primary.url}/${DB}` })
      await client.connect()
      try {
        const { rows } = await client.query(
          `select count(*)::int as n from pg_stat_activity where datname = $1 and query ilike 'listen %'`,
          [DB],
        )
        expect(rows[0].n).toBeGreaterThan(0)
      } finally {
        await client.end()
      }
    })
  },
)
