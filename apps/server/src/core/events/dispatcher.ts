import type PgBoss from 'pg-boss'
import { eventReceipts } from './outbox.table'
import { queueOf, type EventHandler, type HandlerRegistry } from './registry'
import type { Db, Executor } from '../db/types'
import { releaseJobs, StopSignal } from '../jobs/release'
import type { Foreground } from '../jobs/foreground'
import { fetchAgainIfFull } from '../jobs/wake'
import type { DomainEvent } from './types'

type Log = { info(obj: unknown, msg?: string): void; error(obj: unknown, msg?: string): void }

/** Creates one queue per registered handler (idempotent). Needed before any event is sent. */
export async function ensureQueues(boss: PgBoss, registry: HandlerRegistry) {
  const existing = new Set((await boss.getQueues()).map((q) => q.name))
  for (const h of registry.all()) {
    if (!existing.has(queueOf(h.name))) await boss.createQueue(queueOf(h.name))
  }
}

/** Runs one event through one handler; with a receipt in the same transaction unless the handler opts out. */
export async function runHandler(
  db: Db,
  handler: EventHandler,
  event: DomainEvent,
): Promise<'handled' | 'duplicate'> {
  if (handler.transactional === false) {
    await handler.handle(db, event)
    return 'handled'
  }
  return db.transaction(async (tx) => {
    const receipt = await tx
      .insert(eventReceipts)
      .values({ workspaceId: event.workspaceId, handler: handler.name, eventId: event.id })
      .onConflictDoNothing()
      .returning({ eventId: eventReceipts.eventId })
    if (receipt.length === 0) return 'duplicate'
    await handler.handle(tx, event)
    return 'handled'
  })
}

/** Receipts for a batch of events in one statement; returns the events not handled before, in order. */
async function freshEvents(tx: Executor, handler: EventHandler, events: DomainEvent[]) {
  const inserted = await tx
    .insert(eventReceipts)
    .values(events.map((e) => ({ workspaceId: e.workspaceId, handler: handler.name, eventId: e.id })))
    .onConflictDoNothing()
    .returning({ eventId: eventReceipts.eventId })
  const fresh = new Set(inserted.map((r) => r.eventId))
  const seen = new Set<string>()
  return events.filter((e) => fresh.has(e.id) && !seen.has(e.id) && seen.add(e.id))
}

/**
 * Runs a batch of events through one transactional handler in a single transaction — one commit and one
 * receipt statement for the lot instead of one per event, which is what lets the handlers keep up with a
 * sustained write load. Returns how many were handled and how many had been handled before.
 */
export async function runHandlerBatch(
  db: Db,
  handler: EventHandler,
  events: DomainEvent[],
): Promise<{ handled: number; duplicates: number }> {
  return db.transaction(async (tx) => {
    const todo = await freshEvents(tx, handler, events)
    if (handler.handleMany && todo.length > 1) await handler.handleMany(tx, todo)
    else for (const event of todo) await handler.handle(tx, event)
    return { handled: todo.length, duplicates: events.length - todo.length }
  })
}

type Job = PgBoss.Job<DomainEvent>

/**
 * Starts pg-boss workers for every handler; returns each queue's worker id (to wake it, core/jobs/wake.ts).
 * A transactional handler takes its fetched batch in one transaction; when that fails, each event is run
 * again in its own transaction, so only the failing one is failed (pg-boss retries it with backoff) and
 * the rest take effect. Once `stop` is signalled, a worker finishes the transaction in hand and puts the
 * jobs it has not started back in the queue.
 */
export async function startDispatcher(
  boss: PgBoss,
  db: Db,
  registry: HandlerRegistry,
  log: Log,
  pollingIntervalSeconds = POLLING_SECONDS,
  stop: StopSignal = new StopSignal(),
  /** On the embedded database: each unit waits for the requests in flight (foreground.ts). */
  foreground: Foreground | null = null,
) {
  await ensureQueues(boss, registry)
  const workers = new Map<string, string>()
  for (const handler of registry.all()) {
    const queue = queueOf(handler.name)
    const one = async (job: Job) => {
      const t0 = performance.now()
      try {
        const outcome = await runHandler(db, handler, job.data)
        trace(handler, [job], t0)
        if (outcome === 'duplicate')
          log.info({ handler: handler.name, eventId: job.data.id }, 'event already handled')
      } catch (err) {
        // Cut short by the shutdown: the event stays queued and runs again (see core/jobs/jobs.ts).
        if (stop.stopping)
          return log.info({ handler: handler.name, jobId: job.id }, 'event cut short by the shutdown')
        log.error({ err, handler: handler.name, eventId: job.data.id, jobId: job.id }, 'event handler failed')
        await boss
          .fail(queue, job.id, { message: err instanceof Error ? err.message : String(err) })
          .catch((e: unknown) => log.error({ err: e, jobId: job.id }, 'the failed event could not be marked'))
      }
    }
    // Its id once pg-boss has started it (the first batch can only arrive after).
    const worker: { id?: string } = {}
    const handleBatch = async (fetched: Job[]) => {
      try {
        await handleFetched(fetched)
      } finally {
        if (!stop.stopping) fetchAgainIfFull(boss, worker.id, fetched.length, BATCH)
      }
    }
    const handleFetched = async (fetched: Job[]) => {
      // pg-boss hands a batch out by job id, which is random among jobs queued by one commit; the events'
      // own ids are time-ordered (uuidv7, monotonic per process), so this is the order they were written.
      const jobs = [...fetched].sort((a, b) => (a.data.id < b.data.id ? -1 : a.data.id > b.data.id ? 1 : 0))
      await foreground?.idle(stop)
      if (handler.transactional !== false && jobs.length > 1 && !stop.stopping) {
        const t0 = performance.now()
        try {
          const { duplicates } = await runHandlerBatch(
            db,
            handler,
            jobs.map((j) => j.data),
          )
          trace(handler, jobs, t0)
          if (duplicates) log.info({ handler: handler.name, duplicates }, 'events already handled')
          return
        } catch (err) {
          log.info(
            { err, handler: handler.name, events: jobs.length },
            'event batch failed; running it one by one',
          )
        }
      }
      for (let i = 0; i < jobs.length; i++) {
        if (i > 0) await foreground?.idle(stop)
        if (stop.stopping) {
          await releaseJobs(
            db,
            queue,
            jobs.slice(i).map((j) => j.id),
          )
          return
        }
        await one(jobs[i]!)
      }
    }
    worker.id = await boss.work<DomainEvent>(queue, { batchSize: BATCH, pollingIntervalSeconds }, handleBatch)
    workers.set(queue, worker.id)
  }
  return workers
}

const trace = (handler: EventHandler, jobs: Job[], t0: number) => {
  if (process.env.OPENKAM_TRACE_JOBS)
    console.warn(
      `[event] ${handler.name} ${jobs.length === 1 ? jobs[0]!.data.type : `×${jobs.length}`} ${(performance.now() - t0).toFixed(0)} ms`,
    )
}

/**
 * Jobs fetched per poll, and so the most events one transaction of a handler takes. pg-boss waits the
 * polling interval after a fetch unless new jobs were announced, so a batch of one would cap a quiet
 * queue at two events a second.
 */
export const BATCH = 25

/**
 * How often an idle worker looks for jobs nobody announced: retries and delayed jobs coming due, and
 * jobs committed while this process was not listening. New jobs wake their worker at once (wake.ts).
 */
export const POLLING_SECONDS = 2
