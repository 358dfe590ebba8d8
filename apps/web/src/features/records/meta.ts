import { builtinObjects, type ObjectField, type ObjectSchema } from '@openkam/contract'
import { isVirtual, type CollectionMeta, type Field } from './field'

export * from './field'

/** A field's label: the server's for custom fields, the translation of its key otherwise. */
export const labelOf = (f: Field, t: (key: string) => string) => f.label ?? t(`fields.${f.key}`)

/**
 * The built-in objects as the object model describes them (packages/contract/src/object-model), without
 * their virtual fields: those are filter and sort keys of the API (an account's healthBand), not
 * properties of a record, so no column, form or page shows them; a list still passes them on from its
 * address (`/accounts?healthBand=at_risk`).
 */
export const collections: Record<string, CollectionMeta> = /* @__PURE__ */ Object.fromEntries(
  Object.entries(builtinObjects).map(([key, meta]) => [
    key,
    { ...meta, fields: meta.fields.filter((f) => !f.virtual) },
  ]),
)

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
