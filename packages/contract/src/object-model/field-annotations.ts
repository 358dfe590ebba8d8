import { z } from 'zod'
import type { FieldType } from './object-types'

/**
 * What the object model needs to know about a built-in field that its zod schema cannot say. Everything
 * else (type, options, bounds, required, read-only) is read from the schema itself (derive-fields.ts).
 */
export type FieldAnnotation = {
  /** The list API accepts it as a filter (`?key=…`, `?key[gte]=…`); the server derives its filters from this. */
  filterable?: boolean
  /** The list API accepts it as a sort key (`?sort=key`, `?sort=-key`). */
  sortable?: boolean
  /** The web's type where the schema cannot tell it: what an id refers to, a money or decimal amount. */
  ui?: Exclude<FieldType['type'], 'enum'>
  /** The label group of an enum's options (`optionLabels*[enum]`); the field's key by default. */
  enum?: string
  /** Shown read-only in forms although the API takes it (it is changed elsewhere, e.g. a stage on the board). */
  readOnly?: boolean
  /** Asked for by forms although the API has a default for it. */
  required?: boolean
  /** Bounds shown for a number the schema does not bound (a computed value). */
  min?: number
  max?: number
  /** Part of the wire record only: not described in the object model (no form input, column or filter). */
  hidden?: boolean
}

/** Annotations of field schemas. A custom registry: unlike `.meta()`, nothing of it reaches the OpenAPI document. */
export const objectModelRegistry = z.registry<FieldAnnotation>()

/**
 * The schema annotated for the object model: a copy (a shared schema such as `Id` is annotated per field),
 * which validates and documents exactly as the original; its static type is the original's.
 * @example industry: field(Industry, FS)
 * @example csmId: field(Id, { ui: 'user', ...F })
 */
export function field<T extends z.ZodType>(schema: T, annotation: FieldAnnotation): T {
  const copy = schema.clone() as T
  objectModelRegistry.add(copy, annotation)
  return copy
}

/** A field of the wire record that the object model leaves out (no form input, column or list filter). */
export const apiOnly = <T extends z.ZodType>(schema: T): T => field(schema, { hidden: true })

/** A list filter (F), a sort key (S) or both (FS). */
export const F = { filterable: true } as const
export const S = { sortable: true } as const
export const FS = { filterable: true, sortable: true } as const
