import { and, desc, eq, getTableColumns, inArray, isNull, lt, ne, sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import type { Executor } from '../../../core/db/types'
import { accounts } from '../../accounts'
import type { ClusterResult } from './cluster-result'
import { insightClusterRuns } from './cluster.table'

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows
const columns = getTableColumns(accounts) as unknown as Record<string, AnyPgColumn>

/** Is `key` a column of the accounts table (a built-in field that is stored, not virtual)? */
export const isAccountColumn = (key: string) => key in columns && key !== 'custom'

export type AccountRow = {
  id: string
  name: string
  tier: string | null
  potentialClass: string | null
  lifecycleStage: string | null
  annualSpend: string | null
  healthScore: string | null
  custom: Record<string, unknown>
  [key: string]: unknown
}

/** The live accounts of a workspace with the named built-in columns, in id order. */
export async function accountRows(tx: Executor, ws: string, keys: string[]): Promise<AccountRow[]> {
  const selection: Record<string, AnyPgColumn> = {}
  for (const k of [
    'id',
    'name',
    'tier',
    'potentialClass',
    'lifecycleStage',
    'annualSpend',
    'healthScore',
    'custom',
    ...keys,
  ])
    if (k in columns) selection[k] = columns[k]!
  return (await tx
    .select(selection)
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ws), isNull(accounts.deletedAt)))
    .orderBy(accounts.id)) as unknown as AccountRow[]
}

/** Behaviour per account: activities and tickets of the last 90 days, usage events of the last 30. */
export async function behaviourCounts(tx: Executor, ws: string, now: Date) {
  const since90 = new Date(now.getTime() - 90 * 86_400_000).toISOString()
  const since30 = new Date(now.getTime() - 30 * 86_400_000).toISOString()
  const count = async (q: SQL) => {
    const m = new Map<string, number>()
    for (const r of rowsOf<{ account_id: string; n: number | string }>(await tx.execute(q)))
      m.set(r.account_id, Number(r.n))
    return m
  }
  return {
    activities: await count(sql`select account_id, count(*) as n from activities
      where workspace_id = ${ws} and deleted_at is null and occurred_at >= ${since90}::timestamptz group by account_id`),
    tickets: await count(sql`select account_id, count(*) as n from tickets
      where workspace_id = ${ws} and deleted_at is null and created_at >= ${since90}::timestamptz group by account_id`),
    usage: await count(sql`select account_id, count(*) as n from usage_events
      where workspace_id = ${ws} and at >= ${since30}::timestamptz group by account_id`),
  }
}

/**
 * Per account, its contracts that ended (before today) and how many of them were renewed: followed by
 * another contract starting at most 60 days before the end and running past it (the health module's
 * backtest rule, docs/health.md).
 */
export async function contractOutcomes(tx: Executor, ws: string, today: string) {
  const out = new Map<string, { ended: number; renewed: number }>()
  const rows = rowsOf<{ account_id: string; ended: number | string; renewed: number | string }>(
    await tx.execute(sql`
      select c.account_id, count(*) as ended,
        count(*) filter (where exists (
          select 1 from contracts n where n.workspace_id = ${ws} and n.account_id = c.account_id
            and n.deleted_at is null and n.id <> c.id and n.status in ('approved', 'active', 'ended')
            and n.start_date >= c.end_date - 60 and coalesce(n.end_date, 'infinity'::date) > c.end_date
        )) as renewed
      from contracts c
      where c.workspace_id = ${ws} and c.deleted_at is null and c.end_date < ${today}::date
        and c.status in ('approved', 'active', 'ended')
      group by c.account_id`),
  )
  for (const r of rows) out.set(r.account_id, { ended: Number(r.ended), renewed: Number(r.renewed) })
  return out
}

/** The accounts among `ids` the person may read (`visible` is the accounts collection's row filter). */
export async function visibleAccounts(tx: Executor, ws: string, ids: string[], visible: SQL | undefined) {
  if (!ids.length) return []
  return tx
    .select({
      id: accounts.id,
      name: accounts.name,
      tier: accounts.tier,
      potentialClass: accounts.potentialClass,
      lifecycleStage: accounts.lifecycleStage,
    })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ws), isNull(accounts.deletedAt), inArray(accounts.id, ids), visible))
}

export const insertRun = (tx: Executor, ws: string, id: string, requestedBy: string | null, status: string) =>
  tx.insert(insightClusterRuns).values({ workspaceId: ws, id, status, requestedBy })

export const setRunStatus = (
  tx: Executor,
  ws: string,
  id: string,
  status: string,
  error: string | null = null,
) =>
  tx
    .update(insightClusterRuns)
    .set({ status, error, ...(status === 'failed' ? { finishedAt: new Date() } : {}) })
    .where(and(eq(insightClusterRuns.workspaceId, ws), eq(insightClusterRuns.id, id)))

/** Stores a finished run and removes the workspace's older runs: the latest result is the one kept. */
export async function finishRun(tx: Executor, ws: string, id: string, result: ClusterResult) {
  const [row] = await tx
    .update(insightClusterRuns)
    .set({ status: 'done', error: null, finishedAt: new Date(), result })
    .where(and(eq(insightClusterRuns.workspaceId, ws), eq(insightClusterRuns.id, id)))
    .returning({ requestedAt: insightClusterRuns.requestedAt })
  if (row)
    await tx
      .delete(insightClusterRuns)
      .where(
        and(
          eq(insightClusterRuns.workspaceId, ws),
          ne(insightClusterRuns.id, id),
          inArray(insightClusterRuns.status, ['done', 'failed']),
          lt(insightClusterRuns.requestedAt, row.requestedAt),
        ),
      )
}

/** The latest finished run of a workspace, and the latest run asked for (which may be that one). */
export async function latestRuns(tx: Executor, ws: string) {
  const [done] = await tx
    .select()
    .from(insightClusterRuns)
    .where(and(eq(insightClusterRuns.workspaceId, ws), eq(insightClusterRuns.status, 'done')))
    .orderBy(desc(insightClusterRuns.requestedAt), desc(insightClusterRuns.id))
    .limit(1)
  const [last] = await tx
    .select({
      id: insightClusterRuns.id,
      status: insightClusterRuns.status,
      requestedAt: insightClusterRuns.requestedAt,
      error: insightClusterRuns.error,
    })
    .from(insightClusterRuns)
    .where(eq(insightClusterRuns.workspaceId, ws))
    .orderBy(desc(insightClusterRuns.requestedAt), desc(insightClusterRuns.id))
    .limit(1)
  return { done: done ?? null, last: last ?? null }
}
