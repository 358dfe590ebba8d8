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
}

export type Field = (
  BuiltinField | (CustomOnlyType & { key: string; required?: boolean; readOnly?: boolean })
) &
  FieldExtras

export type CollectionMeta = Omit<ObjectDescription, 'fields'> & { fields: Field[] }

/** The built-in objects as the object model describes them (packages/contract/src/object-model). */
export const collections: Record<string, CollectionMeta> = builtinObjects

/** The address of a field in columns, filters and sorts (`custom.<key>` for a custom field). */
export const pathOf = (f: Field) => f.path ?? f.key

export const fieldOf = (meta: CollectionMeta, key: string) => meta.fields.find((x) => pathOf(x) === key)

/** The value of a field in a record (custom values sit under `custom`). */
export const valueOf = (f: Field, record: Record<string, any>): any =>
  f.custom ? record.custom?.[f.key] : record[f.key]

/** A field's label: the server's for custom fields, the translation of its key otherwise. */
export const labelOf = (f: Field, t: (key: string) => string) => f.label ?? t(`fields.${f.key}`)

/** The web's field for a custom field of the object model (`GET /objects/:key`). */
export function customFieldOf(o: ObjectField): Field {
  const base = {
    key: o.key,
    label: o.label,
    custom: true,
    path: `custom.${o.key}`,
    required: o.required,
    readOnly: o.readOnly || o.access === 'read',
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
 * A built-in description with the object's custom fields after its own: they are offered as columns
 * (not shown by default), as filters when filterable and as sorts when sortable.
 */
export function withCustomFields(meta: CollectionMeta, schema: ObjectSchema | undefined): CollectionMeta {
  const custom = (schema?.fields ?? []).filter((f) => f.custom)
  if (!custom.length) return meta
  const fields = custom.map(customFieldOf)
  return {
    ...meta,
    fields: [...meta.fields, ...fields],
    filters: [...meta.filters, ...custom.filter((f) => f.filterable).map((f) => `custom.${f.key}`)],
    sorts: [...meta.sorts, ...custom.filter((f) => f.sortable).map((f) => `custom.${f.key}`)],
  }
}
