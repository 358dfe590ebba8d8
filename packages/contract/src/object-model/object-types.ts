/**
 * How a built-in field is shown, filtered and edited (the web's vocabulary). `enum` names the label
 * group of its options (`optionLabels*[enum]`). Custom fields are described by their definitions
 * (field-definitions.ts) and map onto the same vocabulary in `uiTypeOf`.
 */
export type FieldType =
  | { type: 'text' | 'textarea' | 'email' | 'tags' | 'url' | 'phone' }
  | { type: 'number'; min?: number; max?: number }
  | { type: 'money' | 'decimal' | 'percent'; min?: number; max?: number }
  | { type: 'date' | 'datetime' | 'bool' }
  | { type: 'enum'; enum: string; values: readonly string[] }
  | { type: 'user' | 'account' | 'contact' | 'opportunity' | 'team' }
  /** Several contacts of the record's account (ids). */
  | { type: 'contacts' }
  /** An account segment key (`industry:size:maturity`), shown in words (segmentLabel). */
  | { type: 'segment' }

export type BuiltinField = FieldType & {
  key: string
  required?: boolean
  readOnly?: boolean
  /** The list API accepts it as a filter (`?key=…`, `?key[gte]=…`); the server derives its filters from this. */
  filterable?: boolean
  /** The list API accepts it as a sort key (`?sort=key`, `?sort=-key`). */
  sortable?: boolean
  /**
   * Not a property of the record on the wire but a column the API filters or sorts on (e.g. an
   * account's healthBand, shown in the record as `health.band`); never shown in forms or record pages.
   */
  virtual?: boolean
}

/** One object as the web lists, filters, shows and edits it. */
export type ObjectDescription = {
  name: string
  /** Translation key of the plural title, under `nav.`. */
  title: string
  fields: BuiltinField[]
  /** Columns shown by default (others can be switched on). */
  columns: string[]
  /** Fields offered as list filters. */
  filters: string[]
  /** Sort keys the API accepts: the fields flagged `sortable` (derived, never written by hand). */
  sorts: string[]
  defaultSort: string
  /** The field that names a record (first column, link to the record). */
  titleField: string
}
