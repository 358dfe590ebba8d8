import type { z } from 'zod'
import {
  CustomRecordCreate,
  type ImportMode,
  type ImportObject,
  type ImportReportEntry,
} from '@openkam/contract'
import { reaches, scopeFor } from '../../core/access/permissions'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AccountIndex, ContactIndex, LeadIndex, describeOrigin } from './import-dedup'
import type { ParsedFile } from './import-file'
import type { MappedColumn } from './import-mapping'
import { resolveRefs } from './import-refs'
import { checkSchema, columnFor, entry, prepareRow, type Prepared } from './import-rows'
import { loadDefinitions, mergeCustomValues } from '../fields'
import type { FieldDefinition } from '@openkam/contract'
import { findAccountTwins, findContactsOf, findLeadTwins, type AccountRef } from './import.repository'
import { createSchemas, isBuiltinImport } from './builtin-import-fields'
import { checkUniqueCustom } from './import-unique'

/** What a row must pass: the API's create schema of the object (a custom object's records share one). */
const schemaOf = (object: ImportObject): z.ZodType =>
  isBuiltinImport(object) ? createSchemas[object] : CustomRecordCreate

export type Validation = {
  /** Rows that passed every check, with their parsed payload in `data`. */
  accepted: Prepared[]
  report: ImportReportEntry[]
  failed: number
  skippedDuplicates: number
  /** onDuplicate `update`: rows that match an existing record, with its id. */
  updates: { p: Prepared; id: string }[]
}

export type ValidateOptions = {
  mode: ImportMode
  onDuplicate: 'report' | 'skip' | 'update'
  /** Called after each chunk of rows with the number validated so far. */
  progress?: (processed: number) => Promise<void>
}

const CHUNK = 5_000
const scopeWords = { none: 'nobody', own: 'yourself', team: 'your team', all: 'anyone' } as const
const lower = (s: string) => s.trim().toLowerCase()

/**
 * Checks every row the way the API checks a create (same schema, same references, same reach), reports
 * every problem of every row, and de-duplicates against the database and within the file.
 * Reads only; the caller writes.
 */
export async function validateRows(
  tx: Executor,
  ctx: Ctx,
  object: ImportObject,
  file: ParsedFile,
  mapped: MappedColumn[],
  opts: ValidateOptions,
): Promise<Validation> {
  const rows = file.rows.map((r) => prepareRow(mapped, r))
  const defs = (await loadDefinitions(tx, ctx.ws)).get(object) ?? []
  const byRow = new Map(rows.map((p) => [p.row, p]))
  for (const e of file.errors) byRow.get(e.row)?.errors.push(e)
  const accounts = await resolveRefs(tx, ctx, object, mapped, rows)
  const schema = schemaOf(object)
  const scope = scopeFor(ctx.principal, object, 'create')
  for (let i = 0; i < rows.length; i += CHUNK) {
    for (const p of rows.slice(i, i + CHUNK)) {
      fillDefaults(ctx, object, scope, p.input)
      checkSchema(schema, mapped, p)
      if (p.data) checkCustom(object, defs, mapped, p)
      if (p.data && !reachable(ctx, scope, object, p.data, accounts)) {
        p.errors.push(
          entry(
            p.row,
            columnFor(mapped, 'ownerId'),
            `your role may create ${object} only for ${scopeWords[scope]}`,
            'invalid',
            'ownerId',
          ),
        )
        p.data = undefined
      }
    }
    await opts.progress?.(Math.min(i + CHUNK, rows.length))
  }

  await checkUniqueCustom(tx, ctx, object, defs, mapped, rows)
  const good = rows.filter((p) => p.data)
  // Rows that duplicate an existing record: the record's id (for onDuplicate `update`).
  const existing = new Map<number, string>()
  const dupes =
    object === 'accounts'
      ? await accountDuplicates(tx, ctx, good, mapped, existing)
      : object === 'contacts'
        ? await contactDuplicates(tx, ctx, good, mapped, existing)
        : object === 'leads'
          ? await leadDuplicates(tx, ctx, good, mapped, existing)
          : new Map<number, ImportReportEntry>()
  const updates =
    opts.onDuplicate === 'update'
      ? good.filter((p) => existing.has(p.row)).map((p) => ({ p, id: existing.get(p.row)! }))
      : []
  for (const u of updates) dupes.delete(u.p.row)
  const updating = new Set(updates.map((u) => u.p.row))
  const dupIsError = opts.mode === 'all_or_nothing' && opts.onDuplicate === 'report'
  const report = rows.flatMap((p) => {
    const dup = dupes.get(p.row)
    return dup ? [...p.errors, dup] : p.errors
  })
  const position = new Map(mapped.map((m) => [m.column, m.index]))
  const at = (e: ImportReportEntry) => (e.column === null ? -1 : (position.get(e.column) ?? -1))
  report.sort((a, b) => a.row - b.row || at(a) - at(b))
  const invalidRows = rows.filter((p) => p.errors.length > 0).length
  return {
    accepted: good.filter((p) => !dupes.has(p.row) && !updating.has(p.row)),
    report,
    failed: invalidRows + (dupIsError ? dupes.size : 0),
    skippedDuplicates: dupIsError ? 0 : dupes.size,
    updates,
  }
}

/**
 * What a row gets for the fields its file leaves empty. The owner is the importer, as in the API — except
 * for leads imported by someone who may create them for anyone: those stay unowned, so that lead routing
 * gives the hot ones an owner (and the rest wait in the unassigned queue). A lead's source is `import`.
 */
function fillDefaults(
  ctx: Ctx,
  object: ImportObject,
  scope: keyof typeof scopeWords,
  input: Record<string, any>,
) {
  if (input.ownerId === undefined)
    input.ownerId = object === 'leads' && scope === 'all' ? null : ctx.principal.userId
  if (object === 'leads' && input.source === undefined) input.source = 'import'
}

/** Whether the importer's create scope reaches the new record: through its owners, or its account's. */
function reachable(
  ctx: Ctx,
  scope: keyof typeof scopeWords,
  object: ImportObject,
  data: Record<string, any>,
  accounts: Map<string, AccountRef>,
) {
  if (scope === 'all') return true
  const owners = object === 'accounts' ? [data.ownerId ?? null, data.csmId ?? null] : [data.ownerId ?? null]
  if (reaches(ctx.principal, scope, owners)) return true
  const parent = data.accountId ? accounts.get(data.accountId) : undefined
  return !!parent && reaches(ctx.principal, scope, [parent.ownerId, parent.csmId])
}

const onWords = { creditCode: 'credit code', domain: 'domain', name: 'name', email: 'e-mail' } as const

async function accountDuplicates(
  tx: Executor,
  ctx: Ctx,
  good: Prepared[],
  mapped: MappedColumn[],
  existing: Map<number, string>,
) {
  const keyOf = (d: Record<string, any>) => ({
    creditCode: d.creditCode ?? null,
    domain: d.domain ?? null,
    name: d.name as string,
  })
  const keys = good.map((p) => keyOf(p.data!))
  const twins = await findAccountTwins(tx, ctx.ws, {
    codes: [...new Set(keys.map((k) => k.creditCode).filter(Boolean))],
    domains: [...new Set(keys.map((k) => k.domain).filter(Boolean))],
    names: [...new Set(keys.map((k) => lower(k.name)))],
  })
  const index = new AccountIndex()
  for (const t of twins) index.add(t, { id: t.id, name: t.name })
  const dupes = new Map<number, ImportReportEntry>()
  good.forEach((p, i) => {
    const key = keys[i]!
    const m = index.find(key)
    if (!m) return index.add(key, { row: p.row })
    if ('id' in m.of) existing.set(p.row, m.of.id)
    dupes.set(
      p.row,
      entry(
        p.row,
        columnFor(mapped, m.on),
        `duplicate of ${describeOrigin(m.of, 'account')}: same ${onWords[m.on]}`,
        'duplicate',
        m.on,
      ),
    )
  })
  return dupes
}

async function contactDuplicates(
  tx: Executor,
  ctx: Ctx,
  good: Prepared[],
  mapped: MappedColumn[],
  existing: Map<number, string>,
) {
  const known = await findContactsOf(tx, ctx.ws, [...new Set(good.map((p) => p.data!.accountId as string))])
  const index = new ContactIndex()
  for (const c of known) index.add(c, { id: c.id, name: c.name })
  const dupes = new Map<number, ImportReportEntry>()
  for (const p of good) {
    const key = { accountId: p.data!.accountId, email: p.data!.email ?? null, name: p.data!.name }
    const m = index.find(key)
    if (!m) {
      index.add(key, { row: p.row })
      continue
    }
    if ('id' in m.of) existing.set(p.row, m.of.id)
    dupes.set(
      p.row,
      entry(
        p.row,
        columnFor(mapped, m.on),
        `duplicate of ${describeOrigin(m.of, 'contact')} at the same account: same ${onWords[m.on]}`,
        'duplicate',
        m.on,
      ),
    )
  }
  return dupes
}

async function leadDuplicates(
  tx: Executor,
  ctx: Ctx,
  good: Prepared[],
  mapped: MappedColumn[],
  existing: Map<number, string>,
) {
  const keys = good.map((p) => ({
    email: (p.data!.email as string | null) ?? null,
    company: (p.data!.company as string | null) ?? null,
    name: p.data!.name as string,
  }))
  const twins = await findLeadTwins(tx, ctx.ws, {
    emails: [...new Set(keys.flatMap((k) => (k.email ? [lower(k.email)] : [])))],
    names: [...new Set(keys.map((k) => lower(k.name)))],
  })
  const index = new LeadIndex()
  for (const t of twins) index.add(t, { id: t.id, name: t.name })
  const dupes = new Map<number, ImportReportEntry>()
  good.forEach((p, i) => {
    const key = keys[i]!
    const m = index.find(key)
    if (!m) return index.add(key, { row: p.row })
    const same =
      m.on === 'email' ? 'e-mail' : key.company ? 'company and name' : 'name (neither has a company)'
    if ('id' in m.of) existing.set(p.row, m.of.id)
    dupes.set(
      p.row,
      entry(
        p.row,
        columnFor(mapped, m.on),
        `duplicate of ${describeOrigin(m.of, 'lead')}: same ${same}`,
        'duplicate',
        m.on,
      ),
    )
  })
  return dupes
}

/** A row's custom values as the API checks them (types, options, required; formulas computed). */
function checkCustom(object: ImportObject, defs: FieldDefinition[], mapped: MappedColumn[], p: Prepared) {
  if (!defs.length && !p.data!.custom) return
  const r = mergeCustomValues({
    defs,
    stored: {},
    incoming: p.data!.custom,
    creating: true,
    record: p.data!,
    allowUnknown: false,
    object,
  })
  if (!r.errors.length) {
    p.data!.custom = r.values
    return
  }
  for (const e of r.errors)
    p.errors.push(entry(p.row, columnFor(mapped, e.path), e.message, 'invalid', e.path))
  p.data = undefined
}
