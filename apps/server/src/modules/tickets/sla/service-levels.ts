import type { SlaTarget } from '@openkam/contract'
import { addBusinessMinutes, businessMinutesBetween, type Calendar } from './business-time'

/**
 * The service-level rules of a ticket as pure functions: due times on create, what a status change does
 * to the clock, and what the sweep finds (at risk, breached).
 */

type Row = Record<string, any>
export type SlaStatus = 'ok' | 'at_risk' | 'breached' | 'paused'
export type Targets = { responseHours: number; resolutionHours: number }

/** Due times of a new ticket: the tier's targets in business hours from its creation. */
export function dueTimes(start: Date, t: Targets, cal: Calendar) {
  return {
    firstResponseDueAt: addBusinessMinutes(start, t.responseHours * 60, cal),
    resolutionDueAt: addBusinessMinutes(start, t.resolutionHours * 60, cal),
    slaStatus: 'ok' as SlaStatus,
    slaPausedAt: null,
    slaPausedMinutes: 0,
  }
}

type Clock = 'running' | 'paused' | 'stopped'
const clockOf = (status: unknown): Clock =>
  status === 'pending' ? 'paused' : status === 'resolved' || status === 'closed' ? 'stopped' : 'running'

const asDate = (v: unknown) => (v ? new Date(v as string | Date) : null)

/**
 * What a status change does to the clock. `pending` pauses it; leaving `pending` (or reopening a resolved
 * ticket) adds the business minutes it stood still to `slaPausedMinutes` and moves the open due times by
 * them; `resolved` / `closed` stop it and tell whether the ticket made it (`breached` stays). A ticket
 * without service levels (made before them) is left alone.
 */
export function statusChange(before: Row, toStatus: unknown, now: Date, cal: Calendar): Row {
  if (!before.slaStatus) return {}
  const from = clockOf(before.status)
  const to = clockOf(toStatus)
  if (from === to) return {}
  const out: Row = {}
  let first = asDate(before.firstResponseDueAt)
  let resolution = asDate(before.resolutionDueAt)
  const since = asDate(before.slaPausedAt)
  if (from !== 'running' && since) {
    const m = businessMinutesBetween(since, now, cal)
    if (first && !before.firstRespondedAt) first = out.firstResponseDueAt = addBusinessMinutes(first, m, cal)
    if (resolution) resolution = out.resolutionDueAt = addBusinessMinutes(resolution, m, cal)
    out.slaPausedMinutes = Number(before.slaPausedMinutes ?? 0) + m
    out.slaPausedAt = null
  }
  const breached = before.slaStatus === 'breached'
  if (to === 'running') out.slaStatus = breached ? 'breached' : 'ok'
  else if (to === 'paused')
    Object.assign(out, { slaPausedAt: now, slaStatus: breached ? 'breached' : 'paused' })
  else {
    const late =
      (resolution !== null && now > resolution) || (first !== null && !before.firstRespondedAt && now > first)
    Object.assign(out, { slaPausedAt: now, slaStatus: breached || late ? 'breached' : 'ok' })
  }
  return out
}

/**
 * A target is at risk when the business time left is at most a fifth of the target, or 30 business
 * minutes, whichever is more (a 1-hour target warns 30 minutes before, a 72-hour one 14.4 hours before).
 */
export const warnBefore = (targetMinutes: number) => Math.max(30, targetMinutes * 0.2)

export type Finding = { target: SlaTarget; kind: 'at_risk' | 'breached'; dueAt: Date }

/** Where a running ticket stands at `now`: each open target at risk or breached. */
export function findings(t: Row, now: Date, cal: Calendar): Finding[] {
  const created = new Date(t.createdAt)
  const paused = Number(t.slaPausedMinutes ?? 0)
  const out: Finding[] = []
  const check = (target: SlaTarget, due: Date | null) => {
    if (!due) return
    if (now >= due) return void out.push({ target, kind: 'breached', dueAt: due })
    const total = businessMinutesBetween(created, due, cal) - paused
    if (businessMinutesBetween(now, due, cal) <= warnBefore(total))
      out.push({ target, kind: 'at_risk', dueAt: due })
  }
  if (!t.firstRespondedAt) check('first_response', asDate(t.firstResponseDueAt))
  check('resolution', asDate(t.resolutionDueAt))
  return out
}

/** The ticket's status from its findings; a breach (now or before) stays. */
export function statusOf(fs: Finding[], breachedBefore: boolean): SlaStatus {
  if (breachedBefore || fs.some((f) => f.kind === 'breached')) return 'breached'
  return fs.length ? 'at_risk' : 'ok'
}
