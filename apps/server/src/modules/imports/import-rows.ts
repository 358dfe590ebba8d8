import type { z } from 'zod'
import type { ImportReportEntry } from '@openkam/contract'
import { convertCell, type RefKind } from './import-fields'
import type { MappedColumn } from './import-mapping'
import type { FileRow } from './import-file'

/** A row on its way in: the API payload built from its cells, its references, and what is wrong with it. */
export type Prepared = {
  row: number
  input: Record<string, any>
  refs: Partial<Record<RefKind, string | string[]>>
  errors: ImportReportEntry[]
  /** The parsed payload once it passed the API's schema. */
  data?: Record<string, any>
}

/** Where an issue on a payload field is shown when no column holds that exact field. */
const shownAt: Record<string, string[]> = {
  ownerId: ['ownerId', 'owner'],
  csmId: ['csmId', 'csm'],
  accountId: ['accountId', 'account', 'accountCreditCode'],
  contactIds: ['contactEmails'],
}

export const entry = (
  row: number,
  col: MappedColumn | undefined,
  message: string,
  kind: ImportReportEntry['kind'] = 'invalid',
  field: string | null = col?.field.key ?? null,
): ImportReportEntry => ({ row, column: col?.column ?? null, field, message, kind })

/** Turns the cells of a row into the API payload (nested for money) and its references. */
export function prepareRow(mapped: MappedColumn[], r: FileRow): Prepared {
  const p: Prepared = { row: r.row, input: {}, refs: {}, errors: [] }
  for (const col of mapped) {
    const raw = r.cells[col.index] ?? ''
    if (raw.trim() === '') continue
    const c = convertCell(col.field, raw)
    if (!c.ok) {
      p.errors.push(entry(r.row, col, c.message))
      continue
    }
    if (col.field.ref) {
      p.refs[col.field.ref] = c.value as string | string[]
      continue
    }
    const [head, sub] = col.field.key.split('.') as [string, string | undefined]
    if (sub) p.input[head] = { ...p.input[head], [sub]: c.value }
    else p.input[head] = c.value
  }
  for (const [k, v] of Object.entries(p.input)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && 'currency' in v && !('amount' in v)) {
      p.errors.push(
        entry(r.row, columnFor(mapped, `${k}.currency`), 'a currency needs an amount in the same row'),
      )
      delete p.input[k]
    }
  }
  return p
}

/** The column that shows an issue at `path` (a payload path such as "annualSpend.amount"). */
export function columnFor(mapped: MappedColumn[], path: string): MappedColumn | undefined {
  const exact = mapped.find((m) => m.field.key === path)
  if (exact) return exact
  const head = path.split('.')[0]!
  for (const key of shownAt[head] ?? []) {
    const m = mapped.find((c) => c.field.key === key)
    if (m) return m
  }
  return mapped.find((m) => m.field.key.split('.')[0] === head)
}

/**
 * Checks the payload against the API's create schema and records every issue (not just the first)
 * on its column. Fields that already carry an error from conversion or lookup are not reported twice.
 */
export function checkSchema(schema: z.ZodType, mapped: MappedColumn[], p: Prepared): void {
  const res = schema.safeParse(p.input)
  if (res.success) {
    if (p.errors.length === 0) p.data = res.data as Record<string, any>
    return
  }
  const reported = new Set(p.errors.map((e) => e.field))
  for (const issue of res.error.issues) {
    const path = issue.path.map(String).join('.')
    const col = columnFor(mapped, path)
    const field = col?.field.key ?? path
    if (reported.has(field)) continue
    const missing = issue.code === 'invalid_type' && valueAt(p.input, issue.path) === undefined
    p.errors.push(entry(p.row, col, missing ? 'is required' : issue.message, 'invalid', field))
  }
}

const valueAt = (o: unknown, path: PropertyKey[]) =>
  path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as any)[k] : undefined), o)
