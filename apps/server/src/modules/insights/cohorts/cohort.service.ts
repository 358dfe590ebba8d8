import { and, eq, isNull, sql, type SQL } from 'drizzle-orm'
import type { CohortRequest, CohortResult } from '@openkam/contract'
import type { Ctx } from '../../../core/context'
import { customFields } from '../../../core/crud/custom-fields'
import type { Executor } from '../../../core/db/types'
import { AppError, type FieldError } from '../../../core/errors'
import { accountCollection, accounts } from '../../accounts'
import { contractCollection } from '../../commerce'
import { opportunityCollection } from '../../opportunities'
import { compareMeans, compareProportions, compareRetention, type Comparison } from './cohort-stats'
import { warningText } from './cohort-texts'
import { healthSummaries, renewalCounts, retentionSums, winCounts, type Groups } from './cohort.repository'

const LIST_ONLY = new Set(['limit', 'cursor', 'sort', 'q', 'deleted'])

/**
 * A group's WHERE from its list filters, through the accounts collection's own filter parser (custom
 * fields, related records); bad filters are collected under `<side>.filters.<key>`.
 */
function groupWhere(ctx: Ctx, side: 'a' | 'b', filters: Record<string, string>, errors: FieldError[]): SQL {
  // A list's paging, sort, search and trash parameters are not filters: a group is every matching account.
  const listOnly = Object.keys(filters).filter((k) => LIST_ONLY.has(k))
  errors.push(...listOnly.map((k) => ({ path: `${side}.filters.${k}`, message: 'not a filter of a group' })))
  const rest = Object.fromEntries(Object.entries(filters).filter(([k]) => !LIST_ONLY.has(k)))
  try {
    return sql`coalesce((${accountCollection.filterWhere(ctx, rest) ?? sql`true`}), false)`
  } catch (e) {
    const inner = e instanceof AppError ? e.extra.errors : undefined
    if (!inner) throw e
    errors.push(...inner.map((x) => ({ ...x, path: `${side}.filters.${x.path}` })))
    return sql`false`
  }
}

/**
 * Compares two groups of the accounts the person may read on one figure (docs/insight.md, Cohorts):
 * renewal rate and win rate by Newcombe's interval, health by Welch's, net revenue retention by the delta
 * method. B defaults to every other account. Reading contracts or opportunities is needed for the figures
 * made of them; a health score hidden from the person's role is not averaged for them.
 */
export async function compareCohorts(
  tx: Executor,
  ctx: Ctx,
  req: CohortRequest,
  lang: 'en' | 'zh-CN',
  now = new Date(),
): Promise<CohortResult> {
  const scope = accountCollection.scope(ctx, 'read')
  if (req.metric === 'renewal_rate' || req.metric === 'net_revenue_retention')
    contractCollection.scope(ctx, 'read')
  if (req.metric === 'win_rate') opportunityCollection.scope(ctx, 'read')
  if (req.metric === 'health' && ctx.principal.fieldAccess?.accounts?.health === 'hidden')
    throw new AppError('forbidden', 'field_hidden', 'The health score is not visible to your role')
  await customFields()?.prepare(tx, ctx.ws)
  const errors: FieldError[] = []
  const a = groupWhere(ctx, 'a', req.a.filters, errors)
  const b = req.b ? groupWhere(ctx, 'b', req.b.filters, errors) : sql`not ${a}`
  if (errors.length) throw new AppError('invalid', 'invalid_filter', 'Some filters are not valid', { errors })
  const g: Groups = {
    ws: ctx.ws,
    a,
    b,
    base: and(
      eq(accounts.workspaceId, ctx.ws),
      isNull(accounts.deletedAt),
      accountCollection.visibility(ctx, scope),
    )!,
  }
  const today = now.toISOString().slice(0, 10)
  let c: Comparison
  switch (req.metric) {
    case 'renewal_rate': {
      const r = await renewalCounts(tx, g, today)
      c = compareProportions(r.a, r.b)
      break
    }
    case 'win_rate': {
      const r = await winCounts(tx, g, now)
      c = compareProportions(r.a, r.b)
      break
    }
    case 'health': {
      const r = await healthSummaries(tx, g)
      c = compareMeans(r.a, r.b)
      break
    }
    case 'net_revenue_retention': {
      const r = await retentionSums(tx, g, today)
      c = compareRetention(r.a, r.b)
      break
    }
  }
  const warning = warningText(c, req.metric, lang)
  return { a: c.a, b: c.b, difference: c.difference, ci95: c.ci95, ...(warning ? { warning } : {}) }
}
