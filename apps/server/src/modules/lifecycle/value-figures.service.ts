import type { ValueFigures } from '@openkam/contract'
import type { Executor } from '../../core/db/types'
import { addDays } from '../renewals'
import { figure } from './value-figures'
import { kpisOfAccount, resolutionStats, usageStats } from './value-report.repository'

type Row = Record<string, any>
const DAY = 86_400_000
const periodOf = (from: string, to: string) => ({
  from: new Date(`${from}T00:00:00+08:00`),
  to: new Date(`${to}T23:59:59.999+08:00`),
})

/**
 * The measured outcomes of a value report (SPEC R-09): the period against the one just before it, as
 * long — usage, tickets opened (fewer: avoided) and their resolution time, milestones confirmed, and the
 * customer's before/after KPIs. Whatever the account's data cannot tell stays null ("no data").
 */
export async function valueFigures(
  tx: Executor,
  ws: string,
  account: Row,
  range: { from: string; to: string },
  milestones: { total: number; confirmed: number },
  valueGoal: string | null,
): Promise<ValueFigures> {
  const days = Math.round((Date.parse(range.to) - Date.parse(range.from)) / DAY) + 1
  const prevTo = addDays(range.from, -1)
  const prevFrom = addDays(prevTo, -(days - 1))
  const cur = periodOf(range.from, range.to)
  const prev = periodOf(prevFrom, prevTo)
  const [uNow, uBefore, tNow, tBefore, kpis] = [
    await usageStats(tx, ws, account.id, cur),
    await usageStats(tx, ws, account.id, prev),
    await resolutionStats(tx, ws, account.id, cur),
    await resolutionStats(tx, ws, account.id, prev),
    await kpisOfAccount(tx, ws, account.id),
  ]
  // Tickets opened before the account was ours say nothing: no count for a period it was not there in.
  const existedBefore = account.createdAt && new Date(account.createdAt) <= prev.from
  return {
    previousPeriod: { from: prevFrom, to: prevTo },
    usage: {
      events: figure(uNow?.events ?? null, uBefore?.events ?? null, 'higher', 0),
      activeUsers: figure(uNow?.users ?? null, uBefore?.users ?? null, 'higher', 0),
    },
    tickets: {
      opened: figure(tNow.opened, existedBefore ? tBefore.opened : null, 'lower', 0),
      medianResolutionHours: figure(tNow.median, tBefore.median, 'lower'),
      meanResolutionHours: figure(tNow.mean, tBefore.mean, 'lower'),
    },
    goals: {
      valueGoal,
      milestonesTotal: milestones.total,
      milestonesConfirmed: milestones.confirmed,
      metPercent: milestones.total ? Math.round((milestones.confirmed / milestones.total) * 1000) / 10 : null,
    },
    kpis: kpis.map((k) => {
      const f = figure(k.after, k.before, k.betterWhen as 'higher' | 'lower', 4)
      return {
        id: k.id,
        name: k.name,
        unit: k.unit,
        before: k.before,
        after: k.after,
        betterWhen: k.betterWhen as 'higher' | 'lower',
        measuredOn: k.measuredOn,
        note: k.note,
        change: f.change,
        changePercent: f.changePercent,
        improved: f.improved,
      }
    }),
  }
}
