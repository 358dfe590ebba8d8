import { Column, getTableName, is, sql, type SQL } from 'drizzle-orm'
import { alias, type AnyPgColumn, type PgTable } from 'drizzle-orm/pg-core'
import {
  builtinObjects,
  fieldLabelsEn,
  fieldLabelsZh,
  optionLabelsEn,
  optionLabelsZh,
  type ObjectField,
  type ObjectFieldType,
} from '@openkam/contract'
import type { Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
import { fieldAccessOf, scopeFor } from '../../../core/access/permissions'
import type { Collection } from '../../../core/crud/collection'
import { collectionOf, customValueExpr, getObject, loadDefinitions, objectExists } from '../../fields'

export type Lang = 'en' | 'zh-CN'

/** How the engine treats a field: what it may measure, group and compare. */
export type ValueKind = 'number' | 'text' | 'date' | 'datetime' | 'boolean' | 'id' | 'list'

/** A field a report may use, with the SQL expression that reads it (on the object's table or a join's alias). */
export type ReportField = {
  path: string
  label: string
  type: ObjectFieldType
  kind: ValueKind
  options?: { value: string; label: string }[]
  /** What a relation or user field points to (its records' names label the groups). */
  target?: { object: string } | { users: true }
  expr: SQL
  /** The join this field reads through (`accountId.tier`): the relation's path. */
  via?: string
}

/** A relation hop of a report: the related object's table under an alias, joined on the relation's id. */
export type ReportJoin = {
  path: string
  object: string
  collection: Collection<any, any, any>
  table: PgTable
  /** `<table> as <alias>`, for the FROM clause. */
  from: SQL
  on: SQL
}

export type Catalogue = {
  object: string
  collection: Collection<any, any, any>
  table: PgTable
  /** The fields of the object itself, by key (`tier`, `custom.discount`). */
  own: Map<string, ReportField>
  titleField: string
  lang: Lang
}

const KIND: Record<ObjectFieldType, ValueKind> = {
  text: 'text',
  long_text: 'text',
  number: 'number',
  money: 'number',
  percent: 'number',
  date: 'date',
  datetime: 'datetime',
  boolean: 'boolean',
  select: 'text',
  multi_select: 'list',
  user: 'id',
  relation: 'id',
  file: 'list',
  url: 'text',
  email: 'text',
  phone: 'text',
  formula: 'number',
  rollup: 'number',
  tags: 'list',
}

function kindOf(f: ObjectField): ValueKind {
  if (f.type === 'formula') {
    const r = f.resultType ?? 'number'
    return r === 'number' ? 'number' : r === 'date' ? 'date' : r === 'boolean' ? 'boolean' : 'text'
  }
  if (f.type === 'relation' && f.relation?.many) return 'list'
  return KIND[f.type]
}

/** The column of a built-in field on `table` (the table itself or an alias of it), or null when it has none. */
function builtinColumn(c: Collection<any, any, any>, table: PgTable, key: string): SQL | AnyPgColumn | null {
  const spec = c.def.filterable[key] ?? c.def.sortable[key]
  const base = c.def.table as unknown as Record<string, unknown>
  // A field whose spec is an expression or a column under another name: find that column's property.
  const col = spec && is(spec.column, Column) ? (spec.column as AnyPgColumn) : base[key]
  if (!is(col, Column)) return null
  const prop = Object.keys(base).find((k) => base[k] === col)
  const onTable = prop ? (table as unknown as Record<string, unknown>)[prop] : undefined
  return is(onTable, Column) ? (onTable as AnyPgColumn) : null
}

/** The computed fields of built-in objects (health band, potential class…): reportable, not in forms. */
function virtualFields(object: string, lang: Lang): ObjectField[] {
  const labels = (lang === 'zh-CN' ? fieldLabelsZh : fieldLabelsEn) as Record<string, string>
  const optionLabels = (lang === 'zh-CN' ? optionLabelsZh : optionLabelsEn) as Record<
    string,
    Record<string, string>
  >
  return (builtinObjects[object]?.fields ?? [])
    .filter((f) => f.virtual)
    .map((f) => ({
      key: f.key,
      label: labels[f.key] ?? f.key,
      type: f.type === 'enum' ? 'select' : f.type === 'number' ? 'number' : 'text',
      required: false,
      filterable: true,
      sortable: true,
      custom: false,
      readOnly: true,
      access: 'read' as const,
      ...(f.type === 'enum'
        ? { options: f.values.map((v) => ({ value: v, label: optionLabels[f.enum]?.[v] ?? v })) }
        : {}),
    }))
}

/** The object-model fields of an object a person may see, each with its expression on `table`. */
async function fieldsOn(
  tx: Executor,
  ctx: Ctx,
  object: string,
  table: PgTable,
  lang: Lang,
  prefix = '',
  labelPrefix = '',
): Promise<{ fields: Map<string, ReportField>; titleField: string }> {
  const schema = await getObject(tx, ctx, object, lang)
  const c = collectionOf(object)
  const defs = (await loadDefinitions(tx, ctx.ws)).get(object) ?? []
  const out = new Map<string, ReportField>()
  const virtual = virtualFields(object, lang).filter(
    (f) => fieldAccessOf(ctx.principal, object, f.key) !== 'hidden',
  )
  for (const f of [...schema.fields, ...virtual]) {
    const key = f.custom ? `custom.${f.key}` : f.key
    let expr: SQL | AnyPgColumn | null
    if (f.custom) {
      const d = defs.find((x) => x.key === f.key)
      expr = d ? customValueExpr(table, d) : null
    } else expr = builtinColumn(c, table, f.key)
    if (!expr) continue
    const kind = kindOf(f)
    const target =
      f.type === 'user'
        ? { users: true as const }
        : f.relation && !f.relation.many
          ? { object: f.relation.object }
          : undefined
    out.set(prefix + key, {
      path: prefix + key,
      label: labelPrefix + f.label,
      type: f.type,
      kind,
      ...(f.options ? { options: f.options.map((o) => ({ value: o.value, label: o.label })) } : {}),
      ...(target ? { target } : {}),
      expr: sql`${expr}`,
      ...(prefix ? { via: prefix.slice(0, -1) } : {}),
    })
  }
  // Every record has an id and its stamps, also where the object model leaves them out of forms.
  for (const key of ['createdAt', 'updatedAt']) {
    const col = (table as unknown as Record<string, unknown>)[key]
    if (!out.has(prefix + key) && is(col, Column))
      out.set(prefix + key, {
        path: prefix + key,
        label:
          labelPrefix +
          (lang === 'zh-CN'
            ? key === 'createdAt'
              ? '创建时间'
              : '更新时间'
            : key === 'createdAt'
              ? 'Created'
              : 'Updated'),
        type: 'datetime',
        kind: 'datetime',
        expr: sql`${col as AnyPgColumn}`,
        ...(prefix ? { via: prefix.slice(0, -1) } : {}),
      })
  }
  return { fields: out, titleField: schema.titleField }
}

/**
 * The reportable fields of an object for the caller (SPEC R-21): every object-model field they may see,
 * built-in (including computed ones such as the health band) or custom; 404 when they may not read it.
 */
export async function catalogue(tx: Executor, ctx: Ctx, object: string, lang: Lang): Promise<Catalogue> {
  const collection = collectionOf(object)
  const table = collection.def.table as unknown as PgTable
  const { fields, titleField } = await fieldsOn(tx, ctx, object, table, lang)
  return { object, collection, table, own: fields, titleField, lang }
}

/**
 * The fields of a related record through a relation field of the object (`accountId` → `accountId.tier`),
 * on an alias of its table, and the join to it — left out when the person may not read that object.
 */
export async function relatedFields(
  tx: Executor,
  ctx: Ctx,
  cat: Catalogue,
  relationPath: string,
): Promise<{ join: ReportJoin; fields: Map<string, ReportField> } | null> {
  const rel = cat.own.get(relationPath)
  if (!rel || rel.kind !== 'id' || !rel.target || !('object' in rel.target)) return null
  const object = rel.target.object
  if (!(await objectExists(tx, ctx.ws, object)) || scopeFor(ctx.principal, object, 'read') === 'none')
    return null
  const collection = collectionOf(object)
  const base = collection.def.table as unknown as PgTable
  const name = `r_${relationPath}`
  const table = alias(base, name) as unknown as PgTable
  const from = sql`${sql.identifier(getTableName(base))} as ${sql.identifier(name)}`
  const t = table as unknown as { id: AnyPgColumn; workspaceId: AnyPgColumn; deletedAt: AnyPgColumn }
  const visible = collection.visibilityOn(ctx, collection.scope(ctx, 'read'), table)
  const part = collection.partitionOn(table)
  const on = sql`${t.id} = ${rel.expr} and ${t.workspaceId} = ${ctx.ws} and ${t.deletedAt} is null${part ? sql` and ${part}` : sql``}${visible ? sql` and ${visible}` : sql``}`
  const { fields } = await fieldsOn(tx, ctx, object, table, cat.lang, `${relationPath}.`, `${rel.label} › `)
  return { join: { path: relationPath, object, collection, table, from, on }, fields }
}
