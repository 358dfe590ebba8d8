import type { SQL } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import type { Ctx } from '../context'
import type { Executor } from '../db/types'
import type { FieldSpec } from './collection'

type Row = Record<string, any>

/**
 * What the shared collection machinery asks of the object model about custom fields (issue 15). The
 * fields module implements it and registers it at start (`setCustomFields`), so core/ knows no module.
 */
export interface CustomFields {
  /** Loads (or revalidates) the workspace's definitions, so that `spec` and `keys` answer from memory. */
  prepare(tx: Executor, ws: string): Promise<void>
  /**
   * The record's `custom` after a write: the stored values merged with `incoming`, each checked against
   * its definition (400 with `path: "custom.<key>"` otherwise), defaults on create, formulas computed
   * from `candidate` (the row as it will be stored).
   */
  values(
    tx: Executor,
    ctx: Ctx,
    object: string,
    table: PgTable,
    candidate: Row,
    incoming: Record<string, unknown> | undefined,
    before: Row | null,
  ): Promise<Record<string, unknown>>
  /** The filter and sort spec of `custom.<key>` on an object, from the prepared definitions. */
  spec(ws: string, object: string, table: PgTable, key: string, use: 'filter' | 'sort'): FieldSpec | undefined
  /** The custom keys one may filter (or sort) an object by, for messages. */
  keys(ws: string, object: string, use: 'filter' | 'sort'): string[]
  /** Expressions of the object's custom text fields that `q` searches (filterable text, e-mail, phone, URL). */
  searchExprs(ws: string, object: string, table: PgTable): SQL[]
  /** The custom fields of an object in their order, from the prepared definitions (export columns). */
  fields(ws: string, object: string): { key: string; label: string }[]
  /** Whether an object has custom fields whose values depend on other fields (formulas). */
  hasFormulas?(ws: string, object: string): boolean
  /** A JSON-path expression of a custom key, e.g. for search. */
  expr?(table: PgTable, key: string): SQL
}

let current: CustomFields | null = null

/** Registers the object model's custom-field support (the runtime does it once at start). */
export const setCustomFields = (cf: CustomFields | null) => {
  current = cf
}

export const customFields = (): CustomFields | null => current
