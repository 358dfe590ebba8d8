import type { DashboardFilters, MetricValue, NorthStar, NorthStarProgress } from '@openkam/contract'
import { scopeFor } from '../../../core/access/permissions'
import { recordAudit } from '../../../core/audit/audit'
import type { Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
import { AppError } from '../../../core/errors'
import type { Lang } from './metric-catalogue'
import { computeMetric, metricShell } from './metric-value.service'
import { progressOf } from './progress'
import { findNorthStar, replaceNorthStar } from './north-star.repository'
import './north-star.events'

/** Only those who may change north-star settings for the whole workspace (administrators) write them. */
export function assertAdmin(ctx: Ctx, resource: 'north-star' | 'effort-costs', what: string) {
  if (scopeFor(ctx.principal, resource, 'update') !== 'all')
    throw new AppError('forbidden', 'forbidden', `Only administrators may change ${what}`)
}

/** The workspace's north-star metrics and targets. */
export async function getNorthStar(tx: Executor, ctx: Ctx): Promise<NorthStar> {
  return { metrics: await findNorthStar(tx, ctx.ws) }
}

/**
 * Replaces the north-star metrics (administrators), with an audit entry and a `north_star.updated`
 * event in the same transaction.
 */
export async function setNorthStar(tx: Executor, ctx: Ctx, input: NorthStar): Promise<NorthStar> {
  assertAdmin(ctx, 'north-star', 'the north-star metrics')
  const before = await findNorthStar(tx, ctx.ws, true)
  await replaceNorthStar(tx, ctx.ws, input.metrics, ctx.principal.userId)
  const after = await findNorthStar(tx, ctx.ws)
  await recordAudit(tx, ctx, [
    {
      action: 'update',
      entityType: 'north_star',
      entityId: ctx.ws,
      before: { metrics: before },
      after: { metrics: after },
    },
  ])
  await ctx.events.emit(tx, ctx, [
    {
      type: 'north_star.updated',
      entityType: 'north_star',
      entityId: ctx.ws,
      payload: { metrics: after, before },
    },
  ])
  return { metrics: after }
}

/**
 * Progress against each north-star metric over what the caller may see, narrowed by the dashboard's
 * filters. A metric the person may not read (e.g. no access to surveys) shows as no data.
 */
export async function northStarProgress(
  tx: Executor,
  ctx: Ctx,
  filters: DashboardFilters = {},
  lang: Lang = 'en',
  today = new Date(),
): Promise<NorthStarProgress> {
  const list = await findNorthStar(tx, ctx.ws)
  const metrics: NorthStarProgress['metrics'] = []
  for (const m of list) {
    let value: MetricValue
    try {
      value = await computeMetric(tx, ctx, m.key, m.period, filters, lang, today)
    } catch (e) {
      if (!(e instanceof AppError && e.kind === 'forbidden')) throw e
      value = metricShell(m.key, m.period, lang, today)
    }
    metrics.push({ ...value, target: m.target, ...progressOf(value.value, m.target, value.higherIsBetter) })
  }
  return { asOf: today.toISOString(), metrics }
}
