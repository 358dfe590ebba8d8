import { and, eq, sql } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'
import { accounts } from '../accounts'

/** Some accounts' values of some custom fields (only those keys), with when each account last changed. */
export async function accountFieldValues(tx: Executor, ws: string, accountIds: string[], keys: string[]) {
  if (!accountIds.length || !keys.length) return []
  return tx
    .select({
      id: accounts.id,
      values: sql<Record<string, unknown>>`(
        select coalesce(jsonb_object_agg(k, ${accounts.custom} -> k), '{}'::jsonb)
        from unnest(${sql.param(keys)}::text[]) as k where ${accounts.custom} ? k)`,
      updatedAt: accounts.updatedAt,
    })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ws), sql`${accounts.id} = any(${sql.param(accountIds)}::uuid[])`))
}
