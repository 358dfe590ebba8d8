import type { Db, Executor } from '../../core/db/types'
import type { EventSink } from '../../core/events/bus'
import { dueForEscalation, lockHandoff, type EscalationKind } from './handoff.repository'
import { handoffCollection } from './handoff.collection'
import { systemCtx } from '../../core/context'

const mark = { handoff: 'escalatedAt', validation: 'validationEscalatedAt' } as const
const eventOf = { handoff: 'handoff.overdue', validation: 'handoff.validation_overdue' } as const

/**
 * Escalates one handoff for one missed deadline, at most once: the row is locked and checked again, the
 * mark (`escalatedAt` / `validationEscalatedAt`) is set through the collection — its `handoff.updated`
 * event is what the template rules react to — and `handoff.overdue` / `handoff.validation_overdue` is raised.
 */
async function escalateOne(
  tx: Executor,
  events: EventSink,
  ws: string,
  id: string,
  kind: EscalationKind,
  now: Date,
) {
  const row = await lockHandoff(tx, ws, id)
  if (!row || row.deletedAt) return false
  const still =
    kind === 'handoff'
      ? row.status === 'open' && !row.escalatedAt && row.dueAt <= now
      : row.status === 'submitted' &&
        !row.validationEscalatedAt &&
        !!row.validationDueAt &&
        row.validationDueAt <= now
  if (!still) return false
  const ctx = systemCtx(ws, events)
  const record = await handoffCollection.update(tx, ctx, id, {
    version: row.version,
    [mark[kind]]: now.toISOString(),
  })
  await events.emit(tx, ctx, [
    { type: eventOf[kind], entityType: 'handoff', entityId: id, payload: { record } },
  ])
  return true
}

/**
 * Escalates every handoff not submitted by its due time and every submission not validated by its
 * validation due time, once each however often it runs (each in its own short transaction).
 */
export async function escalateOverdueHandoffs(db: Db, events: EventSink, ws?: string, now = new Date()) {
  const out = { handoffsEscalated: 0, validationsEscalated: 0 }
  for (const kind of ['handoff', 'validation'] as const) {
    for (const r of await dueForEscalation(db, kind, now, ws)) {
      const done = await db.transaction((tx) => escalateOne(tx, events, r.workspaceId, r.id, kind, now))
      if (done) out[kind === 'handoff' ? 'handoffsEscalated' : 'validationsEscalated']++
    }
  }
  return out
}
