import type { ValueReport } from '@openkam/contract'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import { accountCollection } from '../accounts'
import { latestValueGoal } from '../handoffs'
import { accountRenewals, addDays, businessDay, RENEWAL_WINDOW_DAYS, sumByCurrency } from '../renewals'
import { valueFigures } from './value-figures.service'
import { contractsOfAccount, meetingStats, milestonesOfAccount, ticketStats } from './value-report.repository'

type Row = Record<string, any>

const RUNNING = ['active', 'approved']
const round = (v: string | number | null, digits: number) =>
  v === null ? null : Math.round(Number(v) * 10 ** digits) / 10 ** digits

/**
 * The customer value report (SPEC R-09) of an account for a period (default: the last 12 months): what
 * the contracts are worth, health, tickets resolved and satisfaction, meetings held, milestones the
 * customer confirmed, renewals coming up within 90 days and the first-year value goal agreed at handoff —
 * and the measured outcomes against the period before (value-figures.service.ts).
 */
export async function valueReport(
  tx: Executor,
  ctx: Ctx,
  accountId: string,
  q: { from?: string; to?: string },
): Promise<ValueReport> {
  const account = (await accountCollection.get(tx, ctx, accountId)) as Row
  const to = q.to ?? businessDay(new Date())
  const from = q.from ?? addDays(to, -365)
  if (from > to)
    throw new AppError('invalid', 'invalid_input', 'Invalid to: must not be before from', {
      errors: [{ path: 'to', message: 'must not be before from' }],
    })
  const period = { from: new Date(`${from}T00:00:00+08:00`), to: new Date(`${to}T23:59:59.999+08:00`) }
  const [contractRows, tickets, meetings, ms, renewals, valueGoal] = [
    await contractsOfAccount(tx, ctx.ws, accountId),
    await ticketStats(tx, ctx.ws, accountId, period),
    await meetingStats(tx, ctx.ws, accountId, period),
    await milestonesOfAccount(tx, ctx.ws, accountId),
    await accountRenewals(tx, ctx, accountId),
    await latestValueGoal(tx, ctx.ws, accountId),
  ]
  const confirmed = ms.filter((m) => m.status === 'confirmed').length
  const figures = await valueFigures(
    tx,
    ctx.ws,
    account,
    { from, to },
    { total: ms.length, confirmed },
    valueGoal,
  )
  const running = contractRows.filter((c) => RUNNING.includes(c.status) && (!c.endDate || c.endDate >= to))
  return {
    account: {
      id: account.id,
      name: account.name,
      tier: account.tier ?? null,
      industry: account.industry ?? null,
      lifecycleStage: account.lifecycleStage ?? null,
      ownerId: account.ownerId ?? null,
      csmId: account.csmId ?? null,
    },
    period: { from, to },
    generatedAt: new Date().toISOString(),
    valueGoal,
    contracts: {
      activeCount: running.length,
      activeValue: sumByCurrency(running.map((c) => ({ amount: c.amount, currency: c.currency }))),
      items: contractRows.map((c) => ({
        id: c.id,
        number: c.number,
        status: c.status,
        amount: { amount: c.amount, currency: c.currency },
        startDate: c.startDate,
        endDate: c.endDate,
      })),
    },
    health: account.health ?? null,
    tickets: {
      opened: tickets.opened,
      resolved: tickets.resolved,
      resolutionRate: tickets.opened ? round(Math.min(1, tickets.resolved / tickets.opened), 4) : null,
      averageResolutionHours: round(tickets.hours, 1),
      satisfaction: round(tickets.satisfaction, 2),
      satisfactionResponses: tickets.responses,
    },
    meetings,
    milestones: {
      total: ms.length,
      confirmed,
      awaiting: ms.filter((m) => m.status === 'awaiting_confirmation').length,
      items: ms.map((m) => ({
        ...m,
        status: m.status as ValueReport['milestones']['items'][number]['status'],
        confirmedAt: m.confirmedAt ? m.confirmedAt.toISOString() : null,
      })),
    },
    // Contracts whose renewal work has begun or begins now: ending within the 90-day window.
    renewals: renewals.filter((r) => r.daysLeft >= 0 && r.daysLeft <= RENEWAL_WINDOW_DAYS),
    figures,
  }
}
