import { sql } from 'drizzle-orm'
import type { Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
import { calendarOf, targetsFor } from './sla.hooks'
import { addBusinessMinutes, businessMinutesBetween, type Calendar } from './business-time'
import { dueTimes, findings, statusOf, type Targets } from './service-levels'

type Row = Record<string, any>
const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows

/** The instant `minutes` business minutes before `end` (to the minute), by halving the search window. */
function businessMinutesAgo(end: Date, minutes: number, cal: Calendar): Date {
  let lo = end.getTime() - 400 * 86_400_000
  let hi = end.getTime()
  while (hi - lo > 60_000) {
    const mid = Math.floor((lo + hi) / 2)
    if (businessMinutesBetween(new Date(mid), end, cal) > minutes) lo = mid
    else hi = mid
  }
  return new Date(hi)
}

/**
 * Service levels for tickets written in bulk (the demo): due times from each account's tier counted from
 * the ticket's creation in the workspace's calendar, and where each stands at `now` — open ones ok, at risk
 * or breached, pending ones paused, resolved ones met or missed. Warnings and breaches found here are
 * recorded as raised, so the first sweep does not announce the demo's history. Returns the tickets set.
 */
export async function seedServiceLevels(tx: Executor, ctx: Ctx, now: Date): Promise<Record<string, number>> {
  const list = rowsOf<Row>(
    await tx.execute(sql`
      select t.id, t.account_id as "accountId", t.created_at as "createdAt", t.updated_at as "updatedAt",
        t.status, t.resolved_at as "resolvedAt", t.first_responded_at as "firstRespondedAt",
        coalesce(a.tier, 'essential') as tier
      from tickets t join accounts a on a.workspace_id = t.workspace_id and a.id = t.account_id
      where t.workspace_id = ${ctx.ws} and t.sla_status is null and t.deleted_at is null
      order by t.created_at desc, t.id`),
  )
  if (!list.length) return {}
  const cal = await calendarOf(tx, ctx.ws)
  const targets = new Map<string, Targets>()
  const out: Row[] = []
  const raised: Row[] = []
  const counts: Record<string, number> = {}
  const retimed = new Set<string>()
  for (const t of list) {
    let tg = targets.get(t.accountId)
    if (!tg) targets.set(t.accountId, (tg = await targetsFor(tx, ctx.ws, t.accountId)))
    let created = new Date(t.createdAt)
    // The newest open ticket of each tier that is past due is made recent instead, answered, with a sixth of
    // its resolution target left: the demo shows tickets at risk as well as met and breached.
    if ((t.status === 'new' || t.status === 'open') && !retimed.has(t.tier)) {
      const due = dueTimes(created, tg, cal)
      if (findings({ ...t, ...due, slaPausedMinutes: 0 }, now, cal).some((f) => f.kind === 'breached')) {
        retimed.add(t.tier)
        created = businessMinutesAgo(now, Math.round(tg.resolutionHours * 60 * (5 / 6)), cal)
        t.firstRespondedAt = addBusinessMinutes(created, Math.round(tg.responseHours * 30), cal)
        t.createdAt = created
      }
    }
    const due = dueTimes(created, tg, cal)
    let status: string
    let pausedAt: Date | null = null
    if (t.status === 'new' || t.status === 'open') {
      const fs = findings({ ...t, ...due, slaPausedMinutes: 0 }, now, cal)
      status = statusOf(fs, false)
      for (const f of fs) raised.push({ id: t.id, target: f.target, kind: f.kind })
    } else if (t.status === 'pending') {
      pausedAt = new Date(t.updatedAt)
      status = pausedAt > due.resolutionDueAt ? 'breached' : 'paused'
    } else {
      pausedAt = t.resolvedAt ? new Date(t.resolvedAt) : new Date(t.updatedAt)
      status = pausedAt > due.resolutionDueAt ? 'breached' : 'ok'
    }
    counts[`${t.status}:${status}`] = (counts[`${t.status}:${status}`] ?? 0) + 1
    out.push({
      id: t.id,
      createdAt: created.toISOString(),
      firstRespondedAt: t.firstRespondedAt ? new Date(t.firstRespondedAt).toISOString() : null,
      first: due.firstResponseDueAt.toISOString(),
      resolution: due.resolutionDueAt.toISOString(),
      status,
      pausedAt: pausedAt?.toISOString() ?? null,
    })
  }
  await tx.execute(sql`
    update tickets t set first_response_due_at = v.first, resolution_due_at = v.resolution,
      sla_status = v.status, sla_paused_at = v."pausedAt", sla_paused_minutes = 0,
      created_at = v."createdAt", first_responded_at = v."firstRespondedAt"
    from jsonb_to_recordset(${JSON.stringify(out)}::jsonb)
      as v(id uuid, "createdAt" timestamptz, "firstRespondedAt" timestamptz, first timestamptz,
        resolution timestamptz, status text, "pausedAt" timestamptz)
    where t.workspace_id = ${ctx.ws} and t.id = v.id`)
  if (raised.length)
    await tx.execute(sql`
      insert into ticket_sla_events (workspace_id, ticket_id, target, kind, at)
      select ${ctx.ws}, v.id, v.target, v.kind, ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(raised)}::jsonb) as v(id uuid, target text, kind text)
      on conflict do nothing`)
  return counts
}
