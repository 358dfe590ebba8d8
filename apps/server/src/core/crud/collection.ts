import {
  and,
  eq,
  getTableColumns,
  getTableName,
  gt,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  ne,
  or,
  sql,
  type SQL,
} from 'drizzle-orm'
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core'
import { auditInsert, recordAudit, diff } from '../audit/audit'
import { scopeFor, reaches, type Action, type Scope } from '../access/permissions'
import { AppError, notFound, type FieldError } from '../errors'
import { newId, isUuid } from '../ids'
import type { Ctx } from '../context'
import type { Executor } from '../db/types'
import { customFields } from './custom-fields'
import { runWriteGuards } from './write-guards'
import { inTransaction, predictRow, whenWritten, writeWithEffects } from './one-statement'
import { cursorValue, decodeCursor, encodeCursor, fromCursorValue, parseSort, type SortKind } from './cursor'

export type FieldSpec = {
  /** A column, or an expression (a custom field's value in `custom`). */
  column: AnyPgColumn | SQL
  kind: SortKind | 'uuid' | 'enum'
  values?: readonly string[]
  /** Reads a filter value when the kind's own parsing does not fit (custom fields). */
  parse?(v: string): { ok: true; value: unknown } | { ok: false; message: string }
  /** A list of values (multi-select, many relations): equality filters test membership. */
  many?: boolean
  /** The sort value of a row, for the page cursor, when `column` is an expression. */
  sortValue?(row: Row): unknown
}

/** The columns every business table has; a collection's table must carry them. */
type BusinessTable = PgTable & {
  id: AnyPgColumn
  workspaceId: AnyPgColumn
  createdAt: AnyPgColumn
  updatedAt: AnyPgColumn
  createdBy: AnyPgColumn
  ownerId: AnyPgColumn
  version: AnyPgColumn
  deletedAt: AnyPgColumn
  custom: AnyPgColumn
}

type Row = Record<string, any>

/**
 * Everything the shared machinery needs to serve one collection: list (filters, search, sort, cursor),
 * get, create, update with optimistic version, soft delete and restore, with visibility,
 * audit entries and outbox events in the caller's transaction.
 */
export type CollectionDef<Rec, Create, Update> = {
  /** URL segment and permission key, e.g. 'accounts'. */
  name: string
  /** Audit entity type and event prefix, e.g. 'account'. */
  entity: string
  /** Human label for messages, e.g. 'Account'. */
  label: string
  table: BusinessTable
  toRecord(row: Row): Rec
  /**
   * The record as the reader gets it from the list and get routes, with messages the server stored in
   * English (e.g. why a playbook did not start) in the reader's language.
   */
  localize?(rec: Rec, lang: 'en' | 'zh-CN'): Rec
  /** Wire input → column values (without ownerId, custom and version, which are handled here). */
  toColumns(input: Partial<Create & Update>): Row
  sortable: Record<string, FieldSpec>
  filterable: Record<string, FieldSpec>
  search: AnyPgColumn[]
  defaultSort: string
  /** Columns whose users own the record for `own`/`team` scope; ownerId by default. */
  ownerColumns?: AnyPgColumn[]
  /** A column holding a role key: everyone with that role reaches the record as its owner (e.g. a task for legal). */
  roleColumn?: AnyPgColumn
  /**
   * The record belongs to a parent (e.g. a contact to its account): whoever reaches the parent reaches
   * the record too, and the parent must exist and be visible to the person writing the record.
   */
  parent?: ParentSpec
  /** Adds related data to a page of records in a bounded number of queries (no query per row). */
  hydrate?(tx: Executor, ctx: Ctx, recs: Rec[]): Promise<Rec[]>
  /** Writes related rows (e.g. memberships) after the row itself, in the same transaction. */
  afterWrite?(
    tx: Executor,
    ctx: Ctx,
    id: string,
    input: Partial<Create & Update>,
    created: boolean,
  ): Promise<void>
  /** Called after every write (create, update, delete, restore) inside the transaction, e.g. to drop caches. */
  onChange?(ctx: Ctx, id: string): void
  /** Derives columns from a change, e.g. completedAt when a task becomes done. Returns extra columns. */
  derive?(patch: Row, before: Row | null): Row
  /**
   * Columns a new, checked row gets from the database just before it is inserted, in the same
   * transaction (e.g. a ticket's number from its counter, its routing and service-level due times).
   */
  beforeInsert?(tx: Executor, ctx: Ctx, row: Row): Promise<Row>
  /** Columns a checked change gets from the database just before it is stored (e.g. due times moved). */
  beforeUpdate?(tx: Executor, ctx: Ctx, patch: Row, before: Row): Promise<Row>
  /** Business validation of the candidate row; return field errors to refuse with 400. */
  validate?(tx: Executor, ctx: Ctx, candidate: Row, before: Row | null): Promise<FieldError[]>
  /**
   * A shared table holding several collections (custom objects' records): every read keeps to the rows
   * whose `column` is `value`, and new rows get it.
   */
  partition?: { column: AnyPgColumn; field: string; value: string }
  /**
   * Records shared with the person beyond their scope (e.g. a dashboard shared with their role): they
   * may read them, never change them (writes check the scope alone).
   */
  sharedWith?(ctx: Ctx): SQL | undefined
}

export type ParentSpec = {
  /** The child's column that holds the parent id, e.g. contacts.accountId. */
  column: AnyPgColumn
  /** The child's property for that column, e.g. 'accountId'. */
  field: string
  /** The parent's collection name (permission key), e.g. 'accounts'. */
  collection: string
  label: string
  table: BusinessTable
  ownerColumns: AnyPgColumn[]
  /** Whether a record may exist without a parent. */
  optional?: boolean
}

export type ListQuery = {
  limit: number
  cursor?: string
  sort?: string
  q?: string
  deleted?: 'exclude' | 'only' | 'include'
  [filter: string]: unknown
}

export type Page<Rec> = { data: Rec[]; nextCursor: string | null }

const FILTER_KEY = /^((?:custom\.)?\w+)(?:\[(gte|lte|gt|lt|ne)\])?$/
/** A related object's filter: `<child collection>.<its filter key>`, e.g. `marketing-touches.kind`. */
const RELATION_KEY = /^([a-z][a-z0-9-]*)\.(.+)$/

/** Built-in collections by name, for relation filters (custom objects' shared tables are not related this way). */
const collectionsByName = new Map<string, Collection<any, any, any>>()

export class Collection<
  Rec,
  Create extends { ownerId?: string | null; custom?: Record<string, unknown> },
  Update,
> {
  constructor(readonly def: CollectionDef<Rec, Create, Update>) {
    // Every collection can be filtered by id (`?id=a,b,c`), e.g. to resolve names of referenced records.
    if (!def.filterable.id) def.filterable = { id: { column: def.table.id, kind: 'uuid' }, ...def.filterable }
    if (!def.partition) collectionsByName.set(def.name, this)
  }

  /** The collections whose records belong to this one's (their `parent`), by name: what relation filters reach. */
  private relatedCollections(): string[] {
    return [...collectionsByName.values()]
      .filter((c) => c.def.parent?.collection === this.def.name)
      .map((c) => c.def.name)
  }

  /** Records of rows for the person: without the fields hidden from them, unless `full` (audit, events). */
  private async load(tx: Executor, ctx: Ctx, rows: Row[], full = false): Promise<Rec[]> {
    const recs = rows.map((r) => this.def.toRecord(r))
    const out = this.def.hydrate && recs.length ? await this.def.hydrate(tx, ctx, recs) : recs
    return full ? out : withoutHidden(ctx, this.def.name, out)
  }

  /** A full record (audit entries and events carry every field) and the person's view of it. */
  private async loadBoth(tx: Executor, ctx: Ctx, row: Row): Promise<{ full: Rec; shown: Rec }> {
    const full = (await this.load(tx, ctx, [row], true))[0]!
    const f = full as Row
    const copy = { ...f, ...(f.custom ? { custom: { ...f.custom } } : {}) } as Rec
    return { full, shown: withoutHidden(ctx, this.def.name, [copy])[0]! }
  }

  /** A write naming a field the person may only read, or may not see, is refused naming it (R-23). */
  private checkWritable(ctx: Ctx, input: Record<string, unknown>) {
    const access = ctx.principal.fieldAccess?.[this.def.name]
    if (!access) return
    const named = [
      ...Object.keys(input).filter((k) => k !== 'version' && k !== 'custom'),
      ...Object.keys((input.custom as Record<string, unknown> | undefined) ?? {}).map((k) => `custom.${k}`),
    ]
    const denied = named.filter((k) => access[k])
    if (denied.length) {
      throw new AppError(
        'forbidden',
        'field_not_writable',
        `Your role may not change ${denied.join(', ')} of ${this.def.name}`,
        {
          errors: denied.map((path) => ({
            path,
            message: access[path] === 'read' ? 'is read-only for your role' : 'is not visible to your role',
          })),
        },
      )
    }
  }

  private async loadOne(tx: Executor, ctx: Ctx, row: Row): Promise<Rec> {
    return (await this.load(tx, ctx, [row]))[0]!
  }

  /** The object key of the records: the collection name, or the custom object's key for a shared table. */
  get objectKey(): string {
    return this.def.partition?.value ?? this.def.name
  }

  /** The rows of this collection in a shared table (custom objects' records); undefined otherwise. */
  partitionWhere(): SQL | undefined {
    const p = this.def.partition
    return p ? eq(p.column, p.value) : undefined
  }

  private get t() {
    return this.def.table
  }

  private ownerCols() {
    return this.def.ownerColumns ?? [this.t.ownerId]
  }

  /** The scope for an action, refusing with 403 when it is none. */
  scope(ctx: Ctx, action: Action): Scope {
    const s = scopeFor(ctx.principal, this.def.name, action)
    if (s === 'none') {
      throw new AppError('forbidden', 'forbidden', `Your role may not ${action} ${this.def.name}`)
    }
    return s
  }

  /** A WHERE fragment limiting rows to those `scope` reaches. */
  visibility(ctx: Ctx, scope: Scope): SQL | undefined {
    if (scope === 'all') return undefined
    const shared = this.def.sharedWith?.(ctx)
    const own = this.ownVisibility(ctx, scope)
    return shared ? or(own, shared) : own
  }

  /**
   * `visibility` on an alias of the collection's table (a report joining the related records): the same
   * rule on the alias's columns. Shared records are left out (reports never join them).
   */
  visibilityOn(ctx: Ctx, scope: Scope, table: PgTable): SQL | undefined {
    if (scope === 'all') return undefined
    return this.ownVisibility(
      ctx,
      scope,
      (c) => (table as unknown as Record<string, AnyPgColumn>)[columnKey(this.t, c)]!,
    )
  }

  /** `partitionWhere` on an alias of the collection's table. */
  partitionOn(table: PgTable): SQL | undefined {
    const p = this.def.partition
    return p
      ? eq((table as unknown as Record<string, AnyPgColumn>)[columnKey(this.t, p.column)]!, p.value)
      : undefined
  }

  private ownVisibility(
    ctx: Ctx,
    scope: Scope,
    on: (c: AnyPgColumn) => AnyPgColumn = (c) => c,
  ): SQL | undefined {
    const p = ctx.principal
    const ids = scope === 'own' ? (p.userId ? [p.userId] : []) : p.teamUserIds
    const byRole =
      this.def.roleColumn && p.roles.length ? inArray(on(this.def.roleColumn), p.roles) : undefined
    if (ids.length === 0) return byRole ?? sql`false`
    const direct = or(...this.ownerCols().map((c) => inArray(on(c), ids)), byRole)
    const parent = this.def.parent
    if (!parent) return direct
    const pt = parent.table
    const viaParent = sql`${on(parent.column)} in (select ${pt.id} from ${pt} where ${pt.workspaceId} = ${ctx.ws} and (${or(
      ...parent.ownerColumns.map((c) => inArray(c, ids)),
    )}))`
    return or(direct, viaParent)
  }

  /** Whether the record (its owners, or its parent's) falls within `scope` for this person. */
  private async canReach(tx: Executor, ctx: Ctx, scope: Scope, row: Row): Promise<boolean> {
    const owners = this.ownerCols().map((c) => row[columnKey(this.t, c)] ?? null)
    if (reaches(ctx.principal, scope, owners)) return true
    const role = this.def.roleColumn ? row[columnKey(this.t, this.def.roleColumn)] : null
    if (scope !== 'none' && role && ctx.principal.roles.includes(role)) return true
    const parent = this.def.parent
    const parentId = parent ? row[parent.field] : null
    if (!parent || !parentId) return false
    const [p] = (await tx
      .select()
      .from(parent.table as PgTable)
      .where(and(eq(parent.table.workspaceId, ctx.ws), eq(parent.table.id, parentId)))) as Row[]
    return (
      !!p &&
      reaches(
        ctx.principal,
        scope,
        parent.ownerColumns.map((c) => p[columnKey(parent.table, c)] ?? null),
      )
    )
  }

  /** The parent must exist in this workspace, not be deleted, and be visible to the person. */
  private async checkParent(tx: Executor, ctx: Ctx, candidate: Row): Promise<FieldError[]> {
    const parent = this.def.parent
    if (!parent) return []
    const id = candidate[parent.field]
    if (!id) return parent.optional ? [] : [{ path: parent.field, message: `${parent.label} is required` }]
    const scope = scopeFor(ctx.principal, parent.collection, 'read')
    const pt = parent.table
    const vis =
      scope === 'all'
        ? undefined
        : scope === 'none'
          ? sql`false`
          : or(
              ...parent.ownerColumns.map((c) =>
                inArray(c, scope === 'own' ? [ctx.principal.userId ?? ''] : ctx.principal.teamUserIds),
              ),
            )
    const found = await tx
      .select({ id: pt.id })
      .from(pt as PgTable)
      .where(and(eq(pt.workspaceId, ctx.ws), eq(pt.id, id), isNull(pt.deletedAt), vis))
    return found.length
      ? []
      : [{ path: parent.field, message: `no such ${parent.label.toLowerCase()} in this workspace` }]
  }

  /** The WHERE, ORDER BY and LIMIT of a list, checked and built once for `list` and `listAsJson`. */
  private listParts(ctx: Ctx, query: ListQuery) {
    const scope = this.scope(ctx, 'read')
    const t = this.t
    const sortRaw = query.sort ?? this.def.defaultSort
    const { key, dir } = parseSort(sortRaw)
    const sortSpec = isHidden(ctx, this.def.name, key) ? undefined : this.fieldSpec(ctx, key, 'sort')
    if (!sortSpec) throw invalid('sort', `sort by one of ${this.specKeys(ctx, 'sort').join(', ')}`)
    const where: (SQL | undefined)[] = [
      eq(t.workspaceId, ctx.ws),
      this.partitionWhere(),
      this.visibility(ctx, scope),
    ]
    const deleted = query.deleted ?? 'exclude'
    if (deleted === 'exclude') where.push(isNull(t.deletedAt))
    if (deleted === 'only') where.push(isNotNull(t.deletedAt))
    if (query.q) {
      const pattern = `%${query.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`
      const custom = customFields()?.searchExprs(ctx.ws, this.def.name, this.t) ?? []
      where.push(
        or(...this.def.search.map((c) => ilike(c, pattern)), ...custom.map((e) => ilike(e, pattern))),
      )
    }
    where.push(...this.filters(ctx, query))
    if (query.cursor) {
      const c = decodeCursor(query.cursor, sortRaw)
      where.push(keyset(sortSpec.column, t.id, dir, fromCursorValue(sortSpec.kind as SortKind, c.v), c.id))
    }
    const direction = dir === 'asc' ? sql`asc` : sql`desc`
    // `nulls last` only where nulls can occur: on NOT NULL columns it would keep an index from serving the sort.
    const orderBy = [
      (sortSpec.column as AnyPgColumn).notNull
        ? sql`${sortSpec.column} ${direction}`
        : sql`${sortSpec.column} ${direction} nulls last`,
      sql`${t.id} ${direction}`,
    ]
    return { where: and(...where), orderBy, limit: query.limit, sortRaw, sortSpec }
  }

  /** A page from the rows of `listParts`' query (one row more than the limit tells there is a next page). */
  private async toPage(
    tx: Executor,
    ctx: Ctx,
    p: ReturnType<Collection<Rec, Create, Update>['listParts']>,
    rows: Row[],
  ): Promise<Page<Rec>> {
    const more = rows.length > p.limit
    const page = more ? rows.slice(0, p.limit) : rows
    const last = page.at(-1)
    return {
      data: await this.load(tx, ctx, page),
      nextCursor:
        more && last
          ? encodeCursor({
              s: p.sortRaw,
              v: cursorValue(
                p.sortSpec.sortValue
                  ? p.sortSpec.sortValue(last)
                  : last[columnKey(this.t, p.sortSpec.column as AnyPgColumn)],
              ),
              id: last.id,
            })
          : null,
    }
  }

  /** A built-in field's spec, or a custom field's (`custom.<key>`) from the workspace's definitions. */
  private fieldSpec(ctx: Ctx, key: string, use: 'filter' | 'sort'): FieldSpec | undefined {
    if (key.startsWith('custom.'))
      return customFields()?.spec(ctx.ws, this.def.name, this.t, key.slice(7), use)
    return use === 'filter' ? this.def.filterable[key] : this.def.sortable[key]
  }

  private specKeys(ctx: Ctx, use: 'filter' | 'sort'): string[] {
    const builtIn = Object.keys(use === 'filter' ? this.def.filterable : this.def.sortable)
    const custom = customFields()?.keys(ctx.ws, this.def.name, use) ?? []
    return [...builtIn, ...custom.map((k) => `custom.${k}`)]
  }

  /** A page of records; `extra` narrows it further (e.g. a report's drill-down: the records behind a number). */
  async list(tx: Executor, ctx: Ctx, query: ListQuery, extra?: SQL): Promise<Page<Rec>> {
    await customFields()?.prepare(tx, ctx.ws)
    const p = this.listParts(ctx, query)
    const rows: Row[] = await tx
      .select()
      .from(this.t as PgTable)
      .where(extra ? and(p.where, extra) : p.where)
      .orderBy(...p.orderBy)
      .limit(p.limit + 1)
    return this.toPage(tx, ctx, p, rows)
  }

  /**
   * The same list as `list`, as a scalar subquery yielding its rows as one json array, so that a caller
   * can read several lists in ONE statement (a round trip per list costs more CPU than the list itself);
   * `read` turns the array into the page `list` would give. Null when a column type is not supported.
   * Errors (no read right, bad sort or filter) are thrown here, as `list` throws them.
   * @example const q = contactCollection.listAsJson(ctx, { limit: 50, accountId })
   * // select ${q.sql} as contacts … then await q!.read(tx, row.contacts)
   */
  listAsJson(
    ctx: Ctx,
    query: ListQuery,
  ): { sql: SQL; read(tx: Executor, value: unknown): Promise<Page<Rec>> } | null {
    const p = this.listParts(ctx, query)
    const codec = jsonCodec(this.t)
    if (!codec) return null
    // The aggregate reads the ordered, limited subquery as it comes, so the array keeps the list's order.
    const text = sql`(select coalesce(json_agg(x), '[]'::json) from (select ${codec.select} from ${this.t} where ${p.where} order by ${sql.join(p.orderBy, sql`, `)} limit ${p.limit + 1}) x)`
    return {
      sql: text,
      read: (tx, value) => this.toPage(tx, ctx, p, (value as Row[]).map(codec.decode)),
    }
  }

  /**
   * The WHERE of list filters alone (no visibility, no trash), e.g. for a roll-up's "which related
   * records count"; throws 400 naming a bad filter as a list would. Custom fields need `prepare` first.
   * @example ticketCollection.filterWhere(ctx, { status: 'new,open,pending' })
   */
  filterWhere(ctx: Ctx, filters: Record<string, string>): SQL | undefined {
    return and(...this.filters(ctx, filters as ListQuery))
  }

  private filters(ctx: Ctx, query: ListQuery): SQL[] {
    const { out, errors } = this.filterParts(ctx, query)
    if (errors.length)
      throw new AppError('invalid', 'invalid_filter', 'Some filters are not valid', { errors })
    return out
  }

  /**
   * Relation filters (ADR 0031): `<child>.<key>=<value>` keeps the records that have at least one live,
   * readable related record of `child` (a collection whose parent is this one) matching every filter
   * given under that prefix — e.g. accounts with `marketing-touches.kind=event_attended`. Nests.
   */
  private relationFilters(ctx: Ctx, related: Map<string, Record<string, string>>) {
    const out: SQL[] = []
    const errors: FieldError[] = []
    for (const [name, sub] of related) {
      const child = collectionsByName.get(name)
      if (!child || child.def.parent?.collection !== this.def.name) {
        for (const k of Object.keys(sub))
          errors.push({
            path: `${name}.${k}`,
            message: `not a related object; filter related records as <object>.<field> with one of ${this.relatedCollections().join(', ') || 'none'}`,
          })
        continue
      }
      const scope = scopeFor(ctx.principal, name, 'read')
      if (scope === 'none') {
        for (const k of Object.keys(sub))
          errors.push({ path: `${name}.${k}`, message: `your role may not read ${name}` })
        continue
      }
      const inner = child.filterParts(ctx, sub as ListQuery)
      errors.push(...inner.errors.map((e) => ({ ...e, path: `${name}.${e.path}` })))
      if (inner.errors.length) continue
      const ct = child.def.table
      const where = and(
        eq(ct.workspaceId, ctx.ws),
        isNull(ct.deletedAt),
        child.visibility(ctx, scope),
        ...inner.out,
      )
      out.push(sql`${this.t.id} in (select ${child.def.parent!.column} from ${ct} where ${where})`)
    }
    return { out, errors }
  }

  private filterParts(ctx: Ctx, query: ListQuery): { out: SQL[]; errors: FieldError[] } {
    const out: SQL[] = []
    const errors: FieldError[] = []
    const related = new Map<string, Record<string, string>>()
    for (const [rawKey, rawValue] of Object.entries(query)) {
      if (['limit', 'cursor', 'sort', 'q', 'deleted'].includes(rawKey) || rawValue === undefined) continue
      const rel = RELATION_KEY.exec(rawKey)
      if (rel && rel[1] !== 'custom') {
        const sub = related.get(rel[1]!) ?? {}
        sub[rel[2]!] = String(rawValue)
        related.set(rel[1]!, sub)
        continue
      }
      const m = FILTER_KEY.exec(rawKey)
      const spec =
        m && !isHidden(ctx, this.def.name, m[1]!) ? this.fieldSpec(ctx, m[1]!, 'filter') : undefined
      if (!m || !spec) {
        const rels = this.relatedCollections()
        errors.push({
          path: rawKey,
          message: `not a filter; filter by ${this.specKeys(ctx, 'filter').join(', ')}${rels.length ? `, or related records as <object>.<field> (${rels.join(', ')})` : ''}`,
        })
        continue
      }
      const op = m[2]
      const values = String(rawValue)
        .split(',')
        .map((v) => v.trim())
        .filter((v) => v !== '')
      const parsed: unknown[] = []
      for (const v of values) {
        const r = (spec.parse ?? ((x: string) => parseFilterValue(spec, x)))(
          v === 'me' && spec.kind === 'uuid' ? (ctx.principal.userId ?? '') : v,
        )
        if (r.ok) parsed.push(r.value)
        else errors.push({ path: rawKey, message: r.message })
      }
      if (parsed.length === 0) continue
      const col = spec.column as SQL
      if (!op && spec.many) {
        // A list value (multi-select, many relation): one of the wanted values is in it.
        out.push(
          or(
            ...parsed.map((v) => (v === null ? isNull(col) : sql`${col} @> ${JSON.stringify([v])}::jsonb`)),
          )!,
        )
      } else if (!op) {
        out.push(
          parsed.length === 1
            ? parsed[0] === null
              ? isNull(col)
              : eq(col, parsed[0])
            : inArray(col, parsed),
        )
      } else {
        const v = parsed[0]
        if (
          op !== 'ne' &&
          (spec.kind === 'uuid' || spec.kind === 'enum' || spec.kind === 'boolean' || spec.many)
        ) {
          errors.push({ path: rawKey, message: `${op} applies to dates, numbers and text only` })
          continue
        }
        out.push({ gte, lte, gt, lt, ne }[op]!(col, v))
      }
    }
    if (related.size) {
      const r = this.relationFilters(ctx, related)
      out.push(...r.out)
      errors.push(...r.errors)
    }
    return { out, errors }
  }

  /** Reads one row of this workspace that the principal may read; 404 otherwise (also for other workspaces). */
  private async findVisible(
    tx: Executor,
    ctx: Ctx,
    id: string,
    opts: { forUpdate?: boolean; deleted?: boolean; xmin?: boolean } = {},
  ) {
    if (!isUuid(id)) throw notFound(this.def.label)
    const scope = this.scope(ctx, 'read')
    const t = this.t
    // With `xmin`, the row's version in PostgreSQL's own terms (it changes on every update, by any
    // writer) under ROW_VERSION, taken off again by the caller.
    const q = (
      opts.xmin
        ? tx.select({ ...getTableColumns(t), [ROW_VERSION]: sql<string>`${t}.xmin::text` })
        : tx.select()
    )
      .from(t as PgTable)
      .where(
        and(
          eq(t.workspaceId, ctx.ws),
          eq(t.id, id),
          this.partitionWhere(),
          opts.deleted === undefined
            ? undefined
            : opts.deleted
              ? isNotNull(t.deletedAt)
              : isNull(t.deletedAt),
          this.visibility(ctx, scope),
        ),
      )
    const rows: Row[] = opts.forUpdate ? await q.for('update') : await q
    const row = rows[0]
    if (!row) throw notFound(this.def.label)
    return row
  }

  async get(tx: Executor, ctx: Ctx, id: string): Promise<Rec> {
    return this.loadOne(tx, ctx, await this.findVisible(tx, ctx, id, { deleted: false }))
  }

  /** Like get, but also finds a deleted record (for the trash and restore). */
  async getAny(tx: Executor, ctx: Ctx, id: string): Promise<Rec> {
    return this.loadOne(tx, ctx, await this.findVisible(tx, ctx, id))
  }

  /**
   * Whether a write can be one statement (ADR 0026): the record, its audit entry, outbox row and jobs
   * together. Not when the collection writes or reads more around the row (hooks, hydration).
   */
  private oneStatement(ctx: Ctx, action: 'create' | 'update'): boolean {
    const d = this.def
    return (
      !!ctx.events.emitSql &&
      !d.afterWrite &&
      !d.hydrate &&
      !(action === 'create' ? d.beforeInsert : d.beforeUpdate)
    )
  }

  /**
   * Creates a record. Given the database rather than a transaction, it needs none when the write is one
   * statement (the checks before it only read), and opens one otherwise.
   */
  async create(exec: Executor, ctx: Ctx, input: Create): Promise<Rec> {
    if (!inTransaction(exec) && !this.oneStatement(ctx, 'create'))
      return exec.transaction((tx) => this.create(tx, ctx, input))
    const tx = exec
    const scope = this.scope(ctx, 'create')
    this.checkWritable(ctx, input as Record<string, unknown>)
    const now = new Date()
    const ownerId = input.ownerId === undefined ? ctx.principal.userId : input.ownerId
    const cols = this.def.toColumns(input as unknown as Partial<Create & Update>)
    const row: Row = {
      ...cols,
      ...this.def.derive?.(cols, null),
      id: newId(),
      workspaceId: ctx.ws,
      ...(this.def.partition ? { [this.def.partition.field]: this.def.partition.value } : {}),
      createdAt: now,
      updatedAt: now,
      createdBy: ctx.principal.userId,
      ownerId,
      version: 1,
      custom: input.custom ?? {},
    }
    const cf = customFields()
    if (cf) row.custom = await cf.values(tx, ctx, this.def.name, this.t, row, input.custom, null)
    if (!(await this.canReach(tx, ctx, scope, row))) {
      throw new AppError(
        'forbidden',
        'forbidden',
        `Your role may create ${this.def.name} only for ${scopeWords[scope]}`,
      )
    }
    await runWriteGuards(tx, ctx, {
      object: this.objectKey,
      action: 'create',
      id: null,
      before: null,
      changes: input as Record<string, unknown>,
    })
    await this.check(tx, ctx, row, null)
    const predicted = this.oneStatement(ctx, 'create') ? predictRow(this.t, row) : null
    if (predicted) return this.createInOneStatement(tx, ctx, predicted)
    if (!inTransaction(tx)) return tx.transaction((t) => this.insertChecked(t, ctx, input, row))
    return this.insertChecked(tx, ctx, input, row)
  }

  /** The row, its audit entry, outbox row and jobs in one statement, from the row as it will be stored. */
  private async createInOneStatement(exec: Executor, ctx: Ctx, row: Row): Promise<Rec> {
    const rec = this.def.toRecord(row)
    const { parts } = await ctx.events.emitSql!(ctx, [
      {
        type: `${this.def.entity}.created`,
        entityType: this.def.entity,
        entityId: row.id,
        payload: { record: rec },
      },
    ])
    const audit = auditInsert(ctx, [
      { action: 'create', entityType: this.def.entity, entityId: row.id, after: rec },
    ])
    const insert = exec
      .insert(this.t)
      .values(row as any)
      .returning()
    const [inserted] = await writeWithEffects(exec, this.t, insert.getSQL(), [audit, ...parts])
    const { shown } = await this.loadBoth(exec, ctx, inserted!)
    this.def.onChange?.(ctx, row.id)
    return shown
  }

  /** A checked new row, written with its related rows, audit entry and event in the caller's transaction. */
  private async insertChecked(tx: Executor, ctx: Ctx, input: Create, row: Row): Promise<Rec> {
    if (this.def.beforeInsert) Object.assign(row, await this.def.beforeInsert(tx, ctx, row))
    const [inserted] = (await tx
      .insert(this.t)
      .values(row as any)
      .returning()) as Row[]
    if (this.def.afterWrite)
      await this.def.afterWrite(tx, ctx, row.id, input as unknown as Partial<Create & Update>, true)
    const { full: rec, shown } = await this.loadBoth(tx, ctx, inserted!)
    await recordAudit(tx, ctx, [
      { action: 'create', entityType: this.def.entity, entityId: row.id, after: rec },
    ])
    await ctx.events.emit(tx, ctx, [
      {
        type: `${this.def.entity}.created`,
        entityType: this.def.entity,
        entityId: row.id,
        payload: { record: rec },
      },
    ])
    this.def.onChange?.(ctx, row.id)
    return shown
  }

  /**
   * Changes a record (optimistic: `input.version` must be the stored one, else 409). When it can be one
   * statement, the row is read without a lock and written only if no one changed it meanwhile (its xmin);
   * if someone did, or the write cannot be one statement, it runs again the classic way — in a transaction
   * (the caller's, or one opened here) that locks the row first.
   */
  async update(exec: Executor, ctx: Ctx, id: string, input: Update & { version: number }): Promise<Rec> {
    if (this.oneStatement(ctx, 'update')) {
      const done = await this.applyUpdate(exec, ctx, id, input, true)
      if (done) return done
    }
    if (!inTransaction(exec))
      return exec.transaction(async (tx) => (await this.applyUpdate(tx, ctx, id, input, false))!)
    return (await this.applyUpdate(exec, ctx, id, input, false))!
  }

  /** The update, locking the row first or (`optimistic`) as one statement; null when that did not apply. */
  private async applyUpdate(
    tx: Executor,
    ctx: Ctx,
    id: string,
    input: Update & { version: number },
    optimistic: boolean,
  ): Promise<Rec | null> {
    const scope = this.scope(ctx, 'update')
    this.checkWritable(ctx, input as Record<string, unknown>)
    const { [ROW_VERSION]: xmin, ...before } = await this.findVisible(tx, ctx, id, {
      forUpdate: !optimistic,
      xmin: optimistic,
      deleted: false,
    })
    if (!(await this.canReach(tx, ctx, scope, before))) {
      throw new AppError(
        'forbidden',
        'forbidden',
        `Your role may change ${this.def.name} only for ${scopeWords[scope]}`,
      )
    }
    const { full: beforeRec, shown: beforeShown } = await this.loadBoth(tx, ctx, before)
    if (before.version !== input.version) throw conflict(this.def.label, beforeShown)
    const { version: _v, ...changes } = input as Record<string, unknown>
    await runWriteGuards(tx, ctx, { object: this.objectKey, action: 'update', id, before, changes })
    const patch: Row = this.def.toColumns(changes as Partial<Create & Update>)
    if ('ownerId' in changes) patch.ownerId = changes.ownerId
    if ('custom' in changes) patch.custom = { ...before.custom, ...(changes.custom as object) }
    Object.assign(patch, this.def.derive?.(patch, before))
    const candidate = { ...before, ...patch }
    const cf = customFields()
    if (cf) {
      // Checks the values sent and recomputes formulas from the row as it will be stored.
      const custom = await cf.values(
        tx,
        ctx,
        this.def.name,
        this.t,
        candidate,
        changes.custom as Record<string, unknown> | undefined,
        before,
      )
      if ('custom' in changes || JSON.stringify(custom) !== JSON.stringify(before.custom)) {
        patch.custom = candidate.custom = custom
      }
    }
    if ('ownerId' in changes && !(await this.canReach(tx, ctx, scope, candidate))) {
      throw new AppError(
        'forbidden',
        'forbidden',
        `Your role may assign ${this.def.name} only to ${scopeWords[scope]}`,
      )
    }
    await this.check(tx, ctx, candidate, before)
    if (optimistic) {
      const now = new Date()
      const next = predictRow(this.t, { ...candidate, ...patch, updatedAt: now, version: before.version + 1 })
      if (!next) return null
      return this.updateInOneStatement(tx, ctx, id, beforeRec, patch, next, xmin as string)
    }
    if (this.def.beforeUpdate) Object.assign(patch, await this.def.beforeUpdate(tx, ctx, patch, before))
    const t = this.t
    const [updated] = (await tx
      .update(t)
      .set({ ...patch, updatedAt: new Date(), version: sql`${t.version} + 1` } as any)
      .where(and(eq(t.workspaceId, ctx.ws), eq(t.id, id)))
      .returning()) as Row[]
    if (this.def.afterWrite)
      await this.def.afterWrite(tx, ctx, id, changes as Partial<Create & Update>, false)
    const { full: rec, shown } = await this.loadBoth(tx, ctx, updated!)
    const d = diff(beforeRec as Record<string, unknown>, rec as Record<string, unknown>)
    await recordAudit(tx, ctx, [
      { action: 'update', entityType: this.def.entity, entityId: id, before: d.before, after: d.after },
    ])
    if (d.changed.length > 0) {
      await ctx.events.emit(tx, ctx, [
        {
          type: `${this.def.entity}.updated`,
          entityType: this.def.entity,
          entityId: id,
          payload: { record: rec, changed: d.changed, before: d.before },
        },
      ])
    }
    this.def.onChange?.(ctx, id)
    return shown
  }

  /**
   * The change, its audit entry, outbox row and jobs in one statement, written only if the row is still
   * the one read (same xmin); null when it is not (the caller then redoes the update with a lock).
   */
  private async updateInOneStatement(
    exec: Executor,
    ctx: Ctx,
    id: string,
    beforeRec: Rec,
    patch: Row,
    next: Row,
    xmin: string,
  ): Promise<Rec | null> {
    const rec = this.def.toRecord(next)
    const d = diff(beforeRec as Record<string, unknown>, rec as Record<string, unknown>)
    const { parts } =
      d.changed.length > 0
        ? await ctx.events.emitSql!(
            ctx,
            [
              {
                type: `${this.def.entity}.updated`,
                entityType: this.def.entity,
                entityId: id,
                payload: { record: rec, changed: d.changed, before: d.before },
              },
            ],
            whenWritten,
          )
        : { parts: [] }
    const audit = auditInsert(
      ctx,
      [{ action: 'update', entityType: this.def.entity, entityId: id, before: d.before, after: d.after }],
      whenWritten,
    )
    const t = this.t
    const update = exec
      .update(t)
      .set({ ...patch, updatedAt: next.updatedAt, version: next.version } as any)
      .where(and(eq(t.workspaceId, ctx.ws), eq(t.id, id), sql`${t}.xmin = ${xmin}::xid`))
      .returning()
    const [updated] = await writeWithEffects(exec, t, update.getSQL(), [audit, ...parts])
    if (!updated) return null
    const { shown } = await this.loadBoth(exec, ctx, updated)
    this.def.onChange?.(ctx, id)
    return shown
  }

  async remove(tx: Executor, ctx: Ctx, id: string, version?: number): Promise<Rec> {
    return this.setDeleted(tx, ctx, id, true, version)
  }

  async restore(tx: Executor, ctx: Ctx, id: string): Promise<Rec> {
    return this.setDeleted(tx, ctx, id, false)
  }

  private async setDeleted(tx: Executor, ctx: Ctx, id: string, del: boolean, version?: number): Promise<Rec> {
    const scope = this.scope(ctx, 'delete')
    const before = await this.findVisible(tx, ctx, id, { forUpdate: true, deleted: !del })
    if (!(await this.canReach(tx, ctx, scope, before))) {
      throw new AppError(
        'forbidden',
        'forbidden',
        `Your role may delete ${this.def.name} only for ${scopeWords[scope]}`,
      )
    }
    if (del)
      await runWriteGuards(tx, ctx, { object: this.objectKey, action: 'delete', id, before, changes: {} })
    const { full: beforeRec, shown: beforeShown } = await this.loadBoth(tx, ctx, before)
    if (version !== undefined && before.version !== version) throw conflict(this.def.label, beforeShown)
    const t = this.t
    const now = new Date()
    const [row] = (await tx
      .update(t)
      .set({ deletedAt: del ? now : null, updatedAt: now, version: sql`${t.version} + 1` } as any)
      .where(and(eq(t.workspaceId, ctx.ws), eq(t.id, id)))
      .returning()) as Row[]
    const { full: rec, shown } = await this.loadBoth(tx, ctx, row!)
    const action = del ? 'delete' : 'restore'
    await recordAudit(tx, ctx, [
      { action, entityType: this.def.entity, entityId: id, before: beforeRec, after: rec },
    ])
    await ctx.events.emit(tx, ctx, [
      {
        type: `${this.def.entity}.${del ? 'deleted' : 'restored'}`,
        entityType: this.def.entity,
        entityId: id,
        payload: { record: rec },
      },
    ])
    this.def.onChange?.(ctx, id)
    return shown
  }

  private async check(tx: Executor, ctx: Ctx, candidate: Row, before: Row | null) {
    const parentChanged =
      !before || (this.def.parent && before[this.def.parent.field] !== candidate[this.def.parent.field])
    const errors = [
      ...(parentChanged ? await this.checkParent(tx, ctx, candidate) : []),
      ...(this.def.validate ? await this.def.validate(tx, ctx, candidate, before) : []),
    ]
    if (errors.length) {
      throw new AppError('invalid', 'invalid_input', `The ${this.def.label.toLowerCase()} is not valid`, {
        errors,
      })
    }
  }
}

/** The key under which `findVisible` returns the row's xmin (a name no column has). */
const ROW_VERSION = '__rowVersion'

/** Whether a field (`custom.<key>` for custom ones) is hidden from the person. */
const isHidden = (ctx: Ctx, object: string, field: string) =>
  ctx.principal.fieldAccess?.[object]?.[field] === 'hidden'

/**
 * Records without the fields hidden from the person (SPEC R-23): every answer made of records — list,
 * get, export, the 360° sections — goes through here, so a hidden field never leaves the server.
 */
export function withoutHidden<R>(ctx: Ctx, object: string, recs: R[]): R[] {
  const access = ctx.principal.fieldAccess?.[object]
  if (!access) return recs
  const hidden = Object.keys(access).filter((k) => access[k] === 'hidden')
  if (!hidden.length) return recs
  for (const rec of recs as Row[]) {
    for (const k of hidden) {
      if (k.startsWith('custom.')) {
        if (rec.custom && k.slice(7) in rec.custom) rec.custom = { ...rec.custom, [k.slice(7)]: undefined }
        if (rec.custom) delete rec.custom[k.slice(7)]
      } else delete rec[k]
    }
  }
  return recs
}

const scopeWords: Record<Scope, string> = {
  none: 'nobody',
  own: 'yourself',
  team: 'your team',
  all: 'anyone',
}

const invalid = (path: string, message: string) =>
  new AppError('invalid', 'invalid_input', `Invalid ${path}: ${message}`, { errors: [{ path, message }] })

const conflict = (label: string, current: unknown) =>
  new AppError(
    'conflict',
    'version_conflict',
    `The ${label.toLowerCase()} was changed by someone else since you read it; reload it and apply your change again`,
    { current },
  )

/** Column types whose json form (after the cast below) decodes to what the driver would have given. */
const AS_TEXT = new Set(['PgNumeric', 'PgNumericNumber', 'PgTimestamp', 'PgDateString'])
const AS_JSON = new Set(['PgUUID', 'PgText', 'PgInteger', 'PgBoolean', 'PgJsonb', 'PgArray'])
const ARRAY_OF = new Set(['PgUUID', 'PgText'])
const codecs = new WeakMap<PgTable, JsonCodec | null>()
type JsonCodec = { select: SQL; decode(obj: Row): Row }

/**
 * How to read a table's rows through json and get the same row objects drizzle's select() gives: every
 * column under its property name, numbers and timestamps cast to text (json would turn numeric into a
 * float and write timestamps another way), then each value through the column's own driver mapping.
 * Null when the table has a column type this does not know.
 */
function jsonCodec(table: PgTable): JsonCodec | null {
  if (codecs.has(table)) return codecs.get(table)!
  const columns = Object.entries(getTableColumns(table)) as [string, AnyPgColumn][]
  const known = columns.every(
    ([, c]) =>
      AS_TEXT.has(c.columnType) ||
      (AS_JSON.has(c.columnType) &&
        (c.columnType !== 'PgArray' ||
          ARRAY_OF.has((c as unknown as { baseColumn: AnyPgColumn }).baseColumn.columnType))),
  )
  // The select list is rendered to text once: as drizzle chunks, building it on every read cost more
  // than the rest of the statement.
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`
  const from = quote(getTableName(table))
  const codec = known
    ? {
        select: sql.raw(
          columns
            .map(([key, c]) => {
              const ref = `${from}.${quote(c.name)}`
              return `${AS_TEXT.has(c.columnType) ? `${ref}::text` : ref} as ${quote(key)}`
            })
            .join(', '),
        ),
        decode(obj: Row): Row {
          const row: Row = {}
          for (const [key, c] of columns) {
            const v = obj[key]
            row[key] = v === null || v === undefined ? null : c.mapFromDriverValue(v)
          }
          return row
        },
      }
    : null
  codecs.set(table, codec)
  return codec
}

/** The property name of a column in its table object (drizzle's select() keys rows by it). */
function columnKey(table: PgTable, column: AnyPgColumn): string {
  for (const [k, v] of Object.entries(table)) if (v === column) return k
  throw new Error(`Column ${column.name} is not in the table`)
}

/** Rows after (value, id) in `col dir nulls last, id dir` order. */
function keyset(c: AnyPgColumn | SQL, idCol: AnyPgColumn, dir: 'asc' | 'desc', v: unknown, id: string): SQL {
  const col = c as SQL
  const notNull = (c as AnyPgColumn).notNull === true
  const after = dir === 'asc' ? gt : lt
  if (v === null) return and(isNull(col), after(idCol, id))!
  if (notNull) return or(after(col, v), and(eq(col, v), after(idCol, id)))!
  return or(after(col, v), and(eq(col, v), after(idCol, id)), isNull(col))!
}

function parseFilterValue(
  spec: FieldSpec,
  v: string,
): { ok: true; value: unknown } | { ok: false; message: string } {
  if (v === 'null') return { ok: true, value: null }
  switch (spec.kind) {
    case 'enum':
      return !spec.values || spec.values.includes(v)
        ? { ok: true, value: v }
        : { ok: false, message: `"${v}" is not one of ${spec.values.join(', ')}` }
    case 'uuid':
      return isUuid(v) ? { ok: true, value: v } : { ok: false, message: `"${v}" is not an id` }
    case 'number': {
      const n = Number(v)
      return Number.isFinite(n) ? { ok: true, value: v } : { ok: false, message: `"${v}" is not a number` }
    }
    case 'date': {
      const d = new Date(v)
      return Number.isNaN(d.getTime())
        ? { ok: false, message: `"${v}" is not a date (use ISO-8601)` }
        : { ok: true, value: d }
    }
    case 'boolean':
      return v === 'true' || v === 'false'
        ? { ok: true, value: v === 'true' }
        : { ok: false, message: 'use true or false' }
    default:
      return { ok: true, value: v }
  }
}
