import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'drizzle-orm'
import { startRuntime } from '../../runtime'
import { dbKind, makeOrg, startTestApp, type Org, type TestEnv, waitFor } from '../../../test/harness'
import type { JobDef } from './jobs'

describe('background jobs', () => {
  const seen: string[] = []
  const attempts = new Map<string, number>()
  const probe: JobDef<{ key: string; fail?: boolean }> = {
    name: 'test.probe',
    retryLimit: 1,
    retryDelaySeconds: 1,
    async handle(data) {
      attempts.set(data.key, (attempts.get(data.key) ?? 0) + 1)
      if (data.fail) throw new Error(`refused ${data.key}`)
      seen.push(data.key)
    },
  }
  const manual: JobDef<{ ws?: string }> = {
    name: 'test_manual',
    manual: true,
    async handle(data) {
      return { ranFor: data.ws }
    },
  }
  let env: TestEnv
  let org: Org
  beforeAll(async () => {
    env = await startTestApp({ jobs: [probe, manual] })
    org = await makeOrg(env)
  })
  afterAll(() => env?.close())

  it('sends a delayed job inside a transaction: it runs after commit, and never when rolled back', async () => {
    const db = env.rt.database.db
    await db.transaction(async (tx) => {
      await tx.execute(sql`select 1`)
      await env.rt.jobs.send(tx, 'test.probe', { key: 'delayed' }, { startAfterSeconds: 1 })
    })
    await expect(
      db.transaction(async (tx) => {
        await env.rt.jobs.send(tx, 'test.probe', { key: 'rolled back' }, { startAfterSeconds: 1 })
        throw new Error('roll back')
      }),
    ).rejects.toThrow('roll back')
    await waitFor(() => seen.includes('delayed'))
    await new Promise((r) => setTimeout(r, 1500))
    expect(seen).not.toContain('rolled back')
  })

  it('a failing job in a batch fails (and is retried) alone; the others complete', async () => {
    for (let i = 0; i < 5; i++)
      await env.rt.jobs.send(null, 'test.probe', { key: `batch ${i}`, fail: i === 2 })
    await waitFor(
      () => seen.filter((k) => k.startsWith('batch')).length === 4 && attempts.get('batch 2') === 2,
    )
    expect(seen.filter((k) => k.startsWith('batch')).sort()).toEqual([
      'batch 0',
      'batch 1',
      'batch 3',
      'batch 4',
    ])
    expect(attempts.get('batch 0')).toBe(1)
  })

  it('runs a manual job for the admin’s workspace; others may not, and unknown names are refused', async () => {
    const res = await org.admin.post('/api/v1/jobs/run', { job: 'test_manual' })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ job: 'test_manual', result: { ranFor: org.wsId } })
    expect((await org.sales.post('/api/v1/jobs/run', { job: 'test_manual' })).status).toBe(403)
    const unknown = await org.admin.post('/api/v1/jobs/run', { job: 'no_such_job' })
    expect(unknown.status).toBe(400)
    expect(unknown.body.errors[0].message).toContain('test_manual')
  })
})

describe('new jobs wake their worker on commit (no waiting for the next poll)', () => {
  const seen: string[] = []
  const probe: JobDef<{ key: string }> = {
    name: 'test.wake',
    async handle(data) {
      seen.push(data.key)
    },
  }
  let env: TestEnv
  beforeAll(async () => {
    // Workers that would poll only once a minute: a job handled sooner was announced.
    env = await startTestApp({ jobs: [probe], pollingIntervalSeconds: 60 })
    await new Promise((r) => setTimeout(r, 1000)) // past the workers' first (immediate) poll
  })
  afterAll(() => env?.close())

  it('a job committed in a transaction runs at once; one rolled back never does', async () => {
    await env.rt.database.db.transaction((tx) => env.rt.jobs.send(tx, 'test.wake', { key: 'committed' }))
    await expect(
      env.rt.database.db.transaction(async (tx) => {
        await env.rt.jobs.send(tx, 'test.wake', { key: 'rolled back' })
        throw new Error('roll back')
      }),
    ).rejects.toThrow('roll back')
    await waitFor(() => seen.includes('committed'), 20_000)
    expect(seen).toEqual(['committed'])
  })

  it.runIf(dbKind === 'postgres')(
    'a job sent by another process (an API server) wakes this one',
    async () => {
      const api = await startRuntime(env.config, { role: 'api', jobs: [probe] })
      try {
        await api.jobs.send(null, 'test.wake', { key: 'from the API process' })
        await waitFor(() => seen.includes('from the API process'), 20_000)
      } finally {
        await api.stop()
      }
    },
  )
})

describe('a stop before the background work started', () => {
  it('leaves nothing to start: starting it afterwards is a no-op, not a refusal of the stopped queue', async () => {
    const env = await startTestApp()
    const config = env.config
    await env.close()
    // `openkam start` opens its HTTP server first and starts the background after; a SIGTERM may come between.
    const rt = await startRuntime(config, { role: 'embedded', deferBackground: true })
    await rt.stop()
    await expect(rt.startBackground()).resolves.toBeUndefined()
  })
})

describe('on the embedded database, background work waits for the requests in flight', () => {
  const handled: string[] = []
  let env: TestEnv
  let org: Org
  beforeAll(async () => {
    env = await startTestApp({
      handlers: [
        {
          name: 'test.deferring',
          events: ['account.created'],
          async handle(_tx, event) {
            handled.push(String((event.payload as { record?: { name?: string } }).record?.name))
          },
        },
      ],
    })
    org = await makeOrg(env)
  })
  afterAll(() => env?.close())

  it.runIf(dbKind === 'pglite')(
    'an event waits while a request is answered, and runs once it is',
    async () => {
      const fg = env.rt.foreground!
      fg.enter() // a request being answered, as the HTTP server marks each handler in flight
      try {
        expect((await org.admin.post('/api/v1/accounts', { name: 'Deferred Ltd' })).status).toBe(201)
        await waitFor(() => fg.waiting > 0, 20_000)
        expect(handled).not.toContain('Deferred Ltd')
      } finally {
        fg.leave()
      }
      await waitFor(() => handled.includes('Deferred Ltd'), 20_000)
    },
  )

  it.runIf(dbKind === 'postgres')('on PostgreSQL nothing defers (the database serves both at once)', () => {
    expect(env.rt.foreground).toBeNull()
  })
})
