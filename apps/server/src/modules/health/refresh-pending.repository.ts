import { sql } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows

export type PendingAccount = { accountId: string; version: number }

/**
 * Marks accounts as awaiting a refresh of their derived metrics, in the caller's transaction: a new row per
 * account, or its version bumped when it already waits (rows taken in id order, so concurrent batches lock
 * them in the same order). Returns whether some account was not waiting yet: only then is a refresh job
 * needed — a waiting account is refreshed by the job already queued for it.
 */
export async function markRefreshPending(tx: Executor, ws: string, accountIds: string[]): Promise<boolean> {
  const ids = [...new Set(accountIds)].sort()
  if (!ids.length) return false
  const rows = rowsOf<{ version: number }>(
    await tx.execute(sql`
      insert into health_refresh_pending (workspace_id, account_id)
      select ${ws}, u.id from unnest(${sql.param(ids)}::uuid[]) as u(id) order by u.id
      on conflict (workspace_id, account_id)
        do update set version = health_refresh_pending.version + 1
      returning version`),
  )
  return rows.some((r) => Number(r.version) === 1)
}

/** Up to `limit` waiting accounts of a workspace with the version seen now (no lock taken). */
export async function pendingAccounts(tx: Executor, ws: string, limit: number): Promise<PendingAccount[]> {
  return rowsOf<{ account_id: string; version: number }>(
    await tx.execute(sql`
      select account_id, version from health_refresh_pending
      where workspace_id = ${ws} order by account_id limit ${limit}`),
  ).map((r) => ({ accountId: r.account_id, version: Number(r.version) }))
}

/**
 * Removes the refreshed accounts' rows — only those still at the version read before the refresh; a batch
 * that arrived meanwhile bumped its accounts' versions, so they stay for the next run. Run it last in the
 * refresh's transaction, so its row locks are held only until the commit.
 */
export async function settleRefreshed(tx: Executor, ws: string, done: PendingAccount[]) {
  if (!done.length) return
  await tx.execute(sql`
    delete from health_refresh_pending p
    using unnest(${sql.param(done.map((d) => d.accountId))}::uuid[], ${sql.param(done.map((d) => d.version))}::int[])
      as d(account_id, version)
    where p.workspace_id = ${ws} and p.account_id = d.account_id and p.version = d.version`)
}

/** Whether accounts of the workspace still wait for a refresh. */
export async function hasPendingAccounts(tx: Executor, ws: string): Promise<boolean> {
  const rows = rowsOf<unknown>(
    await tx.execute(sql`select 1 from health_refresh_pending where workspace_id = ${ws} limit 1`),
  )
  return rows.length > 0
}
