import type PgBoss from 'pg-boss'
import { eventReceipts } from './outbox.table'
import { queueOf, type EventHandler, type HandlerRegistry } from './registry'
import type { Db } from '../db/types'
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

/**
 * Starts pg-boss workers for every handler; returns each queue's worker id (to wake it, core/jobs/wake.ts).
 * pg-boss retries a failed job with backoff.
 */
export async function startDispatcher(
  boss: PgBoss,
  db: Db,
  registry: HandlerRegistry,
  log: Log,
  pollingIntervalSeconds = POLLING_SECONDS,
) {
  await ensureQueues(boss, registry)
  const workers = new Map<string, string>()
  for (const handler of registry.all()) {
    const queue = queueOf(handler.name)
    const id = await boss.work<DomainEvent>(
      queue,
      { batchSize: BATCH, pollingIntervalSeconds },
      async (jobs) => {
        // One by one, each in its own transaction; a failure fails (and retries) only its own job.
        for (const job of jobs) {
          const t0 = performance.now()
          try {
            const outcome = await runHandler(db, handler, job.data)
            if (process.env.OPENKAM_TRACE_JOBS)
              console.warn(
                `[event] ${handler.name} ${job.data.type} ${(performance.now() - t0).toFixed(0)} ms`,
              )
            if (outcome === 'duplicate')
              log.info({ handler: handler.name, eventId: job.data.id }, 'event already handled')
          } catch (err) {
            log.error(
              { err, handler: handler.name, eventId: job.data.id, jobId: job.id },
              'event handler failed',
            )
            await boss.fail(queue, job.id, { message: err instanceof Error ? err.message : String(err) })
          }
        }
      },
    )
    workers.set(queue, id)
  }
  return workers
}

/**
 * Jobs fetched per poll. pg-boss waits the polling interval after every fetch, so a batch of one would
 * cap a queue at two events a second; a batch keeps up with bursts while each event stays its own unit.
 */
export const BATCH = 25

/**
 * How often an idle worker looks for jobs nobody announced: retries and delayed jobs coming due, and
 * jobs committed while this process was not listening. New jobs wake their worker at once (wake.ts).
 */
export const POLLING_SECONDS = 2
