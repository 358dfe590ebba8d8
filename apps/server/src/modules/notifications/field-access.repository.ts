import { sql } from 'drizzle-orm'
import type { FieldAccessMap } from '../../core/access/permissions'
import type { Executor } from '../../core/db/types'

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows

/** Every live role of the workspace with its field access (SPEC R-23), by key. */
export async function rolesFieldAccess(tx: Executor, ws: string): Promise<Map<string, FieldAccessMap>> {
  const rows = rowsOf<{ key: string; field_access: FieldAccessMap | null }>(
    await tx.execute(
      sql`select key, field_access from roles where workspace_id = ${ws} and deleted_at is null order by key`,
    ),
  )
  return new Map(rows.map((r) => [r.key, r.field_access ?? {}]))
}

/** The role keys each of the people holds (people without a live role are left out). */
export async function rolesOfPeople(
  tx: Executor,
  ws: string,
  userIds: string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>()
  if (!userIds.length) return out
  const rows = rowsOf<{ user_id: string; key: string }>(
    await tx.execute(sql`
      select ur.user_id, r.key from user_roles ur
      join roles r on r.workspace_id = ur.workspace_id and r.id = ur.role_id and r.deleted_at is null
      where ur.workspace_id = ${ws} and ur.user_id in (${sql.join(
        userIds.map((i) => sql`${i}::uuid`),
        sql`, `,
      )})`),
  )
  for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r.key])
  return out
}
