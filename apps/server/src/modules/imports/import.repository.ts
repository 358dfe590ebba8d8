import { and, desc, eq, getTableColumns, inArray, isNull, lt, sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core'
import { auditLog } from '../../core/audit/audit.table'
import { newId } from '../../core/ids'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { accounts } from '../accounts'
import { contacts } from '../contacts'
import { leads } from '../leads'
import { userTables } from '../users'
import { imports } from './import.table'

export type ImportRow = typeof imports.$inferSelect
type Patch = Partial<Omit<ImportRow, 'id' | 'workspaceId'>>

const LOOKUP_CHUNK = 50_000

export const chunks = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/**
 * `expr = any($1)` with the values as ONE array parameter: a lookup of 100k keys costs one parameter
 * (not 100k, which PostgreSQL caps at 65,535), and the database hashes the array, so the lookup stays
 * linear even when a bulk load has left the planner's statistics stale.
 */
const among = (expr: SQL | AnyPgColumn, values: string[]) => sql`${expr} = any(${sql.param(values)})`

/** Runs a lookup over `values` in chunks (bounded statement size) and concatenates the answers. */
async function inChunks<T, V>(values: V[], run: (chunk: V[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = []
  for (const c of chunks(values, LOOKUP_CHUNK)) out.push(...(await run(c)))
  return out
}

export async function insertImport(tx: Executor, row: typeof imports.$inferInsert): Promise<ImportRow> {
  const [r] = await tx.insert(imports).values(row).returning()
  return r!
}

export async function updateImport(tx: Executor, ws: string, id: string, patch: Patch): Promise<ImportRow> {
  const [r] = await tx
    .update(imports)
    .set({ ...patch, updatedAt: new Date(), version: sql`${imports.version} + 1` })
    .where(and(eq(imports.workspaceId, ws), eq(imports.id, id)))
    .returning()
  return r!
}

export async function findImport(tx: Executor, ws: string, id: string, visible?: SQL) {
  const [r] = await tx
    .select()
    .from(imports)
    .where(and(eq(imports.workspaceId, ws), eq(imports.id, id), isNull(imports.deletedAt), visible))
  return r ?? null
}

export function listImports(
  tx: Executor,
  ws: string,
  q: { limit: number; cursor?: string; object?: string; status?: string },
  visible?: SQL,
) {
  return tx
    .select()
    .from(imports)
    .where(
      and(
        eq(imports.workspaceId, ws),
        isNull(imports.deletedAt),
        visible,
        q.cursor ? lt(imports.id, q.cursor) : undefined,
        q.object ? eq(imports.object, q.object) : undefined,
        q.status ? eq(imports.status, q.status) : undefined,
      ),
    )
    .orderBy(desc(imports.id))
    .limit(q.limit + 1)
}

/** Imports left unfinished by a process that stopped: marked failed so nobody waits for them. */
export function failStaleImports(tx: Executor, ws: string, before: Date) {
  return tx
    .update(imports)
    .set({
      status: 'failed',
      message:
        'The import was interrupted (the server stopped while it ran); nothing of it was written. Run it again.',
      finishedAt: new Date(),
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(imports.workspaceId, ws),
        inArray(imports.status, ['pending', 'validating', 'importing']),
        lt(imports.updatedAt, before),
      ),
    )
}

/** Active users of the workspace among the given e-mails (any case) or ids. */
export async function findUsers(tx: Executor, ws: string, emails: string[], ids: string[]) {
  const u = userTables.users
  const live = and(eq(u.workspaceId, ws), isNull(u.deletedAt), eq(u.active, true))
  const byEmail = await inChunks(emails, (c) =>
    tx
      .select({ id: u.id, email: u.email })
      .from(u)
      .where(and(live, among(sql`lower(${u.email})`, c))),
  )
  const byId = await inChunks(ids, (c) =>
    tx
      .select({ id: u.id, email: u.email })
      .from(u)
      .where(and(live, among(u.id, c))),
  )
  return [...byEmail, ...byId]
}

const accountRef = {
  id: accounts.id,
  name: accounts.name,
  creditCode: accounts.creditCode,
  ownerId: accounts.ownerId,
  csmId: accounts.csmId,
}
export type AccountRef = {
  id: string
  name: string
  creditCode: string | null
  ownerId: string | null
  csmId: string | null
}

/** Live accounts the importer may see, by id, lower-case name or credit code. */
export async function findAccountRefs(
  tx: Executor,
  ws: string,
  keys: { ids: string[]; names: string[]; codes: string[] },
  visible: SQL | undefined,
): Promise<AccountRef[]> {
  const live = and(eq(accounts.workspaceId, ws), isNull(accounts.deletedAt), visible)
  const q = (where: SQL) => tx.select(accountRef).from(accounts).where(and(live, where))
  return [
    ...(await inChunks(keys.ids, (c) => q(among(accounts.id, c)))),
    ...(await inChunks(keys.names, (c) => q(among(sql`lower(${accounts.name})`, c)))),
    ...(await inChunks(keys.codes, (c) => q(among(accounts.creditCode, c)))),
  ]
}

/** Live accounts (visible or not) sharing a credit code, domain or lower-case name with the file. */
export async function findAccountTwins(
  tx: Executor,
  ws: string,
  keys: { codes: string[]; domains: string[]; names: string[] },
) {
  const live = and(eq(accounts.workspaceId, ws), isNull(accounts.deletedAt))
  const cols = {
    id: accounts.id,
    name: accounts.name,
    creditCode: accounts.creditCode,
    domain: accounts.domain,
  }
  const q = (where: SQL) => tx.select(cols).from(accounts).where(and(live, where))
  const rows = [
    ...(await inChunks(keys.codes, (c) => q(among(accounts.creditCode, c)))),
    ...(await inChunks(keys.domains, (c) => q(among(accounts.domain, c)))),
    ...(await inChunks(keys.names, (c) => q(among(sql`lower(${accounts.name})`, c)))),
  ]
  return [...new Map(rows.map((r) => [r.id, r])).values()]
}

/** Live contacts of the given accounts, for de-duplication and for resolving e-mails to contacts. */
export function findContactsOf(tx: Executor, ws: string, accountIds: string[]) {
  return inChunks(accountIds, (c) =>
    tx
      .select({ id: contacts.id, accountId: contacts.accountId, email: contacts.email, name: contacts.name })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, ws), isNull(contacts.deletedAt), among(contacts.accountId, c)))
      .orderBy(contacts.id),
  )
}

/** Live leads (visible or not) sharing a lower-case e-mail or name with the file, for de-duplication. */
export async function findLeadTwins(tx: Executor, ws: string, keys: { emails: string[]; names: string[] }) {
  const live = and(eq(leads.workspaceId, ws), isNull(leads.deletedAt))
  const cols = { id: leads.id, name: leads.name, company: leads.company, email: leads.email }
  const q = (where: SQL) => tx.select(cols).from(leads).where(and(live, where)).orderBy(leads.id)
  const rows = [
    ...(await inChunks(keys.emails, (c) => q(among(sql`lower(${leads.email})`, c)))),
    ...(await inChunks(keys.names, (c) => q(among(sql`lower(${leads.name})`, c)))),
  ]
  return [...new Map(rows.map((r) => [r.id, r])).values()]
}

/**
 * Which of `values` live records of the collection's table already hold in the custom field `key` (as
 * text, the way unique custom fields are compared), within `partition` (a custom object's records).
 */
export async function findTakenCustomValues(
  tx: Executor,
  ws: string,
  table: PgTable,
  partition: SQL | undefined,
  key: string,
  values: string[],
): Promise<Set<string>> {
  const t = table as PgTable & { workspaceId: AnyPgColumn; deletedAt: AnyPgColumn; custom: AnyPgColumn }
  const value = sql<string>`(${t.custom} ->> ${key})`
  const rows = await inChunks(values, (c) =>
    tx
      .select({ value })
      .from(t)
      .where(and(eq(t.workspaceId, ws), isNull(t.deletedAt), partition, among(value, c))),
  )
  return new Set(rows.map((r) => r.value))
}

/**
 * Inserts rows `size` at a time, each batch as ONE parameter: a JSON array the database expands with
 * jsonb_populate_recordset. Several times faster than a multi-row VALUES list with a parameter per value
 * (6x on PostgreSQL for accounts). Keys are the table's property names; null and missing values are
 * left out of the JSON and arrive as NULL, and a column no row has a value for takes its default.
 */
export async function insertRows(tx: Executor, table: PgTable, rows: Record<string, unknown>[], size = 5000) {
  const columns = Object.entries(getTableColumns(table) as Record<string, AnyPgColumn>)
  const present = columns.filter(([key]) => rows.some((r) => r[key] !== undefined && r[key] !== null))
  const list = sql.join(
    present.map(([, c]) => sql.identifier(c.name)),
    sql`, `,
  )
  const fields = present.map(([key, c]) => [key, c.name] as const)
  for (const batch of chunks(rows, size)) {
    const json = batch.map((r) => {
      const o: Record<string, unknown> = {}
      for (const [key, name] of fields) if (r[key] !== undefined && r[key] !== null) o[name] = r[key]
      return o
    })
    await tx.execute(
      sql`insert into ${table} (${list}) select ${list} from jsonb_populate_recordset(null::${table}, ${JSON.stringify(json)}::jsonb)`,
    )
  }
}

/** Appends one audit entry per created record, in bulk: the rows recordAudit writes, 5,000 a statement. */
export async function recordCreations(
  tx: Executor,
  ctx: Pick<Ctx, 'ws' | 'principal' | 'requestId'>,
  entityType: string,
  records: { id: string; after: unknown }[],
) {
  const at = new Date()
  await insertRows(
    tx,
    auditLog,
    records.map((r) => ({
      id: newId(),
      at,
      workspaceId: ctx.ws,
      actorId: ctx.principal.userId,
      actorType: ctx.principal.kind,
      action: 'create',
      entityType,
      entityId: r.id,
      before: null,
      after: r.after,
      requestId: ctx.requestId ?? null,
    })),
  )
}

/**
 * Refreshes the planner's statistics of a table after a large import, so that the next queries (lists,
 * the next import's lookups) plan for its new size. PGlite runs no autovacuum to do it later.
 */
export async function analyze(tx: Executor, table: PgTable) {
  await tx.execute(sql`analyze ${table}`)
}

/** Moves each contact's last-contact date forward to its newest imported activity. */
export async function touchContacts(tx: Executor, ws: string, latest: Map<string, Date>) {
  if (latest.size === 0) return
  const items = [...latest].map(([id, at]) => ({ id, at: at.toISOString() }))
  for (const c of chunks(items, 10_000)) {
    await tx.execute(sql`
      update contacts c set last_contacted_at = greatest(c.last_contacted_at, v.at)
      from jsonb_to_recordset(${JSON.stringify(c)}::jsonb) as v(id uuid, at timestamptz)
      where c.workspace_id = ${ws} and c.id = v.id`)
  }
}
