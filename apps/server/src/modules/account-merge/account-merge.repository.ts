import { and, eq, isNull, sql, type SQL } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import type { Executor } from '../../core/db/types'
import { accountMerges, accounts } from '../accounts'
import { fieldTables } from '../fields'

type Rows = { rows?: Record<string, unknown>[] }
const rowsOf = (r: unknown) => (r as Rows).rows ?? (r as Record<string, unknown>[])

/**
 * Every table that points at accounts through a column ending in `account_id` and is kept per workspace:
 * found in the catalogue, so a module that adds such a table is covered without a change here.
 */
export async function accountReferencingColumns(tx: Executor) {
  const res = await tx.execute(sql`
    select c.table_name as "table", c.column_name as "column",
      exists (select 1 from information_schema.columns v where v.table_schema = c.table_schema
        and v.table_name = c.table_name and v.column_name = 'version') as "versioned",
      exists (select 1 from information_schema.columns u where u.table_schema = c.table_schema
        and u.table_name = c.table_name and u.column_name = 'updated_at') as "dated"
    from information_schema.columns c
    where c.table_schema = current_schema() and c.column_name like '%account_id' and c.udt_name = 'uuid'
      and exists (select 1 from information_schema.columns w where w.table_schema = c.table_schema
        and w.table_name = c.table_name and w.column_name = 'workspace_id')
    order by c.table_name, c.column_name`)
  return rowsOf(res) as { table: string; column: string; versioned: boolean; dated: boolean }[]
}

/** Points one column's rows from the merged account at the survivor; the number of rows moved. */
export async function repoint(
  tx: Executor,
  ref: { table: string; column: string; versioned: boolean; dated: boolean },
  ws: string,
  from: string,
  to: string,
): Promise<number> {
  const t = sql.identifier(ref.table)
  const c = sql.identifier(ref.column)
  // A version is bumped and a change time set where the table keeps them (not every versioned table has both).
  const bump = sql.join(
    [
      ...(ref.versioned ? [sql`, version = version + 1`] : []),
      ...(ref.dated ? [sql`, updated_at = now()`] : []),
    ],
    sql``,
  )
  const res = await tx.execute(
    sql`update ${t} set ${c} = ${to}${bump} where workspace_id = ${ws} and ${c} = ${from} returning 1 as moved`,
  )
  return rowsOf(res).length
}

/** Drops the merged account's rows of a table where the survivor has its own (derived, one per account). */
export async function dropRows(
  tx: Executor,
  ref: { table: string; column: string },
  ws: string,
  accountId: string,
): Promise<number> {
  const res = await tx.execute(
    sql`delete from ${sql.identifier(ref.table)} where workspace_id = ${ws} and ${sql.identifier(ref.column)} = ${accountId} returning 1 as dropped`,
  )
  return rowsOf(res).length
}

/** Tasks about the account (relatedType account). */
export async function repointRelatedTasks(tx: Executor, ws: string, from: string, to: string) {
  const res = await tx.execute(
    sql`update tasks set related_id = ${to}, version = version + 1, updated_at = now()
        where workspace_id = ${ws} and related_type in ('account', 'accounts') and related_id = ${from} returning 1 as moved`,
  )
  return rowsOf(res).length
}

/** Custom relation fields (of any object) that point at accounts. */
export async function accountRelationFields(tx: Executor, ws: string) {
  const d = fieldTables.fieldDefinitions
  return tx
    .select({ object: d.object, key: d.key, relation: d.relation })
    .from(d)
    .where(
      and(
        eq(d.workspaceId, ws),
        eq(d.type, 'relation'),
        isNull(d.deletedAt),
        sql`${d.relation}->>'object' = 'accounts'`,
      ),
    )
}

/** Replaces the merged account's id by the survivor's in one custom relation field of a table. */
export async function repointCustomRelation(
  tx: Executor,
  table: PgTable,
  partition: SQL | undefined,
  field: { key: string; many: boolean },
  ws: string,
  from: string,
  to: string,
): Promise<number> {
  const custom = sql`${sql.identifier('custom')}`
  const path = `{${field.key}}`
  const where = field.many
    ? sql`${custom} -> ${field.key} @> ${JSON.stringify([from])}::jsonb`
    : sql`${custom} ->> ${field.key} = ${from}`
  const value = field.many
    ? sql`(select coalesce(jsonb_agg(distinct case when e = ${from} then ${to} else e end), '[]'::jsonb) from jsonb_array_elements_text(${custom} -> ${field.key}) e)`
    : sql`to_jsonb(${to}::text)`
  const res = await tx.execute(
    sql`update ${table} set custom = jsonb_set(${custom}, ${path}::text[], ${value}), version = version + 1, updated_at = now()
        where workspace_id = ${ws} and ${where}${partition ? sql` and ${partition}` : sql``} returning 1 as moved`,
  )
  return rowsOf(res).length
}

export const insertMerge = (tx: Executor, row: typeof accountMerges.$inferInsert) =>
  tx.insert(accountMerges).values(row)

/** The merges an account took part in (as survivor or as the merged one), newest first, with both names. */
export async function findMerges(tx: Executor, ws: string, accountId: string) {
  const res = await tx.execute(sql`
    select m.id, m.survivor_id as "survivorId", m.merged_id as "mergedId", s.name as "survivorName",
      d.name as "mergedName", m.fields, m.moved, m.merged_by as "mergedBy", m.merged_at as "mergedAt"
    from ${accountMerges} m
    join ${accounts} s on s.workspace_id = m.workspace_id and s.id = m.survivor_id
    join ${accounts} d on d.workspace_id = m.workspace_id and d.id = m.merged_id
    where m.workspace_id = ${ws} and (m.survivor_id = ${accountId} or m.merged_id = ${accountId})
    order by m.merged_at desc`)
  return rowsOf(res) as Record<string, unknown>[]
}
