// The operations of the OpenAPI document, and for each a fast-check arbitrary of requests to it: valid ones,
// ones that break exactly one rule of the document, and hostile ones.
import fc from 'fast-check'
import { invalidValues, validArb, type IdSource, type Resolver, type Schema } from './json-schema-arbitrary'
import { hostileBodies, hostileDates, hostileIds, hostileStrings, hostileValue, nested } from './hostile'

export type Parameter = {
  in: 'path' | 'query' | 'header' | 'cookie'
  name: string
  required?: boolean
  schema: Schema
}
export type Operation = {
  key: string
  method: string
  path: string
  public: boolean
  params: Parameter[]
  body?: Schema
  bodyRequired: boolean
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>
}
export type OpenApi = {
  paths: Record<string, Record<string, Record<string, unknown>>>
  components?: { schemas?: Record<string, Schema> }
}

export type Kind = 'valid' | 'invalid' | 'hostile'
export type Case = {
  kind: Kind
  /** What the case does, e.g. `body.name: longer than 200`. */
  label: string
  path: Record<string, string>
  /** Query parameters, already as text (a repeated name is an array). */
  query: Record<string, string>
  /** The body; `undefined` sends none. */
  body?: unknown
}

export function operationsOf(doc: OpenApi): Operation[] {
  const ops: Operation[] = []
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(methods)) {
      const op = raw as {
        security?: unknown[]
        parameters?: Parameter[]
        requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> }
        responses?: Operation['responses']
      }
      ops.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        public: Array.isArray(op.security) && op.security.length === 0,
        params: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
        bodyRequired: !!op.requestBody?.required,
        responses: op.responses ?? {},
      })
    }
  }
  return ops
}

const dateLike = /(At|Date|date|day|Day|from|to|month|Month|since|until|period|start|end)(\[|$)/

/** How a value travels in a query string. */
const queryText = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null

function queryArb(op: Operation, resolve: Resolver, ids: IdSource): fc.Arbitrary<Record<string, string>> {
  const rec: Record<string, fc.Arbitrary<string>> = {}
  const required: string[] = []
  for (const p of op.params.filter((x) => x.in === 'query')) {
    rec[p.name] = validArb(p.schema, resolve, ids)
      .map(queryText)
      .filter((x): x is string => x !== null)
    if (p.required) required.push(p.name)
  }
  // Optional parameters are sent now and then, so their combinations are tried too.
  return fc.record(rec, { requiredKeys: required }).map((q) => q as Record<string, string>)
}

function pathArb(op: Operation, pool: (path: string) => string[], resolve: Resolver, ids: IdSource) {
  const rec: Record<string, fc.Arbitrary<string>> = {}
  for (const p of op.params.filter((x) => x.in === 'path')) {
    const real = pool(op.path.slice(0, op.path.indexOf(`/{${p.name}}`)))
    const valid = validArb(p.schema, resolve, ids)
      .map(queryText)
      .filter((x): x is string => x !== null && x.length > 0)
    rec[p.name] =
      p.name === 'id' && real.length
        ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...real) }, { weight: 1, arbitrary: valid })
        : valid
  }
  return fc.record(rec)
}

function validBodyArb(op: Operation, resolve: Resolver, ids: IdSource): fc.Arbitrary<unknown> {
  if (!op.body) return fc.constant(undefined)
  return validArb(op.body, resolve, ids)
}

/** Requests that break one rule of the document: a parameter or a body field out of its domain, or unknown. */
function invalidArbs(
  op: Operation,
  resolve: Resolver,
  ids: IdSource,
  base: fc.Arbitrary<Case>,
): fc.Arbitrary<Case>[] {
  const out: fc.Arbitrary<Case>[] = []
  for (const p of op.params.filter((x) => x.in === 'query')) {
    const accepts = (t: string) => JSON.stringify(resolve(p.schema)).includes(`"${t}"`)
    const bad = invalidValues(p.schema, resolve)
      .filter((i) => queryText(i.value) !== null && !(typeof i.value === 'number' && accepts('string')))
      .map((i) => ({ text: queryText(i.value)!, why: i.why }))
    if (bad.length)
      out.push(
        fc.tuple(base, fc.constantFrom(...bad)).map(([c, b]) => ({
          ...c,
          kind: 'invalid',
          label: `query ${p.name}: ${b.why}`,
          query: { ...c.query, [p.name]: b.text },
        })),
      )
  }
  out.push(
    base.map((c) => ({
      ...c,
      kind: 'invalid',
      label: 'an unknown query parameter',
      query: { ...c.query, zzUnknown: '1' },
    })),
  )
  if (op.body) {
    const whole = invalidValues(op.body, resolve)
    if (whole.length)
      out.push(
        fc
          .tuple(base, fc.constantFrom(...whole))
          .map(([c, b]) => ({ ...c, kind: 'invalid', label: `body: ${b.why}`, body: b.value })),
      )
    const s = resolve(op.body)
    for (const [k, field] of Object.entries(s.properties ?? {})) {
      const bad = invalidValues(field, resolve, 1)
      if (!bad.length) continue
      out.push(
        fc.tuple(base, fc.constantFrom(...bad)).map(([c, b]) => ({
          ...c,
          kind: 'invalid',
          label: `body.${k}: ${b.why}`,
          body: { ...(c.body as object), [k]: b.value },
        })),
      )
    }
  }
  return out
}

/** Hostile requests: odd values where the document allows any text or number, deep and null bodies. */
function hostileArbs(op: Operation, resolve: Resolver, base: fc.Arbitrary<Case>): fc.Arbitrary<Case>[] {
  const out: fc.Arbitrary<Case>[] = []
  const queryParams = op.params.filter((x) => x.in === 'query')
  if (queryParams.length) {
    const names = queryParams.map((p) => p.name)
    const text = fc.oneof(
      fc.constantFrom(...hostileStrings.filter((s) => s.length < 5000)),
      fc.constantFrom(...hostileDates),
      fc.constantFrom(...hostileIds),
    )
    out.push(
      fc.tuple(base, fc.constantFrom(...names), text).map(([c, name, v]) => ({
        ...c,
        kind: 'hostile',
        label: `query ${name} hostile`,
        query: { ...c.query, [name]: v },
      })),
    )
    const dates = names.filter((n) => dateLike.test(n))
    if (dates.length)
      out.push(
        fc.tuple(base, fc.constantFrom(...dates), fc.constantFrom(...hostileDates)).map(([c, name, v]) => ({
          ...c,
          kind: 'hostile',
          label: `query ${name}: a malformed date`,
          query: { ...c.query, [name]: v },
        })),
      )
  }
  const pathParams = op.params.filter((x) => x.in === 'path')
  if (pathParams.length)
    out.push(
      fc
        .tuple(base, fc.constantFrom(...pathParams.map((p) => p.name)), fc.constantFrom(...hostileIds))
        .map(([c, name, v]) => ({
          ...c,
          kind: 'hostile',
          label: `path ${name}: not an id`,
          path: { ...c.path, [name]: v },
        })),
    )
  if (op.body) {
    const keys = Object.keys(resolve(op.body).properties ?? {})
    if (keys.length) {
      out.push(
        fc.tuple(base, fc.constantFrom(...keys), hostileValue).map(([c, k, v]) => ({
          ...c,
          kind: 'hostile',
          label: `body.${k} hostile`,
          body: { ...(c.body as object), [k]: v },
        })),
      )
      // null for every field at once (defaulted fields included).
      out.push(
        base.map((c) => ({
          ...c,
          kind: 'hostile',
          label: 'body: null everywhere',
          body: Object.fromEntries(keys.map((k) => [k, null])),
        })),
      )
      if (keys.includes('custom'))
        out.push(
          base.map((c) => ({
            ...c,
            kind: 'hostile',
            label: 'body.custom nested 10,000 deep',
            body: { ...(c.body as object), custom: { deep: nested(10_000) } },
          })),
        )
    }
    out.push(
      fc.tuple(base, fc.constantFrom(...hostileBodies, nested(10_000))).map(([c, b]) => ({
        ...c,
        kind: 'hostile',
        label: 'body: not an object',
        body: b,
      })),
    )
  }
  return out
}

/**
 * Every request the fuzzer sends to `op`: valid (weight 3), invalid (3) and hostile (2), when the operation
 * has anything to vary.
 */
export function casesOf(
  op: Operation,
  resolve: Resolver,
  ids: IdSource,
  pool: (path: string) => string[],
  opts: { hostile: boolean },
): fc.Arbitrary<Case> {
  const base: fc.Arbitrary<Case> = fc
    .record({
      path: pathArb(op, pool, resolve, ids),
      query: queryArb(op, resolve, ids),
      body: validBodyArb(op, resolve, ids),
    })
    .map((r) => ({ kind: 'valid' as Kind, label: 'valid', ...r }))
  const invalid = invalidArbs(op, resolve, ids, base)
  const hostile = opts.hostile ? hostileArbs(op, resolve, base) : []
  return fc.oneof(
    { weight: 3, arbitrary: base },
    ...(invalid.length ? [{ weight: 3, arbitrary: fc.oneof(...invalid) }] : []),
    ...(hostile.length ? [{ weight: 2, arbitrary: fc.oneof(...hostile) }] : []),
  )
}
