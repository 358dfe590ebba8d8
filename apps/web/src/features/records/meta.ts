import {
  builtinObjects,
  type BuiltinField,
  type ObjectDescription,
  type ObjectField,
  type ObjectSchema,
} from '@openkam/contract'

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

/**
 * The built-in objects as the object model describes them (packages/contract/src/object-model), without
 * their virtual fields: those are filter and sort keys of the API (an account's healthBand), not
 * properties of a record, so no column, form or page shows them; a list still passes them on from its
 * address (`/accounts?healthBand=at_risk`).
 */
export const collections: Record<string, CollectionMeta> = Object.fromEntries(
  Object.entries(builtinObjects).map(([key, meta]) => [
    key,
    { ...meta, fields: meta.fields.filter((f) => !f.virtual) },
  ]),
)

/** The address of a field in columns, filters and sorts (`custom.<key>` for a custom field). */
export const pathOf = (f: Field) => f.path ?? f.key

export const fieldOf = (meta: CollectionMeta, key: string) => meta.fields.find((x) => pathOf(x) === key)

/** The value of a field in a record (custom values sit under `custom`). */
export const valueOf = (f: Field, record: Record<string, any>): any =>
  f.custom ? record.custom?.[f.key] : record[f.key]

/** A field's label: the server's for custom fields, the translation of its key otherwise. */
export const labelOf = (f: Field, t: (key: string) => string) => f.label ?? t(`fields.${f.key}`)

/** Filter and sort keys that are not properties of a record (e.g. an account's healthBand): never in forms or pages. */
export const isVirtual = (f: Field) => 'virtual' in f && !!f.virtual

/** The fields a record has: what forms and record pages show (virtual filter keys left out). */
export const recordFields = (meta: CollectionMeta) => meta.fields.filter((f) => !isVirtual(f))

/** The web's field for a custom field of the object model (`GET /objects/:key`). */
export function customFieldOf(o: ObjectField): Field {
  const base = {
    key: o.key,
    label: o.label,
    custom: true,
    path: `custom.${o.key}`,
    required: o.required,
    readOnly: o.readOnly || o.access === 'read',
    access: o.access,
    ...(o.helpText ? { helpText: o.helpText } : {}),
    ...(o.options ? { options: o.options } : {}),
  }
  switch (o.type) {
    case 'long_text':
      return { ...base, type: 'textarea' }
    case 'number':
      return { ...base, type: 'number', min: o.min, max: o.max }
    case 'money':
    case 'percent':
      // Their domains (money ≥ 0, percent 0–100) or the field's own bounds, as GET /objects serves them.
      return { ...base, type: o.type, min: o.min, max: o.max }
    case 'date':
    case 'datetime':
    case 'user':
    case 'email':
    case 'url':
    case 'phone':
    case 'tags':
    case 'multi_select':
    case 'file':
      return { ...base, type: o.type }
    case 'boolean':
      return { ...base, type: 'bool' }
    case 'select':
      return { ...base, type: 'enum', enum: '', values: (o.options ?? []).map((x) => x.value) }
    case 'relation':
      return { ...base, type: 'relation', relation: o.relation ?? { object: 'accounts' } }
    case 'formula': {
      const computed = { ...base, readOnly: true, computed: 'formula' as const, formula: o.formula }
      if (o.resultType === 'number') return { ...computed, type: 'number' }
      if (o.resultType === 'date') return { ...computed, type: 'date' }
      if (o.resultType === 'boolean') return { ...computed, type: 'bool' }
      return { ...computed, type: 'text' }
    }
    case 'rollup':
      return { ...base, readOnly: true, computed: 'rollup', type: 'number' }
    default:
      return { ...base, type: 'text' }
  }
}

/**
 * A built-in description as the signed-in person may see it, with the object's custom fields after its
 * own: built-in fields the person may not see (absent from `GET /objects/:key`) are left out of fields,
 * columns, filters and sorts; those they may only read are read-only. Custom fields are offered as
 * columns (not shown by default), as filters when filterable and as sorts when sortable.
 */
export function withCustomFields(meta: CollectionMeta, schema: ObjectSchema | undefined): CollectionMeta {
  if (!schema) return meta
  const own = new Map(schema.fields.filter((f) => !f.custom).map((f) => [f.key, f]))
  // Virtual keys (filters and sorts only) are not in the object model; they stay.
  const seen = (f: Field) => isVirtual(f) || own.has(f.key)
  const builtin = meta.fields
    .filter(seen)
    .map((f) =>
      own.get(f.key)?.access === 'read' && !f.readOnly
        ? { ...f, readOnly: true, access: 'read' as const }
        : f,
    )
  const kept = new Set(builtin.map((f) => f.key))
  const custom = schema.fields.filter((f) => f.custom)
  return {
    ...meta,
    fields: [...builtin, ...custom.map(customFieldOf)],
    columns: meta.columns.filter((k) => kept.has(k)),
    filters: [
      ...meta.filters.filter((k) => kept.has(k)),
      ...custom.filter((f) => f.filterable).map((f) => `custom.${f.key}`),
    ],
    sorts: [
      ...meta.sorts.filter((k) => kept.has(k.replace(/^-/, ''))),
      ...custom.filter((f) => f.sortable).map((f) => `custom.${f.key}`),
    ],
  }
}
