import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'
import { accounts } from '../accounts'
import { contracts } from '../commerce'
import { handoffs } from '../handoffs'
import { opportunities as o } from '../opportunities'
import type { LifecycleFacts } from './lifecycle'
import { milestones } from './milestone.table'

export type FactsRow = LifecycleFacts & { id: string; version: number; lifecycleStage: string | null }

const RUNNING = sql`('active', 'approved')`
const EXPANSION = sql`('renewal', 'upsell')`

/**
 * The lifecycle facts of some accounts in one query (a few correlated sub-queries per account, each on
 * an index led by workspace and account). `today` and `horizon` are business days (YYYY-MM-DD).
 */
export function lifecycleFacts(
  tx: Executor,
  ws: string,
  accountIds: string[],
  v: { today: string; horizon: string; winsSince: Date },
): Promise<FactsRow[]> {
  if (accountIds.length === 0) return Promise.resolve([])
  const a = accounts
  const c = contracts
  const own = (t: { workspaceId: unknown; accountId: unknown; deletedAt: unknown }) =>
    sql`${t.workspaceId} = ${a.workspaceId} and ${t.accountId} = ${a.id} and ${t.deletedAt} is null`
  return tx
    .select({
      id: a.id,
      version: a.version,
      lifecycleStage: a.lifecycleStage,
      openOpportunities: sql<number>`(select count(*) from ${o} where ${own(o)} and ${o.status} = 'open')::int`,
      openRenewalOpportunities: sql<number>`(select count(*) from ${o} where ${own(o)} and ${o.status} = 'open'
        and ${o.type} in ${EXPANSION})::int`,
      recentWin: sql<boolean>`exists (select 1 from ${o} where ${own(o)} and ${o.status} = 'won'
        and ${o.wonAt} >= ${v.winsSince.toISOString()}::timestamptz)`,
      activeContract: sql<boolean>`exists (select 1 from ${c} where ${own(c)} and ${c.status} in ${RUNNING}
        and (${c.endDate} is null or ${c.endDate} >= ${v.today}::date))`,
      contractEndingSoon: sql<boolean>`exists (select 1 from ${c} where ${own(c)} and ${c.status} in ${RUNNING}
        and ${c.endDate} between ${v.today}::date and ${v.horizon}::date)`,
      pendingHandoff: sql<boolean>`exists (select 1 from ${handoffs} where ${own(handoffs)}
        and ${handoffs.status} in ('open', 'submitted'))`,
      openMilestones: sql<number>`(select count(*) from ${milestones} where ${own(milestones)}
        and ${milestones.status} <> 'confirmed')::int`,
    })
    .from(a)
    .where(and(eq(a.workspaceId, ws), inArray(a.id, accountIds), isNull(a.deletedAt)))
}

/** Sets the stages of many accounts in one statement (bulk loads; the caller writes the audit entries). */
export async function setStages(tx: Executor, ws: string, changes: { id: string; stage: string }[]) {
  if (changes.length === 0) return
  await tx.execute(sql`
    update ${accounts} a set lifecycle_stage = v.stage, updated_at = now(), version = a.version + 1
    from json_to_recordset(${JSON.stringify(changes)}::json) as v(id uuid, stage text)
    where a.workspace_id = ${ws} and a.id = v.id`)
}
