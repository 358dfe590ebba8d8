import type { LayoutCondition, LayoutSection } from '@openkam/contract'
import { fieldOf, isVirtual, pathOf, type CollectionMeta, type Field } from '../records/meta'

/** A section with its fields resolved against the object's description, as forms and pages render it. */
export type PlacedSection = Omit<LayoutSection, 'fields'> & { fields: Field[] }

/** A value by its layout name (`custom.<key>` for a custom field) in a record or in a form's values. */
export function valueAt(values: Record<string, any> | undefined, path: string): unknown {
  if (!values) return undefined
  return path.startsWith('custom.') ? values.custom?.[path.slice('custom.'.length)] : values[path]
}

const isEmpty = (v: unknown) =>
  v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)
const text = (v: unknown) => String(v)

/**
 * Whether a section shows for these values. `eq` on a list (a multi-select) means the list has the
 * value; `in` means the value (or one of the list's) is among the condition's.
 * @example shows({ field: 'tier', op: 'in', value: ['strategic'] }, { tier: 'strategic' }) // true
 */
export function shows(cond: LayoutCondition | undefined, values: Record<string, any> | undefined): boolean {
  if (!cond) return true
  const v = valueAt(values, cond.field)
  const list = (Array.isArray(v) ? v : isEmpty(v) ? [] : [v]).map(text)
  switch (cond.op) {
    case 'empty':
      return isEmpty(v)
    case 'not_empty':
      return !isEmpty(v)
    case 'eq':
      return cond.value !== undefined && list.includes(text(cond.value))
    case 'neq':
      return cond.value === undefined || !list.includes(text(cond.value))
    case 'in': {
      const wanted = [cond.value ?? []].flat().map(text)
      return list.some((x) => wanted.includes(x))
    }
    default:
      return true
  }
}

/**
 * The layout's sections with their fields from the description, in order: names the description lacks
 * (a field hidden from the person, a virtual key) are dropped, and fields no section places (one added
 * since the layout was read) go at the end of the last section, so nothing disappears.
 */
export function placeFields(sections: LayoutSection[], meta: CollectionMeta): PlacedSection[] {
  const placed = new Set<string>()
  const out = sections.map((s) => ({
    ...s,
    fields: s.fields.flatMap((path) => {
      const f = fieldOf(meta, path)
      if (!f || isVirtual(f) || placed.has(path)) return []
      placed.add(path)
      return [f]
    }),
  }))
  const rest = meta.fields.filter((f) => !isVirtual(f) && !placed.has(pathOf(f)))
  if (out.length && rest.length)
    out[out.length - 1] = { ...out.at(-1)!, fields: [...out.at(-1)!.fields, ...rest] }
  return out
}
