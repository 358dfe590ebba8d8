import path from 'node:path'
import type PgBoss from 'pg-boss'
import type { Config } from './core/config'
import { openDatabase } from './core/db/open'
import { serverRoot } from './core/db/paths'
import type { Database } from './core/db/types'
import { OutboxEventSink, type EventSink } from './core/events/bus'
import { ensureQueues, startDispatcher } from './core/events/dispatcher'
import { StopSignal } from './core/jobs/release'
import { Foreground } from './core/jobs/foreground'
import { HandlerRegistry, type EventHandler } from './core/events/registry'
import { startBoss, type BossRole } from './core/jobs/boss'
import { installWakeTrigger, wakeWorkersOnCommit } from './core/jobs/wake'
import { retryOrphanedJobs } from './core/jobs/orphans'
import {
  BossJobQueue,
  ensureJobQueues,
  JobRegistry,
  startJobWorkers,
  type JobDef,
  type JobQueue,
} from './core/jobs/jobs'
import { bootstrap } from './bootstrap'
import { listenForAccessChanges } from './modules/users'
import { ruleJobs, rulesApprovalHandler, rulesEngineHandler, setApprovalStarter } from './modules/rules'
import { notificationHandlers, notificationJobs, notificationSecretStores } from './modules/notifications'
import { handoffHandlers, handoffJobs } from './modules/handoffs'
import { alertHandlers, alertJobs } from './modules/alerts'
import { relationshipSignalsHandler } from './modules/contacts'
import { lifecycleHandlers, lifecycleJobs } from './modules/lifecycle'
import { renewalJobs } from './modules/renewals'
import { healthHandlers, healthJobs } from './modules/health'
import { qualificationHandlers, qualificationJobs } from './modules/qualification'
import { tierHandlers, tierJobs } from './modules/tiers'
import { slaSweepJob } from './modules/tickets'
import { leadHandlers, leadJobs } from './modules/leads'
import { fieldJobs, rollupHandler } from './modules/fields'
import { approvalJobs, approvalStarterFor } from './modules/approvals'
import { conversationHandlers, satisfactionHandlers } from './modules/tickets'
import { connectModules } from './module-wiring'
import { dashboardJobs } from './modules/reports'
import { acknowledgementHandler } from './modules/tickets'
import { financeHandlers, financeJobs, financeSecretStore } from './modules/finance'
import { insightJobs } from './modules/insights'
import { expansionJobs } from './modules/expansion'
import { installSecretBox, storedSecretBox } from './core/crypto/secret-box'
import { sealClearSecrets, type SecretStore } from './core/crypto/stored-secrets'

export type Runtime = {
  config: Config
  database: Database
  boss: PgBoss
  registry: HandlerRegistry
  events: EventSink
  jobs: JobQueue
  jobRegistry: JobRegistry
  role: BossRole
  /** The requests in flight, which background work waits for (embedded database only, else null). */
  foreground: Foreground | null
  isReady(): Promise<boolean>
  /** Starts the event dispatcher and the job workers when `deferBackground` held them back (idempotent). */
  startBackground(): Promise<void>
  stop(): Promise<void>
}

export type RuntimeOptions = {
  role: BossRole
  /** Extra event handlers (tests, plug-ins); the modules' own are registered here too. */
  handlers?: EventHandler[]
  /** Extra jobs (tests). */
  jobs?: JobDef[]
  demo?: boolean
  lang?: 'zh-CN' | 'en'
  log?: { info(obj: unknown, msg?: string): void; error(obj: unknown, msg?: string): void }
  pollingIntervalSeconds?: number
  /**
   * Hold the dispatcher and job workers back until `startBackground()`: `openkam start` builds and opens
   * its HTTP server first, so that background work (on the embedded database, in this very thread) does
   * not delay it being ready.
   */
  deferBackground?: boolean
  /**
   * Embedded database only: a dumped data folder (`Database.dumpDataDir`) the new in-memory database starts
   * from — tests start from a demo workspace seeded once per run, as a restarted server would find it.
   */
  initialData?: Blob
}

/** What modules' event handlers need beyond the transaction they run in. */
/** Every place a module keeps secrets (sealed at rest; re-encrypted by `openkam secrets rotate`). */
export const storedSecrets = (): SecretStore[] => [...notificationSecretStores, financeSecretStore]

export type ModuleDeps = { config: Config; events: EventSink; jobs: JobQueue }

/** The event handlers of the modules. Later modules (health, approvals) add theirs here. */
export const moduleHandlers = (deps: ModuleDeps): EventHandler[] => [
  rulesEngineHandler(deps),
  rulesApprovalHandler(deps),
  ...notificationHandlers(deps),
  ...handoffHandlers(deps),
  relationshipSignalsHandler(deps),
  ...alertHandlers(deps),
  ...lifecycleHandlers(deps),
  ...healthHandlers(deps),
  ...qualificationHandlers(deps),
  ...tierHandlers(deps),
  ...leadHandlers(deps),
  rollupHandler(),
  acknowledgementHandler(deps),
  ...conversationHandlers(deps),
  ...satisfactionHandlers(deps),
  ...financeHandlers(deps),
]

/** The background jobs of the modules. */
export const moduleJobs = (): JobDef[] => [
  ...ruleJobs,
  ...notificationJobs(),
  ...handoffJobs(),
  ...alertJobs(),
  ...renewalJobs(),
  ...lifecycleJobs(),
  ...healthJobs(),
  ...qualificationJobs(),
  ...tierJobs(),
  slaSweepJob,
  ...leadJobs(),
  ...fieldJobs(),
  ...approvalJobs(),
  ...dashboardJobs(),
  ...financeJobs(),
  ...insightJobs(),
  ...expansionJobs(),
]

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
  connectModules()
  installSecretBox(config)
  const database = await openDatabase(config, {
    initialData: opts.initialData,
    onReplica: (s) =>
      s.useReplica
        ? log.info({ lagSeconds: s.lagSeconds }, 'reports and exports read from the replica')
        : log.error(
            { lagSeconds: s.lagSeconds, reason: s.reason },
            'reports and exports read from the primary',
          ),
  })
  let ready = false
  let boss: PgBoss | undefined
  try {
    await database.migrate()
    // Secrets an older version kept in clear are sealed now (a no-op once they all are).
    await sealClearSecrets(database.db, storedSecrets(), storedSecretBox)
    boss = await startBoss(database, opts.role)
    const registry = new HandlerRegistry()
    const events = new OutboxEventSink(boss, registry)
    const jobRegistry = new JobRegistry()
    for (const j of [...moduleJobs(), ...(opts.jobs ?? [])]) jobRegistry.register(j)
    const jobs = new BossJobQueue(boss, jobRegistry)
    setApprovalStarter(approvalStarterFor(jobs))
    for (const h of [...moduleHandlers({ config, events, jobs }), ...(opts.handlers ?? [])])
      registry.register(h)
    await ensureQueues(boss, registry)
    await ensureJobQueues(boss, jobRegistry)
    // The embedded database is this process's alone (the data folder's lock): a job still `active` was left
    // by a process that crashed, and goes back to the queue now rather than after its 15-minute expiry.
    if (database.kind === 'pglite') {
      const orphans = await retryOrphanedJobs(database, boss)
      if (orphans > 0) log.info({ jobs: orphans }, 'jobs left running by a stopped process are queued again')
    }
    await installWakeTrigger(database)
    const stopAccessListener = await listenForAccessChanges(database)
    // A new embedded database without a template becomes the next one's (schema, job queues; no data yet).
    await database.saveTemplate?.()
    const b0 = boss
    let stopWaking: (() => Promise<void>) | undefined
    let background: Promise<void> | undefined
    const workStop = new StopSignal()
    // The embedded database: its one connection and this thread are shared with the requests, which go first.
    const foreground = database.kind === 'pglite' && opts.role === 'embedded' ? new Foreground() : null
    const startBackground = () =>
      (background ??= (async () => {
        // Nothing to start for an API process, or once stopping (a SIGTERM before `openkam start` got to it).
        if (opts.role === 'api' || workStop.stopping) return
        const workers = new Map([
          ...(await startDispatcher(
            b0,
            database.db,
            registry,
            log,
            opts.pollingIntervalSeconds,
            workStop,
            foreground,
          )),
          ...(await startJobWorkers(
            b0,
            jobRegistry,
            { db: database.db, jobs, events, config, log },
            opts.pollingIntervalSeconds,
            workStop,
            foreground,
          )),
        ])
        stopWaking = await wakeWorkersOnCommit(database, b0, workers)
      })())
    if (!opts.deferBackground) await startBackground()
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
      jobs,
      jobRegistry,
      role: opts.role,
      foreground,
      startBackground,
      async isReady() {
        if (!ready) return false
        await database.ping()
        return true
      },
      stop() {
        ready = false
        stopping ??= (async () => {
          // Workers finish the unit in hand and put the rest of their batch back before the pool closes.
          workStop.stopping = true
          // Workers still being started (a stop right after start, while the demo's background starts) are
          // started first: pg-boss refuses a worker once it is stopped, which failed the start and the exit.
          await background?.catch(() => undefined)
          await stopWaking?.().catch(() => undefined)
          await stopAccessListener().catch(() => undefined)
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
