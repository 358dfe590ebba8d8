import { inject } from 'vitest'
import { loadConfig, type Config } from '../src/core/config'
import { buildApp } from '../src/app'
import { startRuntime, type Runtime } from '../src/runtime'
import type { App } from '../src/core/http/server'
import type { EventHandler } from '../src/core/events/registry'
import type { JobDef } from '../src/core/jobs/jobs'
import { createWorkspaceFromTemplate } from '../src/modules/templates'
import { teamCollection, userCollection } from '../src/modules/users'
import { newId } from '../src/core/ids'
import { adminQuery } from './pg-cluster'
import { TEMPLATE_DB } from './global-setup'
import { demoDatabase, demoSnapshot, demoSnapshotsOn, type DemoLang } from './demo-snapshot'
import { seedDemo } from '../src/demo/seed'
import { eq, sql } from 'drizzle-orm'
import { eventReceipts, outbox } from '../src/core/events/outbox.table'

export const dbKind = (process.env.OPENKAM_TEST_DB ?? 'pglite') as 'pglite' | 'postgres'
export const PASSWORD = 'correct horse battery'

/**
 * A fresh database for this test file: PGlite in memory, or a clone of the migrated PostgreSQL template —
 * with `demo`, a clone of the template database holding the seeded demo workspace (demo-snapshot.ts).
 */
export async function testDatabaseUrl(demo?: DemoLang): Promise<string | undefined> {
  if (dbKind !== 'postgres') return undefined
  const base = inject('pgUrl')
  const name = `t_${newId().replaceAll('-', '').slice(-16)}`
  if (demo && demoSnapshotsOn()) await demoDatabase(base, TEMPLATE_DB, name, demo)
  else await adminQuery(base, `create database ${name} template ${TEMPLATE_DB}`)
  return `${base}/${name}`
}

export type TestEnv = {
  app: App
  rt: Runtime
  config: Config
  close(): Promise<void>
}

export async function startTestApp(
  opts: {
    handlers?: EventHandler[]
    jobs?: JobDef[]
    env?: Record<string, string>
    role?: 'embedded' | 'api' | 'worker'
    /**
     * The demo workspace in this language, as `seedDemo` makes it, in the file's own database: a copy of the
     * run's seeded demo (demo-snapshot.ts), or seeded here when the project keeps no snapshot. Its events are
     * queued for the modules' handlers, so it does not go with extra `handlers`.
     */
    demo?: DemoLang
    /** How often idle workers poll (default: the product's; new jobs wake them at once either way). */
    pollingIntervalSeconds?: number
  } = {},
): Promise<TestEnv> {
  if (opts.demo && opts.handlers?.length) throw new Error('startTestApp: `demo` with extra handlers')
  const url = await testDatabaseUrl(opts.demo)
  const initialData = opts.demo && !url ? await demoSnapshot(opts.demo) : undefined
  const config = loadConfig({
    OPENKAM_DATA_DIR: 'memory://',
    OPENKAM_LOG_LEVEL: 'silent',
    ...(url ? { DATABASE_URL: url } : {}),
    ...opts.env,
  })
  const rt = await startRuntime(config, {
    role: opts.role ?? 'embedded',
    handlers: opts.handlers,
    jobs: opts.jobs,
    pollingIntervalSeconds: opts.pollingIntervalSeconds,
    initialData,
  })
  if (opts.demo && !initialData && !(url && demoSnapshotsOn()))
    await rt.database.db.transaction((tx) => seedDemo(tx, rt.events, { lang: opts.demo! }))
  const app = await buildApp(rt, { logger: false, web: false })
  return {
    app,
    rt,
    config,
    async close() {
      await app.close()
      await rt.stop()
    },
  }
}

export type Caller = {
  token: string
  userId: string
  get(url: string): Promise<Res>
  post(url: string, body?: unknown): Promise<Res>
  patch(url: string, body: unknown): Promise<Res>
  put(url: string, body: unknown): Promise<Res>
  del(url: string, body?: unknown): Promise<Res>
}
export type Res = { status: number; body: any; headers: Record<string, unknown> }

/** Calls the app in-process with a Bearer token. */
export function caller(app: App, token: string, userId = ''): Caller {
  const call = async (method: string, url: string, body?: unknown): Promise<Res> => {
    const res = await app.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { payload: body as object }),
    })
    return { status: res.statusCode, body: res.body ? safeJson(res.body) : null, headers: res.headers }
  }
  return {
    token,
    userId,
    get: (u) => call('GET', u),
    post: (u, b) => call('POST', u, b ?? {}),
    patch: (u, b) => call('PATCH', u, b),
    put: (u, b) => call('PUT', u, b),
    del: (u, b) => call('DELETE', u, b),
  }
}

const safeJson = (s: string) => {
  try {
    return JSON.parse(s)
  } catch {
    return s
  }
}

export async function loginAs(app: App, email: string, password = PASSWORD): Promise<Caller> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } })
  if (res.statusCode !== 200) throw new Error(`login ${email} → ${res.statusCode} ${res.body}`)
  const body = JSON.parse(res.body)
  return caller(app, body.token, body.user.id)
}

export type Org = {
  wsId: string
  slug: string
  admin: Caller
  manager: Caller
  sales: Caller
  sales2: Caller
  outsider: Caller
  executive: Caller
  finance: Caller
}

/**
 * A workspace with people in several roles: a manager leading a team of `sales` and `sales2`,
 * an `outsider` salesperson in no team, an executive and finance.
 */
export async function makeOrg(env: TestEnv, slug = `w${newId().slice(-8)}`): Promise<Org> {
  const db = env.rt.database.db
  const people: Record<string, { email: string; role: string; id?: string }> = {
    admin: { email: `admin@${slug}.test`, role: 'admin' },
    manager: { email: `manager@${slug}.test`, role: 'sales_manager' },
    sales: { email: `sales@${slug}.test`, role: 'sales' },
    sales2: { email: `sales2@${slug}.test`, role: 'sales' },
    outsider: { email: `outsider@${slug}.test`, role: 'sales' },
    executive: { email: `exec@${slug}.test`, role: 'executive' },
    finance: { email: `finance@${slug}.test`, role: 'finance' },
  }
  let wsId = ''
  await db.transaction(async (tx) => {
    const ctx = await createWorkspaceFromTemplate(tx, env.rt.events, {
      name: `Org ${slug}`,
      slug,
      locale: 'en',
    })
    wsId = ctx.ws
    for (const [key, p] of Object.entries(people)) {
      const u = await userCollection.create(tx, ctx, {
        email: p.email,
        name: key,
        password: PASSWORD,
        roles: [p.role],
      })
      p.id = u.id
    }
    await teamCollection.create(tx, ctx, {
      name: 'Team East',
      managerId: people.manager!.id,
      memberIds: [people.manager!.id, people.sales!.id, people.sales2!.id],
    })
  })
  const out: Record<string, Caller> = {}
  for (const [key, p] of Object.entries(people)) out[key] = await loginAs(env.app, p.email)
  return { wsId, slug, ...(out as Omit<Org, 'wsId' | 'slug'>) }
}

/**
 * Polls `check` every 100 ms until it returns something truthy (asynchronous work: events, jobs,
 * deliveries) and returns that value; fails after `ms` (generous: a loaded CI machine
 * runs the job queue late, and a poll that succeeds costs nothing more).
 * @example const run = await waitFor(async () => (await org.admin.get(url)).body.data[0])
 */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  ms = 45_000,
): Promise<Exclude<T, false | null | undefined>> {
  const end = Date.now() + ms
  for (;;) {
    const v = await check()
    if (v) return v as Exclude<T, false | null | undefined>
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 100))
  }
}

/**
 * Waits until every event of the workspace is handled by every transactional handler that watches it, and
 * the jobs those handlers queued for the workspace (e.g. a health recompute) are done — before a test sets
 * a derived value (a health band) by hand that a late recompute would otherwise undo. With `delayed`, also
 * the jobs queued to start later (the usage's debounced health refresh, which re-tiers accounts).
 */
export const eventsSettled = (
  env: TestEnv,
  ws: string,
  opts: { delayed?: boolean; timeoutMs?: number } = {},
) =>
  waitFor(async () => {
    const db = env.rt.database.db
    const evs = await db.select().from(outbox).where(eq(outbox.workspaceId, ws))
    const got = await db.select().from(eventReceipts).where(eq(eventReceipts.workspaceId, ws))
    const have = new Set(got.map((r) => `${r.handler} ${r.eventId}`))
    const handled = evs.every((e) =>
      env.rt.registry
        .forEvent(e.type)
        .every((h) => h.transactional === false || have.has(`${h.name} ${e.id}`)),
    )
    if (!handled) return false
    const pending = (await db.execute(sql`
      select count(*)::int as n from pgboss.job
      where state in ('created', 'retry', 'active') and ${opts.delayed ? sql`true` : sql`start_after <= now()`}
        and (data->>'ws' = ${ws} or data->>'workspaceId' = ${ws})`)) as unknown as { rows: { n: number }[] }
    return pending.rows[0]!.n === 0
  }, opts.timeoutMs)
