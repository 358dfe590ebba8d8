import type { TierRules } from '@openkam/contract'
import type { Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
import type { Calendar } from './business-time'
import { loadBusinessCalendar } from './calendar.service'
import { slaNow } from './clock'
import { dueTimes, statusChange, type Targets } from './service-levels'
import { accountTierOf, setFirstResponse } from './sla.repository'

type Row = Record<string, any>

/** The tier rules, loaded when first needed: the tiers module reaches the rules engine, which reaches tickets. */
const tierRules = async (tx: Executor, ws: string): Promise<TierRules> =>
  (await import('../../tiers')).loadTierRules(tx, ws)

/** The first-response and resolution targets of an account's tier; an account without a tier has essential's. */
export async function targetsFor(tx: Executor, ws: string, accountId: string): Promise<Targets> {
  const tier = (await accountTierOf(tx, ws, accountId)) ?? 'essential'
  const rules = await tierRules(tx, ws)
  const pkg =
    rules.packages.find((p) => p.tier === tier) ?? rules.packages.find((p) => p.tier === 'essential')
  const e = pkg?.entitlements
  return { responseHours: e?.responseHours ?? 24, resolutionHours: e?.resolutionHours ?? 72 }
}

export const calendarOf = (tx: Executor, ws: string): Promise<Calendar> => loadBusinessCalendar(tx, ws)

/** A new ticket's due times, from its account's tier and the workspace's calendar (collection beforeInsert). */
export async function slaOnInsert(tx: Executor, ctx: Ctx, row: Row): Promise<Row> {
  if (!row.accountId) return {}
  const targets = await targetsFor(tx, ctx.ws, row.accountId)
  const start = slaNow()
  // The clock starts when the ticket is created: createdAt is that instant (the sweep measures targets from it).
  return { createdAt: start, ...dueTimes(start, targets, await calendarOf(tx, ctx.ws)) }
}

/** A status change pauses, resumes or stops the ticket's clock (collection beforeUpdate). */
export async function slaOnUpdate(tx: Executor, ctx: Ctx, patch: Row, before: Row): Promise<Row> {
  if (patch.status === undefined || patch.status === before.status || !before.slaStatus) return {}
  return statusChange(before, patch.status, slaNow(), await calendarOf(tx, ctx.ws))
}

/**
 * Records the first public reply of an agent to a ticket (the conversation calls it); only the first
 * counts. A reply after the first-response due time marks the ticket breached.
 * @example await recordFirstResponse(tx, ctx.ws, ticketId, new Date())
 */
export const recordFirstResponse = (tx: Executor, ws: string, ticketId: string, at: Date) =>
  setFirstResponse(tx, ws, ticketId, at)
