import type PgBoss from 'pg-boss'
import type { Config } from '../config'
import { adapterFor } from '../db/raw-sql'
import type { Db, Executor } from '../db/types'
import type { EventSink } from '../events/bus'
import { BATCH, POLLING_SECONDS } from '../events/dispatcher'
import { releaseJobs, StopSignal } from './release'
import type { Foreground } from './foreground'
import { fetchAgainIfFull } from './wake'

type Log = { info(obj: unknown, msg?: string): void; error(obj: unknown, msg?: string): void }

/** What a job handler gets: the database, the queue (to send follow-up jobs) and the event sink. */
export type JobContext = { db: Db; jobs: JobQueue; events: EventSink; config: Config; log: Log }

/**
 * A named background job. Modules define their jobs next to their services and list them in their
 * index.ts; the runtime registers them. `cron` jobs run on that schedule (UTC) in background processes;
 * `manual` jobs may also be run by an administrator through `POST /api/v1/jobs/run`.
 * @example const scan: JobDef<{ ws?: string }> = { name: 'rules_scan', cron: '* * * * *', manual: true, handle: async (data, ctx) => … }
 */
export type JobDef<T = any> = {
  name: string
  handle(data: T, ctx: JobContext): Promise<unknown>
  cron?: string
  manual?: boolean
  retryLimit?: number
  retryDelaySeconds?: number
  /**
   * How many jobs of a fetched batch run at once (default 1). For jobs that mostly wait on another system
   * (a delivery over HTTP): their waits overlap instead of queueing behind each other.
   */
  concurrency?: number
}

export type SendOptions = {
  /** Run no earlier than this many seconds from now (retries with backoff). */
  startAfterSeconds?: number
  /** Only one queued job with this key at a time (debouncing). */
  singletonKey?: string
}

/** Sends jobs; with a transaction, the job commits or rolls back with it. */
export interface JobQueue {
  send(tx: Executor | null, name: string, data: object, opts?: SendOptions): Promise<void>
  /** Several jobs of one kind in one statement (a batch of deliveries). */
  sendMany(tx: Executor | null, name: string, data: object[]): Promise<void>
}

export const jobQueueOf = (name: string) => `job.${name}`

export class JobRegistry {
  private readonly jobs = new Map<string, JobDef>()

  register(job: JobDef): this {
    if (!/^[a-z][a-z0-9_.-]+$/.test(job.name)) throw new Error(`Job name "${job.name}" must be [a-z0-9_.-]`)
    if (this.jobs.has(job.name)) throw new Error(`Job "${job.name}" is registered twice`)
    this.jobs.set(job.name, job)
    return this
  }

  get(name: string): JobDef | undefined {
    return this.jobs.get(name)
  }

  all(): JobDef[] {
    return [...this.jobs.values()]
  }
}

export class BossJobQueue implements JobQueue {
  constructor(
    private readonly boss: PgBoss,
    private readonly registry: JobRegistry,
  ) {}

  async send(tx: Executor | null, name: string, data: object, opts: SendOptions = {}) {
    const def = this.registry.get(name)
    if (!def) throw new Error(`No job named "${name}" is registered`)
    await this.boss.send(jobQueueOf(name), data, {
      ...(tx ? { db: adapterFor(tx) } : {}),
      retryLimit: def.retryLimit ?? 3,
      retryDelay: def.retryDelaySeconds ?? 5,
      retryBackoff: true,
      ...(opts.startAfterSeconds ? { startAfter: Math.max(1, Math.ceil(opts.startAfterSeconds)) } : {}),
      ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
    } as PgBoss.SendOptions)
  }

  async sendMany(tx: Executor | null, name: string, data: object[]) {
    const def = this.registry.get(name)
    if (!def) throw new Error(`No job named "${name}" is registered`)
    if (!data.length) return
    const jobs = data.map((d) => ({
      name: jobQueueOf(name),
      data: d,
      retryLimit: def.retryLimit ?? 3,
      retryDelay: def.retryDelaySeconds ?? 5,
      retryBackoff: true,
    }))
    for (let i = 0; i < jobs.length; i += 1000)
      await this.boss.insert(jobs.slice(i, i + 1000), tx ? { db: adapterFor(tx) } : {})
  }
}

/** Creates the queues of every job (idempotent); needed before a job is sent or scheduled. */
export async function ensureJobQueues(boss: PgBoss, registry: JobRegistry) {
  const existing = new Set((await boss.getQueues()).map((q) => q.name))
  for (const j of registry.all()) {
    if (!existing.has(jobQueueOf(j.name))) await boss.createQueue(jobQueueOf(j.name))
  }
}

/**
 * Starts workers for every job and (re)installs the cron schedules; returns each queue's worker id (to
 * wake it, wake.ts). Background processes only.
 */
export async function startJobWorkers(
  boss: PgBoss,
  registry: JobRegistry,
  ctx: JobContext,
  pollingIntervalSeconds = POLLING_SECONDS,
  stop: StopSignal = new StopSignal(),
  /** On the embedded database: each job waits for the requests in flight (foreground.ts). */
  foreground: Foreground | null = null,
) {
  const workers = new Map<string, string>()
  for (const job of registry.all()) {
    const queue = jobQueueOf(job.name)
    const runOne = async (j: PgBoss.Job<object>) => {
      const t0 = performance.now()
      try {
        await job.handle(j.data, ctx)
        const ms = performance.now() - t0
        if (process.env.OPENKAM_TRACE_JOBS) console.warn(`[job] ${job.name} ${ms.toFixed(0)} ms`)
      } catch (err) {
        // Cut short by the shutdown (past its grace period the database closes under the job): not the job's
        // failure — it stays active and runs again (orphans.ts at the next start, else its lease expiring).
        if (stop.stopping)
          return ctx.log.info({ job: job.name, jobId: j.id }, 'job cut short by the shutdown')
        ctx.log.error({ err, job: job.name, jobId: j.id }, 'job failed')
        await boss
          .fail(queue, j.id, { message: err instanceof Error ? err.message : String(err) })
          .catch((e: unknown) => ctx.log.error({ err: e, jobId: j.id }, 'the failed job could not be marked'))
      }
    }
    // Its id once pg-boss has started it (the first batch can only arrive after).
    const worker: { id?: string } = {}
    worker.id = await boss.work<object>(queue, { batchSize: BATCH, pollingIntervalSeconds }, async (jobs) => {
      // One at a time (or `concurrency` at a time); a failure fails (and retries) only its own job.
      // Stopping, the jobs not started go back.
      let next = 0
      const lane = async () => {
        while (next < jobs.length && !stop.stopping) {
          await foreground?.idle(stop)
          if (stop.stopping) break
          await runOne(jobs[next++]!)
        }
      }
      await Promise.all(Array.from({ length: Math.min(job.concurrency ?? 1, jobs.length) }, lane))
      if (next < jobs.length)
        await releaseJobs(
          ctx.db,
          queue,
          jobs.slice(next).map((x) => x.id),
        )
      else fetchAgainIfFull(boss, worker.id, jobs.length, BATCH)
    })
    workers.set(queue, worker.id)
    if (job.cron) await boss.schedule(jobQueueOf(job.name), job.cron, {}, { tz: 'UTC' })
    else await boss.unschedule(jobQueueOf(job.name)).catch(() => undefined)
  }
  return workers
}
