import { createHash } from 'node:crypto'
import { getTableName, sql } from 'drizzle-orm'
import type { JobContext, JobDef } from '../../core/jobs/jobs'
import type { Executor } from '../../core/db/types'
import type { Collection } from '../../core/crud/collection'
import { forgetDefinitions, toDefinition } from './field-cache'
import {
  expiredDefinitionRows,
  findDefinitionRow,
  listDefinitionRows,
  purgeDefinitionRow,
  setIndexStatus,
} from './field-definition.repository'
import { recordAudit } from '../../core/audit/audit'
import { systemPrincipal } from '../../core/access/permissions'
import { removeFieldValues } from './record-values.repository'
import { storedKind } from './custom-fields.provider'
import { mergeCustomValues } from './custom-values'
import { backfillRollup } from './rollup.service'
import { collectionOf, objectExists } from './object-registry'
import { rowsAfter, writeCustoms } from './record-values.repository'
import { FIELD_BACKFILL_JOB, FIELD_INDEX_JOB, RESTORE_DAYS } from './field-jobs.names'

/** The expression index's name for a workspace's field (stable, within PostgreSQL's 63 characters). */
export const indexNameOf = (ws: string, object: string, key: string) =>
  `cf_${createHash('sha1').update(`${ws}:${object}:${key}`).digest('hex').slice(0, 24)}`

/** The indexed expression, as DDL text: the same expression the list queries use (custom-fields.provider.ts). */
export function indexDdl(
  def: { key: string; type: string; resultType: string | null; relation: unknown },
  c: Collection<any, any, any>,
  ws: string,
  name: string,
  concurrently: boolean,
) {
  if (!/^[a-z][a-zA-Z0-9_]{0,62}$/.test(def.key) || !/^[0-9a-f-]{36}$/.test(ws))
    throw new Error('bad key or workspace')
  const kind = storedKind(def as never)
  const k = `'${def.key}'`
  const expr =
    kind === 'number'
      ? `((custom ->> ${k})::numeric)`
      : kind === 'money'
        ? `(((custom -> ${k}) ->> 'amount')::numeric)`
        : kind === 'list'
          ? `(custom -> ${k})`
          : `(custom ->> ${k})`
  const using = kind === 'list' ? `using gin (${expr} jsonb_path_ops)` : `(${expr})`
  // One partial index per workspace: values are typed per workspace, so a cast never meets another
  // workspace's value of another type under the same key.
  const table = getTableName(c.def.table)
  // A custom object's records share one table: its index holds its rows only.
  const part = c.def.partition ? ` and "${c.def.partition.column.name}" = '${c.def.partition.value}'` : ''
  if (c.def.partition && !/^[a-z][a-z0-9_]{1,40}$/.test(c.def.partition.value))
    throw new Error('bad object key')
  return `create index ${concurrently ? 'concurrently ' : ''}if not exists "${name}" on "${table}" ${using} where workspace_id = '${ws}'${part}`
}

/**
 * Builds (or drops) the expression index of a filterable custom field, outside any transaction: on
 * PostgreSQL with CONCURRENTLY, so writes go on during the build; on the embedded database plainly.
 */
export async function buildFieldIndex(ctx: JobContext, data: { ws: string; id: string }) {
  const db = ctx.db
  const row = await findDefinitionRow(db, data.ws, data.id)
  if (!row) return { skipped: 'no such field' }
  if (!(await objectExists(db, data.ws, row.object))) return { skipped: 'no such object' }
  const c = collectionOf(row.object)
  const name = indexNameOf(data.ws, row.object, row.key)
  const concurrently = !!ctx.config.databaseUrl
  const dropSql = `drop index ${concurrently ? 'concurrently ' : ''}if exists "${name}"`
  await db.execute(sql.raw(dropSql))
  if (!row.filterable || row.deletedAt) return { dropped: name }
  try {
    await db.execute(sql.raw(indexDdl(row, c, data.ws, name, concurrently)))
    await setIndexStatus(db, data.ws, row.id, 'ready')
    forgetDefinitions(data.ws)
    return { built: name }
  } catch (e) {
    // A failed concurrent build leaves an invalid index behind: drop it, and tell the admin.
    await db.execute(sql.raw(dropSql)).catch(() => undefined)
    await setIndexStatus(db, data.ws, row.id, 'failed')
    forgetDefinitions(data.ws)
    ctx.log.error({ err: e, field: row.key }, 'custom field index failed')
    return { failed: String((e as Error).message) }
  }
}

/**
 * Drops a field's index at once, inside the caller's transaction: before its values change kind (a new
 * type or formula result), since an index casting them to numbers would refuse the new values.
 */
export async function dropFieldIndexNow(tx: Executor, ws: string, object: string, key: string) {
  await tx.execute(sql.raw(`drop index if exists "${indexNameOf(ws, object, key)}"`))
}

/** Progress of a running index build (PostgreSQL's pg_stat_progress_create_index), or null. */
export async function indexProgress(tx: Executor, ws: string, object: string, key: string) {
  const name = indexNameOf(ws, object, key)
  try {
    const r = (await tx.execute(
      sql`select phase, blocks_done::int as "blocksDone", blocks_total::int as "blocksTotal", tuples_done::int as "tuplesDone", tuples_total::int as "tuplesTotal" from pg_stat_progress_create_index where index_relid = to_regclass(${name})`,
    )) as unknown as { rows?: Record<string, unknown>[] } | Record<string, unknown>[]
    const rows = Array.isArray(r) ? r : (r.rows ?? [])
    return { index: name, progress: rows[0] ?? null }
  } catch {
    return { index: name, progress: null }
  }
}

const PAGE = 1000

/** Recomputes the stored formula values of every record of an object (after a formula is defined or changed). */
export async function backfillFormulas(ctx: JobContext, data: { ws: string; object: string }) {
  if (!(await objectExists(ctx.db, data.ws, data.object))) return { skipped: 'no such object' }
  const c = collectionOf(data.object)
  // Read afresh, not from the cache: the job follows the change that queued it.
  const defs = (await listDefinitionRows(ctx.db, data.ws, { object: data.object }))
    .map(toDefinition)
    .filter((d) => d.type === 'formula' || d.type === 'rollup')
  if (!defs.length) return { records: 0 }
  // Roll-ups first: a formula may read one.
  for (const d of defs.filter((x) => x.type === 'rollup'))
    await ctx.db.transaction((tx) => backfillRollup(tx, data.ws, d))
  const formulas = defs.filter((d) => d.type === 'formula')
  if (!formulas.length) return { records: 0 }
  let after: string | null = null
  let changed = 0
  for (;;) {
    const rows = await rowsAfter(ctx.db, data.ws, c, after, PAGE)
    if (!rows.length) break
    const customs: Record<string, unknown> = {}
    for (const r of rows) {
      const { values } = mergeCustomValues({
        defs: formulas,
        stored: r.custom ?? {},
        incoming: undefined,
        creating: false,
        record: r,
        allowUnknown: true,
        object: data.object,
      })
      if (JSON.stringify(values) !== JSON.stringify(r.custom ?? {})) customs[r.id] = values
    }
    // Only the stored custom values change: no version bump, audit or event (a derived value, like a score).
    await ctx.db.transaction((tx) => writeCustoms(tx, data.ws, c.def.table, customs))
    changed += Object.keys(customs).length
    after = rows.at(-1)!.id
    if (rows.length < PAGE) break
  }
  return { records: changed }
}

/**
 * Ends the 30 days of fields deleted since: their values leave the records (each record of the object
 * in one statement), their index and their definition go; audited. Daily, and on demand.
 */
export async function purgeDeletedFields(ctx: JobContext, data: { ws?: string } = {}) {
  const before = new Date(Date.now() - RESTORE_DAYS * 86_400_000)
  const expired = (await expiredDefinitionRows(ctx.db, before)).filter(
    (r) => !data?.ws || r.workspaceId === data.ws,
  )
  for (const row of expired) {
    await ctx.db.execute(
      sql.raw(
        `drop index ${ctx.config.databaseUrl ? 'concurrently ' : ''}if exists "${indexNameOf(row.workspaceId, row.object, row.key)}"`,
      ),
    )
    await ctx.db.transaction(async (tx) => {
      if (await objectExists(tx, row.workspaceId, row.object))
        await removeFieldValues(tx, row.workspaceId, collectionOf(row.object), row.key)
      await purgeDefinitionRow(tx, row.workspaceId, row.id)
      await recordAudit(tx, { ws: row.workspaceId, principal: systemPrincipal(row.workspaceId) }, [
        {
          action: 'purge',
          entityType: 'field_definition',
          entityId: row.id,
          before: toDefinition(row),
          after: null,
        },
      ])
    })
    forgetDefinitions(row.workspaceId)
  }
  return { purged: expired.map((r) => `${r.object}.${r.key}`) }
}

export const fieldJobs = (): JobDef[] => [
  {
    name: 'custom_field_purge',
    cron: '30 19 * * *',
    manual: true,
    retryLimit: 1,
    handle: (data, ctx) => purgeDeletedFields(ctx, data ?? {}),
  },
  { name: FIELD_INDEX_JOB, retryLimit: 2, handle: (data, ctx) => buildFieldIndex(ctx, data) },
  { name: FIELD_BACKFILL_JOB, retryLimit: 2, handle: (data, ctx) => backfillFormulas(ctx, data) },
]

export { toDefinition }
