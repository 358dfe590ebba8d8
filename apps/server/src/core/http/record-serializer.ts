import { z } from 'zod'

type Shaper = (value: unknown) => unknown

/**
 * A function that copies a record into the key set and key order of its response schema, as zod's parse
 * would (unknown keys dropped, nested objects reordered), without checking the values: records made by a
 * collection's `toRecord` already have the right values. Null when the schema is not a plain object schema.
 *
 * Speed: validating a page of 50 records with zod on every read cost a fifth of a list request's CPU, and
 * the same records go out unchecked in the 360° answer already. The builder is compiled once per schema into
 * object literals, so the copies are cheap and serialise fast.
 * @example recordShaper(Account)?.({ id, name, workspaceId }) // → { id, name } in Account's key order
 */
export function recordShaper(schema: z.ZodType): Shaper | null {
  const root = unwrap(schema)
  if (!(root instanceof z.ZodObject)) return null
  const code = objectCode(root, 'r', 0)
  return new Function('r', `return ${code}`) as Shaper
}

/** The schema under nullable / optional / default wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema
  while (s instanceof z.ZodNullable || s instanceof z.ZodOptional || s instanceof z.ZodDefault)
    s = s.unwrap() as z.ZodType
  return s
}

/** An expression that copies the object in `expr` (null/undefined pass through) in the order of `schema`. */
function objectCode(schema: z.ZodObject, expr: string, depth: number): string {
  const v = `v${depth}`
  const fields = Object.entries(schema.shape).map(([key, field]) => {
    const k = JSON.stringify(key)
    const inner = unwrap(field as z.ZodType)
    const value = `${v}[${k}]`
    return `${k}: ${inner instanceof z.ZodObject && depth < 8 ? objectCode(inner, value, depth + 1) : value}`
  })
  return `((${v}) => ${v} == null ? ${v} : { ${fields.join(', ')} })(${expr})`
}

/**
 * Serialises a collection's 200 answers (one record, or a page of them) through `recordShaper`; other
 * statuses (problems) keep the zod serializer. Falls back to `fallback` when the schema cannot be shaped.
 */
export function recordSerializer(record: z.ZodType, page: boolean): ((data: unknown) => string) | null {
  const shape = recordShaper(record)
  if (!shape) return null
  if (!page) return (data) => JSON.stringify(shape(data))
  return (data) => {
    const p = data as { data: unknown[]; nextCursor: string | null }
    return JSON.stringify({ data: p.data.map(shape), nextCursor: p.nextCursor })
  }
}
