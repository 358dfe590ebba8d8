import type { RevenueRetention } from '@openkam/contract'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { contractCollection } from '../commerce'
import { peopleByIds } from '../users'
import { periodsOf, retentionByPeriod, type RetentionPeriod } from './retention'
import { signedContracts, toSpan } from './retention.repository'

type GroupBy = 'none' | 'tier' | 'owner'

/**
 * Expansion revenue, gross and net revenue retention per period, over the contracts the person may read,
 * for all accounts or per tier or owner (the account's tier and owner today).
 */
export async function revenueRetention(
  tx: Executor,
  ctx: Ctx,
  q: { period: RetentionPeriod; groupBy: GroupBy },
  today = new Date().toISOString().slice(0, 10),
): Promise<RevenueRetention> {
  const visible = contractCollection.visibility(ctx, contractCollection.scope(ctx, 'read'))
  const rows = await signedContracts(tx, ctx.ws, visible)
  const spans = rows.map((r) =>
    toSpan(r, q.groupBy === 'tier' ? r.tier : q.groupBy === 'owner' ? r.ownerId : 'all'),
  )
  const owners =
    q.groupBy === 'owner'
      ? new Map(
          (
            await peopleByIds(tx, ctx.ws, [...new Set(rows.map((r) => r.ownerId).filter((v) => v !== null))])
          ).map((p) => [p.id, p.name]),
        )
      : new Map<string, string>()
  return {
    period: q.period,
    groupBy: q.groupBy,
    asOf: today,
    periods: retentionByPeriod(spans, periodsOf(q.period, today), today).map((p) => ({
      ...p,
      groups: p.groups.map((g) => ({ ...g, label: g.key ? (owners.get(g.key) ?? null) : null })),
    })),
  }
}
