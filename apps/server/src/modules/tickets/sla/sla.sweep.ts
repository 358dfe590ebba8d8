import { systemPrincipal } from '../../../core/access/permissions'
import type { Ctx } from '../../../core/context'
import type { Db, Executor } from '../../../core/db/types'
import type { EventSink } from '../../../core/events/bus'
import type { JobDef } from '../../../core/jobs/jobs'
import { ticketCollection } from '../ticket.collection'
import type { Calendar } from './business-time'
import { calendarOf } from './sla.hooks'
import { slaNow } from './clock'
import { findings, statusOf } from './service-levels'
import {
  breachedTargets,
  lockTicket,
  markSlaEvent,
  recordedSlaEvents,
  runningSlaTickets,
} from './sla.repository'

const eventOf = { at_risk: 'ticket.sla_at_risk', breached: 'ticket.sla_breached' } as const

/**
 * Checks one ticket under its row lock: records each new warning or breach once (per target), raises
 * `ticket.sla_at_risk` / `ticket.sla_breached` for it, and sets `slaStatus` through the collection — its
 * `ticket.updated` event is what the template rules react to. Returns the events raised.
 */
async function sweepOne(tx: Executor, events: EventSink, ws: string, id: string, now: Date, cal: Calendar) {
  const row = await lockTicket(tx, ws, id)
  if (!row || row.deletedAt || !['new', 'open'].includes(row.status ?? '') || !row.slaStatus) return 0
  if (row.slaStatus === 'paused') return 0
  const fs = findings(row, now, cal)
  const fresh = []
  for (const f of fs) if (await markSlaEvent(tx, ws, id, f.target, f.kind, now)) fresh.push(f)
  const breachedBefore = row.slaStatus === 'breached' || (await breachedTargets(tx, ws, id)).length > 0
  const status = statusOf(fs, breachedBefore)
  const ctx: Ctx = { ws, principal: systemPrincipal(ws), events }
  let record: unknown = null
  if (status !== row.slaStatus)
    record = await ticketCollection.update(tx, ctx, id, { version: row.version, slaStatus: status })
  if (fresh.length) {
    record ??= await ticketCollection.get(tx, ctx, id)
    await events.emit(
      tx,
      ctx,
      fresh.map((f) => ({
        type: eventOf[f.kind],
        entityType: 'ticket',
        entityId: id,
        payload: { record, target: f.target, dueAt: f.dueAt.toISOString() },
      })),
    )
  }
  return fresh.length
}

/**
 * Marks running tickets at risk or breached (each target once however often it runs), one short
 * transaction per ticket that changes. `now` is injectable: tests need no waiting.
 */
export async function sweepServiceLevels(db: Db, events: EventSink, ws?: string, now = slaNow()) {
  const out = { checked: 0, events: 0 }
  const calendars = new Map<string, Calendar>()
  const running = await runningSlaTickets(db, ws)
  const recorded = await recordedSlaEvents(
    db,
    running.filter((t) => t.slaStatus !== 'ok').map((t) => t.id),
  )
  for (const t of running) {
    out.checked++
    let cal = calendars.get(t.workspaceId)
    if (!cal) calendars.set(t.workspaceId, (cal = await calendarOf(db, t.workspaceId)))
    const fs = findings(t, now, cal)
    // Nothing to do when the status stays and every finding was raised before.
    const known = fs.every((f) => recorded.has(`${t.id}:${f.target}:${f.kind}`))
    if (known && statusOf(fs, t.slaStatus === 'breached') === t.slaStatus) continue
    out.events += await db.transaction((tx) => sweepOne(tx, events, t.workspaceId, t.id, now, cal))
  }
  return out
}

/** Service-level warnings and breaches: every minute, and on demand (`POST /api/v1/jobs/run {job: "tickets_sla_sweep"}`). */
export const slaSweepJob: JobDef<{ ws?: string }> = {
  name: 'tickets_sla_sweep',
  cron: '* * * * *',
  manual: true,
  retryLimit: 0,
  handle: (data, ctx) => sweepServiceLevels(ctx.db, ctx.events, data?.ws, slaNow()),
}
