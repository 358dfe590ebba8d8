import path from 'node:path'
import type PgBoss from 'pg-boss'
import type { Config } from './core/config'
import { openDatabase } from './core/db/open'
import { serverRoot } from './core/db/paths'
import type { Database } from './core/db/types'
import { OutboxEventSink, type EventSink } from './core/events/bus'
import { ensureQueues, startDispatcher } from './core/events/dispatcher'
import { HandlerRegistry, type EventHandler } from './core/events/registry'
import { startBoss, type BossRole } from './core/jobs/boss'
import { bootstrap } from './bootstrap'

export type Runtime = {
  config: Config
  database: Database
  boss: PgBoss
  registry: HandlerRegistry
  events: EventSink
  role: BossRole
  isReady(): Promise<boolean>
  stop(): Promise<void>
}

export type RuntimeOptions = {
  role: BossRole
  /** Extra event handlers (tests, plug-ins); the modules' own are registered here too. */
  handlers?: EventHandler[]
  demo?: boolean
  lang?: 'zh-CN' | 'en'
  log?: { info(obj: unknown, msg?: string): void; error(obj: unknown, msg?: string): void }
  pollingIntervalSeconds?: number
}

/** The event handlers of the modules. Later modules (rules, health, webhooks) add theirs here. */
export const moduleHandlers = (): EventHandler[] => []

/**
 * Opens the database, migrates it, starts the job queue, the event dispatcher (unless API-only)
 * and creates the first workspace when the installation is new.
 */
export async function startRuntime(config: Config, opts: RuntimeOptions): Promise<Runtime> {
  if (opts.role === 'worker' && !config.databaseUrl) {
    throw new Error(
      'openkam worker needs DATABASE_URL: with the embedded database, `openkam start` runs the worker itself',
    )
  }
  const log = opts.log ?? {
    info: () => undefined,
    error: (o: unknown, m?: string) => console.error(m ?? '', o),
  }
  const database = await openDatabase(config)
  let ready = false
  let boss: PgBoss | undefined
  try {
    await database.migrate()
    const registry = new HandlerRegistry()
    for (const h of [...moduleHandlers(), ...(opts.handlers ?? [])]) registry.register(h)
    boss = await startBoss(database, opts.role)
    await ensureQueues(boss, registry)
    const events = new OutboxEventSink(boss, registry)
    if (opts.role !== 'api') {
      await startDispatcher(boss, database.db, registry, log, opts.pollingIntervalSeconds)
    }
    if (opts.role !== 'worker') {
      await bootstrap(database.db, events, config, {
        demo: opts.demo ?? config.demo,
        lang: opts.lang ?? 'zh-CN',
      })
    }
    ready = true
    const b = boss
    let stopping: Promise<void> | undefined
    return {
      config,
      database,
      boss: b,
      registry,
      events,
      role: opts.role,
      async isReady() {
        if (!ready) return false
        await database.ping()
        return true
      },
      stop() {
        ready = false
        stopping ??= (async () => {
          await b.stop({ graceful: true, wait: true, timeout: 30_000 })
          await database.close()
        })()
        return stopping
      },
    }
  } catch (err) {
    await boss?.stop({ graceful: false, wait: true }).catch(() => undefined)
    await database.close().catch(() => undefined)
    throw err
  }
}

export const defaultWebDir = () => path.join(serverRoot(), '..', 'web', 'dist')
