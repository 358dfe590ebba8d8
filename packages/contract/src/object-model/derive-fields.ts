import { z } from 'zod'
import type { BaseFieldKey, ResourceSource } from '../resource'
import { objectModelRegistry, type FieldAnnotation } from './field-annotations'
import type { BuiltinField, FieldType, ObjectDescription } from './object-types'

/** Strings at least this long are edited in a text area (notes, descriptions, bodies). */
const TEXTAREA_FROM = 2000

/** The schema inside optional / nullable / default wrappers, with the annotations of every layer (outer wins). */
function unwrap(schema: z.ZodType): { inner: z.ZodType; annotation: FieldAnnotation } {
  const layers: z.ZodType[] = [schema]
  let inner = schema
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable || inner instanceof z.ZodDefault) {
    inner = inner.unwrap() as z.ZodType
    layers.push(inner)
  }
  const annotation = Object.assign({}, ...layers.reverse().map((s) => objectModelRegistry.get(s) ?? {}))
  return { inner, annotation }
}

/** A bound the schema really sets: not none (±Infinity) nor the safe-integer range of `.int()`. */
const bound = (v: number | null | undefined) =>
  v === null || v === undefined || !Number.isFinite(v) || Math.abs(v) >= Number.MAX_SAFE_INTEGER
    ? undefined
    : v

function numberType(schema: z.ZodNumber | undefined, a: FieldAnnotation): FieldType {
  const min = a.min ?? bound(schema?.minValue)
  const max = a.max ?? bound(schema?.maxValue)
  return { type: 'number', ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) }
}

/**
 * The web's type of a field from its schema: enum → options, e-mail, ISO date → date, ISO date-time →
 * datetime, number → number with its bounds, boolean → bool, string list → tags, a long string → textarea,
 * other strings → text. What the schema cannot say (which object an id refers to, a money amount) comes
 * from the annotation's `ui`; a field that has neither throws, naming it.
 */
function typeOf(where: string, key: string, inner: z.ZodType, a: FieldAnnotation): FieldType {
  if (inner instanceof z.ZodEnum)
    return { type: 'enum', enum: a.enum ?? key, values: inner.options as readonly string[] }
  if (a.ui === 'number') return numberType(inner instanceof z.ZodNumber ? inner : undefined, a)
  if (a.ui) return { type: a.ui } as FieldType
  if (inner instanceof z.ZodStringFormat) {
    const format = { email: 'email', date: 'date', datetime: 'datetime' }[inner.format as string]
    if (format) return { type: format } as FieldType
  } else if (inner instanceof z.ZodString)
    return { type: (inner.maxLength ?? 0) >= TEXTAREA_FROM ? 'textarea' : 'text' }
  if (inner instanceof z.ZodNumber) return numberType(inner, a)
  if (inner instanceof z.ZodBoolean) return { type: 'bool' }
  if (
    inner instanceof z.ZodArray &&
    inner.element instanceof z.ZodString &&
    !(inner.element instanceof z.ZodStringFormat)
  )
    return { type: 'tags' }
  throw new Error(
    `${where}.${key}: its type cannot be read from its schema; annotate it (field(schema, { ui })) or leave it out of the object model (apiOnly(schema))`,
  )
}

const BASE_TYPES: Record<BaseFieldKey, FieldType> = {
  ownerId: { type: 'user' },
  createdAt: { type: 'datetime' },
  updatedAt: { type: 'datetime' },
}

function describe(
  where: string,
  key: string,
  schema: z.ZodType,
  wire: { required: boolean; writable: boolean },
): BuiltinField | undefined {
  const { inner, annotation: a } = unwrap(schema)
  if (a.hidden) return undefined
  return {
    key,
    ...typeOf(where, key, inner, a),
    required: wire.required || !!a.required,
    ...(!wire.writable || a.readOnly ? { readOnly: true } : {}),
    ...(a.filterable ? { filterable: true } : {}),
    ...(a.sortable ? { sortable: true } : {}),
  }
}

/**
 * The object-model fields of a resource, in the resource's order: its fields (writable), its record-only
 * fields (read-only) and the base fields it lists, each typed from its schema and flagged from its
 * annotation; `apiOnly` fields left out.
 * @example fieldsOf('accounts', accountResource.source).find((f) => f.key === 'industry')
 * // → { key: 'industry', type: 'enum', enum: 'industry', values: [...], required: false, filterable: true, sortable: true }
 */
export function fieldsOf(where: string, source: ResourceSource): BuiltinField[] {
  const required = new Set(source.required)
  const out: (BuiltinField | undefined)[] = [
    ...Object.entries(source.fields).map(([k, s]) =>
      describe(where, k, s, { required: required.has(k), writable: true }),
    ),
    ...Object.entries(source.readOnly).map(([k, s]) =>
      describe(where, k, s, { required: false, writable: false }),
    ),
    ...Object.entries(source.base).map(([k, a]) => ({
      key: k,
      ...BASE_TYPES[k as BaseFieldKey],
      required: false,
      // The owner is sent like any field; the stamps are written by the server.
      ...(k === 'ownerId' && !a?.readOnly ? {} : { readOnly: true }),
      ...(a?.filterable ? { filterable: true } : {}),
      ...(a?.sortable ? { sortable: true } : {}),
    })),
  ]
  return out.filter((f): f is BuiltinField => !!f)
}

/** How lists and forms present a built-in object: everything of its description that is not about its fields. */
export type Presentation = Omit<ObjectDescription, 'fields' | 'sorts'> & {
  /** Field keys in the order forms and pages show them (the default layout); fields not listed follow. */
  order: string[]
  /** Filter and sort keys of the API that are not properties of the record (shown last, never in forms). */
  virtual?: BuiltinField[]
}

/**
 * A built-in object's description: its fields derived from its resource (`fieldsOf`) in `order`, then
 * its virtual fields; its sort keys are every field flagged sortable. Throws when `order`, `columns`,
 * `filters` or `titleField` name no field, or a filter or `defaultSort` names a field the API does
 * not accept as one.
 */
export function builtinObject(resource: { source: ResourceSource }, p: Presentation): ObjectDescription {
  const { order, virtual = [], ...presentation } = p
  const own = fieldsOf(p.name, resource.source)
  const byKey = new Map(own.map((f) => [f.key, f]))
  const fields = [
    ...order.map((k) => byKey.get(k) ?? fail(p.name, `order names "${k}", which is no field`)),
    ...own.filter((f) => !order.includes(f.key)),
    ...virtual.map((f) => ({ ...f, virtual: true, readOnly: true })),
  ]
  const keys = new Set(fields.map((f) => f.key))
  const flagged = (flag: 'filterable' | 'sortable') => fields.filter((f) => f[flag]).map((f) => f.key)
  const sorts = flagged('sortable')
  for (const k of [...p.columns, p.titleField]) if (!keys.has(k)) fail(p.name, `"${k}" is no field`)
  for (const k of p.filters)
    if (!flagged('filterable').includes(k)) fail(p.name, `"${k}" is no filterable field`)
  if (!sorts.includes(p.defaultSort.replace(/^-/, '')))
    fail(p.name, `the default sort "${p.defaultSort}" is no sortable field`)
  return { ...presentation, fields, sorts }
}

function fail(object: string, message: string): never {
  throw new Error(`builtinObjects.${object}: ${message}`)
}
