// The document as a judge: whether a request breaks it (so must be refused), and whether an answer keeps it
// (a documented status, content type and body schema). JSON Schema 2020-12 by ajv, formats by ajv-formats.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import type { Schema } from './json-schema-arbitrary'
import type { Case, OpenApi, Operation } from './operations'
import { hasUnstorableText, sampled } from './hostile'

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => void

const DOC_ID = 'openapi.json'

/** The document's schemas with their `$ref`s pointing into one registered copy of it. */
function registered() {
  const rewrite = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(rewrite)
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {}
      for (const [k, x] of Object.entries(v)) {
        if (k === '$id' || k === '$schema') continue
        out[k] = k === '$ref' && typeof x === 'string' && x.startsWith('#/') ? `${DOC_ID}${x}` : rewrite(x)
      }
      return out
    }
    return v
  }
  return rewrite
}

export class ContractCheck {
  private readonly strict = new Ajv2020({ strict: false, allErrors: false, validateFormats: true })
  private readonly coercing = new Ajv2020({
    strict: false,
    allErrors: false,
    coerceTypes: true,
    validateFormats: true,
  })
  private readonly cache = new Map<string, ValidateFunction>()
  private readonly rewrite: (v: unknown) => unknown

  constructor(doc: OpenApi) {
    this.rewrite = registered()
    const components = this.rewrite({ components: doc.components ?? {} }) as Record<string, unknown>
    for (const ajv of [this.strict, this.coercing]) {
      addFormats(ajv)
      ajv.addSchema({ $id: DOC_ID, ...components })
    }
  }

  private validator(schema: Schema, coerce = false): ValidateFunction {
    const key = `${coerce}:${JSON.stringify(schema)}`
    let v = this.cache.get(key)
    if (!v) {
      v = (coerce ? this.coercing : this.strict).compile(this.rewrite(schema) as object)
      this.cache.set(key, v)
    }
    return v
  }

  private why(v: ValidateFunction): string {
    const e = v.errors?.[0]
    return e ? `${e.instancePath || '(root)'} ${e.message ?? ''}`.trim() : 'invalid'
  }

  /**
   * Which rule of the document the request breaks, or null when it keeps them all. Beyond the schemas, two
   * rules hold for every operation: an unknown query parameter is refused, and so is text a database cannot
   * store faithfully (NUL, lone surrogates).
   */
  requestViolation(op: Operation, c: Case): string | null {
    for (const p of op.params.filter((x) => x.in === 'query')) {
      const v = c.query[p.name]
      if (v === undefined) {
        if (p.required) return `query ${p.name} is required`
        continue
      }
      const check = this.validator(p.schema, true)
      if (!check(v)) return `query ${p.name}: ${this.why(check)}`
    }
    const known = new Set(op.params.filter((x) => x.in === 'query').map((p) => p.name))
    const unknown = Object.keys(c.query).find((k) => !known.has(k))
    if (unknown) return `query ${unknown} is not a parameter of this operation`
    for (const p of op.params.filter((x) => x.in === 'path')) {
      const check = this.validator(p.schema, true)
      if (!check(c.path[p.name])) return `path ${p.name}: ${this.why(check)}`
    }
    if (op.body) {
      if (c.body === undefined) return op.bodyRequired ? 'the body is required' : null
      const check = this.validator(op.body)
      if (!check(sampled(c.body))) return `body ${this.why(check)}`
      if (hasUnstorableText(c.body)) return 'body text holds NUL or a lone surrogate'
    }
    return null
  }

  /** What is wrong with the answer by the document, or null. */
  responseViolation(op: Operation, status: number, contentType: string, body: string): string | null {
    const documented =
      op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.default
    if (!documented)
      return `status ${status} is not documented (documented: ${Object.keys(op.responses).join(', ')})`
    const content = documented.content
    if (!content || !Object.keys(content).length) return null
    if (!body.length && status === 204) return null
    const type = contentType.split(';')[0]!.trim().toLowerCase()
    const media = content[type]
    if (!media)
      return `content type ${type || '(none)'} is not documented for ${status} (${Object.keys(content).join(', ')})`
    if (!media.schema || !/json/.test(type)) return null
    let parsed: unknown
    try {
      parsed = JSON.parse(body)
    } catch {
      return `the ${type} body is not JSON`
    }
    const check = this.validator(media.schema)
    return check(parsed) ? null : `the body does not match the documented schema: ${this.why(check)}`
  }
}
