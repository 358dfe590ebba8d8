import type { BuiltinField, ObjectDescription } from '@openkam/contract'

// What a field of a list, form or page is and how to read it — apart from the built-in objects' descriptions
// (meta.ts), so that a page showing a value (display.tsx, on Home) does not load them.

export type { FieldType } from '@openkam/contract'

/** An option of a custom select, as the object model serves it (label in the caller's language). */
export type FieldOptionView = { value: string; label: string; color?: string; retired?: boolean }

/** Types only custom fields have: several options, a link to any object, a file. */
type CustomOnlyType =
  | { type: 'multi_select' }
  | { type: 'relation'; relation: { object: string; many?: boolean } }
  | { type: 'file' }

/** What custom fields add to a field of the web's vocabulary. */
type FieldExtras = {
  /** The label as the server gives it (custom fields); built-in fields use `fields.<key>` of i18n. */
  label?: string
  /** A custom field: its value is at `record.custom[key]`. */
  custom?: boolean
  /** Where the field is addressed in list parameters and columns: `custom.<key>` or the key. */
  path?: string
  /** Options with their labels and colours (select and multi-select custom fields). */
  options?: FieldOptionView[]
  helpText?: string
  /** A formula or a roll-up: computed by the server. */
  computed?: 'formula' | 'rollup'
  formula?: string
  /** What the signed-in person may do with it (field-level security); `read` shows it read-only. */
  access?: 'read' | 'edit'
}

export type Field = (
  BuiltinField | (CustomOnlyType & { key: string; required?: boolean; readOnly?: boolean })
) &
  FieldExtras

export type CollectionMeta = Omit<ObjectDescription, 'fields'> & { fields: Field[] }

/** The address of a field in columns, filters and sorts (`custom.<key>` for a custom field). */
export const pathOf = (f: Field) => f.path ?? f.key

export const fieldOf = (meta: CollectionMeta, key: string) => meta.fields.find((x) => pathOf(x) === key)

/** The value of a field in a record (custom values sit under `custom`). */
export const valueOf = (f: Field, record: Record<string, any>): any =>
  f.custom ? record.custom?.[f.key] : record[f.key]

/** Filter and sort keys that are not properties of a record (e.g. an account's healthBand): never in forms or pages. */
export const isVirtual = (f: Field) => 'virtual' in f && !!f.virtual

/** The fields a record has: what forms and record pages show (virtual filter keys left out). */
export const recordFields = (meta: CollectionMeta) => meta.fields.filter((f) => !isVirtual(f))
