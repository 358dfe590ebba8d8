// fast-check arbitraries from the JSON Schemas of the OpenAPI document: values a schema accepts (with its
// boundaries), and values it refuses — each refused value says why, so a failure names the broken rule.
import fc from 'fast-check'

export type Schema = {
  $ref?: string
  type?: string | string[]
  enum?: unknown[]
  const?: unknown
  anyOf?: Schema[]
  oneOf?: Schema[]
  allOf?: Schema[]
  format?: string
  pattern?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  minItems?: number
  maxItems?: number
  items?: Schema
  properties?: Record<string, Schema>
  required?: string[]
  additionalProperties?: boolean | Schema
  propertyNames?: Schema
  default?: unknown
  [k: string]: unknown
}

/** A value the schema refuses, and the rule it breaks. */
export type Invalid = { value: unknown; why: string }

export type Resolver = (s: Schema) => Schema
/** Real record ids of the workspace: a `uuid` field is drawn from them most of the time. */
export type IdSource = () => fc.Arbitrary<string>

export function resolverFor(doc: { components?: { schemas?: Record<string, Schema> } }): Resolver {
  const resolve = (s: Schema): Schema => {
    if (!s?.$ref) return s
    const name = s.$ref.replace('#/components/schemas/', '')
    const target = doc.components?.schemas?.[name]
    if (!target) throw new Error(`unresolved ${s.$ref}`)
    return resolve(target)
  }
  return resolve
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER
const typesOf = (s: Schema): string[] =>
  s.type ? (Array.isArray(s.type) ? s.type : [s.type]) : s.properties ? ['object'] : s.items ? ['array'] : []

function stringArb(s: Schema, ids: IdSource): fc.Arbitrary<string> {
  const min = s.minLength ?? 0
  const max = Math.min(s.maxLength ?? 40, Math.max(min, 40))
  if (s.format === 'uuid')
    return fc.oneof({ weight: 3, arbitrary: ids() }, { weight: 1, arbitrary: fc.uuid() })
  if (s.format === 'date-time')
    return fc
      .date({
        min: new Date('1970-01-01T00:00:00Z'),
        max: new Date('2100-01-01T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString())
  if (s.format === 'date')
    return fc
      .date({
        min: new Date('1970-01-01T00:00:00Z'),
        max: new Date('2100-01-01T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10))
  if (s.format === 'email') return fc.emailAddress().filter((e) => e.length <= (s.maxLength ?? 254))
  if (s.format === 'uri') return fc.webUrl().filter((e) => e.length <= (s.maxLength ?? 2000))
  if (s.pattern) {
    return fc
      .stringMatching(new RegExp(s.pattern, 'u'))
      .filter((v) => v.length >= min && v.length <= (s.maxLength ?? Infinity))
  }
  const lengths = [min, max].filter((n, i, a) => a.indexOf(n) === i)
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.string({ minLength: min, maxLength: Math.min(max, min + 12), unit: 'grapheme' }),
    },
    // The boundaries: exactly minLength and exactly maxLength characters.
    { weight: 1, arbitrary: fc.constantFrom(...lengths).map((n) => 'x'.repeat(n)) },
  )
}

function numberArb(s: Schema, integer: boolean): fc.Arbitrary<number> {
  const lo = s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : 1e-6) : s.minimum
  const hi = s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : 1e-6) : s.maximum
  const min = Math.max(lo ?? -1e6, -MAX_SAFE)
  const max = Math.min(hi ?? 1e6, MAX_SAFE)
  const edges = [min, max, ...(min <= 0 && max >= 0 ? [0] : [])]
  const body = integer
    ? fc.integer({ min: Math.ceil(Math.max(min, -1e6)), max: Math.floor(Math.min(max, 1e6)) })
    : fc.double({ min: Math.max(min, -1e6), max: Math.min(max, 1e6), noNaN: true, noDefaultInfinity: true })
  return fc.oneof({ weight: 4, arbitrary: body }, { weight: 1, arbitrary: fc.constantFrom(...edges) })
}

/** Values the schema accepts; `depth` bounds recursion through nested objects and arrays. */
export function validArb(schema: Schema, resolve: Resolver, ids: IdSource, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema)
  if (s.const !== undefined) return fc.constant(s.const)
  if (s.enum) return fc.constantFrom(...s.enum)
  const alts = s.anyOf ?? s.oneOf
  if (alts) return fc.oneof(...alts.map((a) => validArb(a, resolve, ids, depth)))
  if (s.allOf) return validArb(mergeAll(s.allOf.map(resolve)), resolve, ids, depth)
  const types = typesOf(s)
  if (!types.length) return depth > 2 ? fc.constant('x') : fc.oneof(fc.string(), fc.integer(), fc.boolean())
  return fc.oneof(...types.map((t) => validOfType(t, s, resolve, ids, depth)))
}

function validOfType(
  t: string,
  s: Schema,
  resolve: Resolver,
  ids: IdSource,
  depth: number,
): fc.Arbitrary<unknown> {
  switch (t) {
    case 'string':
      return stringArb(s, ids)
    case 'integer':
      return numberArb(s, true)
    case 'number':
      return numberArb(s, false)
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array': {
      const minLength = s.minItems ?? 0
      const maxLength = Math.max(minLength, Math.min(s.maxItems ?? 3, depth > 2 ? minLength : 3))
      return fc.array(validArb(s.items ?? {}, resolve, ids, depth + 1), { minLength, maxLength })
    }
    default:
      return objectArb(s, resolve, ids, depth)
  }
}

function objectArb(s: Schema, resolve: Resolver, ids: IdSource, depth: number): fc.Arbitrary<unknown> {
  const props = s.properties ?? {}
  const required = new Set(s.required ?? [])
  const keys = Object.keys(props)
  if (!keys.length) {
    if (s.additionalProperties === false) return fc.constant({})
    // An open map (custom values, settings): a few keys of the map's own value type.
    const value = typeof s.additionalProperties === 'object' ? s.additionalProperties : {}
    return fc.dictionary(
      fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,10}$/),
      validArb(value, resolve, ids, depth + 1),
      { maxKeys: depth > 1 ? 0 : 2 },
    )
  }
  const rec: Record<string, fc.Arbitrary<unknown>> = {}
  for (const k of keys) rec[k] = validArb(props[k]!, resolve, ids, depth + 1)
  const optional = keys.filter((k) => !required.has(k))
  return fc.record(rec, { requiredKeys: [...required].filter((k) => k in props) }).map((v) => {
    // Deep optional objects are left out more often, so bodies stay readable.
    if (depth > 2) for (const k of optional) delete (v as Record<string, unknown>)[k]
    return v
  })
}

function mergeAll(parts: Schema[]): Schema {
  const out: Schema = { type: 'object', properties: {}, required: [] }
  for (const p of parts) {
    Object.assign(out.properties!, p.properties ?? {})
    out.required!.push(...(p.required ?? []))
    if (p.additionalProperties === false) out.additionalProperties = false
  }
  return out
}

const accepts = (s: Schema, resolve: Resolver, t: string): boolean => {
  const r = resolve(s)
  const alts = r.anyOf ?? r.oneOf
  if (alts) return alts.some((a) => accepts(a, resolve, t))
  const types = typesOf(r)
  if (r.enum) return r.enum.some((v) => (v === null ? 'null' : typeof v) === t)
  return !types.length || types.includes(t) || (t === 'integer' && types.includes('number'))
}

/**
 * Values the schema refuses, each with the reason. Only rules every implementation of the schema must
 * enforce are broken: a wrong type, null where null is not allowed, outside min/max, too long, not in the
 * enum, an unknown property of a closed object, a missing required property.
 */
export function invalidValues(schema: Schema, resolve: Resolver, depth = 0): Invalid[] {
  const s = resolve(schema)
  const options: Invalid[] = []
  if (!accepts(s, resolve, 'null')) options.push({ value: null, why: 'null where null is not allowed' })
  const alts = s.anyOf ?? s.oneOf
  if (alts) {
    // Inside a union only a wrong type is sure to be refused by every branch.
    if (!alts.some((a) => accepts(a, resolve, 'object')) && !alts.some((a) => !typesOf(resolve(a)).length))
      options.push({ value: { unexpected: true }, why: 'an object where none is allowed' })
    return options
  }
  if (s.enum && s.enum.every((v) => typeof v === 'string'))
    options.push({ value: 'not-a-member-☃', why: `not one of ${s.enum.slice(0, 5).join(', ')}` })
  const types = typesOf(s)
  if (!types.length) return options
  if (!types.includes('string') && !types.includes('object'))
    options.push({ value: 'text', why: 'a string where none is allowed' })
  if (!types.includes('number') && !types.includes('integer') && !types.includes('object') && !s.enum)
    options.push({ value: 12.5, why: 'a number where none is allowed' })
  if (types.includes('string') && !s.enum) {
    if (s.maxLength !== undefined && s.maxLength < 100_000)
      options.push({ value: 'y'.repeat(s.maxLength + 1), why: `longer than ${s.maxLength}` })
    if (s.minLength) options.push({ value: '', why: `shorter than ${s.minLength}` })
    if (s.format === 'uuid') options.push({ value: 'not-an-id', why: 'not a UUID' })
    if (s.format === 'date-time' || s.format === 'date')
      options.push(
        ...['2024-13-45', 'abc', '0000-00-00'].map((value) => ({ value, why: `not a ${s.format}` })),
      )
  }
  if (types.includes('integer') && !types.includes('number'))
    options.push({ value: 1.5, why: 'a fraction where an integer is required' })
  if ((types.includes('integer') || types.includes('number')) && !types.includes('string')) {
    if (s.minimum !== undefined && s.minimum > -MAX_SAFE)
      options.push({ value: s.minimum - 1, why: `below the minimum ${s.minimum}` })
    if (s.maximum !== undefined && s.maximum < MAX_SAFE)
      options.push({ value: s.maximum + 1, why: `above the maximum ${s.maximum}` })
  }
  if (types.includes('array') && s.maxItems !== undefined && s.maxItems < 1000)
    options.push({
      value: Array.from({ length: s.maxItems + 1 }, () => null),
      why: `more than ${s.maxItems} items`,
    })
  if (types.includes('object') && depth < 3) {
    const props = s.properties ?? {}
    if (s.additionalProperties === false)
      options.push({ value: { zzUnknownField: 1 }, why: 'an unknown property of a closed object' })
    for (const k of s.required ?? []) {
      if (props[k]) options.push({ value: {}, why: `without the required ${k}` })
      break
    }
  }
  if (!types.includes('array') && !types.includes('object'))
    options.push({ value: [1], why: 'an array where none is allowed' })
  return options
}
