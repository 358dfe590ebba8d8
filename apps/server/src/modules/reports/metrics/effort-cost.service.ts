import type { EffortCosts } from '@openkam/contract'
import { diff, recordAudit } from '../../../core/audit/audit'
import type { Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
import { findEffortCosts, saveEffortCosts } from './north-star.repository'
import { assertAdmin } from './north-star.service'
import './north-star.events'

/** What a workspace's effort costs before anyone sets them: nothing. */
export const noEffortCosts: EffortCosts = { currency: 'CNY', hourlyRates: {}, campaignSpend: {} }

/** The default template's effort costs (CNY): an hour of each selling role; no campaigns yet. */
export const defaultEffortCosts = (): EffortCosts => ({
  currency: 'CNY',
  hourlyRates: { sales: 300, csm: 250, presales: 350, sales_manager: 400 },
  campaignSpend: {},
})

const sorted = (r: Record<string, number>) =>
  Object.fromEntries(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)))
/** Keys in one order (the database keeps its own), so that a change shows only what changed. */
const canonical = (c: EffortCosts): EffortCosts => ({
  currency: c.currency,
  hourlyRates: sorted(c.hourlyRates),
  campaignSpend: sorted(c.campaignSpend),
})

/** The workspace's effort costs (hourly rates per role, spend per campaign). */
export async function getEffortCosts(tx: Executor, ctx: Pick<Ctx, 'ws'>): Promise<EffortCosts> {
  return (await findEffortCosts(tx, ctx.ws)) ?? noEffortCosts
}

/** Replaces the effort costs (administrators), with an audit entry and an `effort_costs.updated` event. */
export async function setEffortCosts(tx: Executor, ctx: Ctx, input: EffortCosts): Promise<EffortCosts> {
  assertAdmin(ctx, 'effort-costs', 'the effort costs')
  const before = (await findEffortCosts(tx, ctx.ws, true)) ?? noEffortCosts
  await saveEffortCosts(tx, ctx.ws, input, ctx.principal.userId)
  const d = diff(canonical(before), canonical(input))
  await recordAudit(tx, ctx, [
    { action: 'update', entityType: 'effort_costs', entityId: ctx.ws, before: d.before, after: d.after },
  ])
  await ctx.events.emit(tx, ctx, [
    {
      type: 'effort_costs.updated',
      entityType: 'effort_costs',
      entityId: ctx.ws,
      payload: { costs: input, before },
    },
  ])
  return input
}
