import { z } from 'zod'
import { fieldTypeDomains, Money, SignedDecimal, type FieldDefinition } from '@openkam/contract'
import type { FieldError } from '../../core/errors'
import { evaluateFormula, type FormulaValues } from './formula'

/** A definition as the value checks need it (a row of field_definitions, or its wire form). */
export type Def = Pick<
  FieldDefinition,
  | 'key'
  | 'type'
  | 'label'
  | 'options'
  | 'required'
  | 'unique'
  | 'defaultValue'
  | 'min'
  | 'max'
  | 'pattern'
  | 'formula'
  | 'resultType'
  | 'relation'
>

// A custom money field may set a negative minimum, so the sign is checked by `range`, not the schema.
const SignedMoney = Money.safeExtend({ amount: SignedDecimal }).strict()
const uuid = z.uuid({ error: 'must be an id (UUID)' })
/** A value's bounds: the field's own, else its type's domain (money ≥ 0, percent 0–100). */
const range = (d: Def, n: number): string | null => {
  const min = d.min ?? fieldTypeDomains[d.type]?.min ?? null
  const max = d.max ?? fieldTypeDomains[d.type]?.max ?? null
  return min !== null && n < min
    ? `must be at least ${min}`
    : max !== null && n > max
      ? `must be at most ${max}`
      : null
}

type Check = { ok: true; value: unknown } | { ok: false; message: string }
const ok = (value: unknown): Check => ({ ok: true, value })
const no = (message: string): Check => ({ ok: false, message })

function text(v: unknown, max: number, d: Def): Check {
  if (typeof v !== 'string') return no('must be text')
  const s = v.trim()
  if (s.length > max) return no(`at most ${max} characters`)
  if (d.pattern && s && !safeRegex(d.pattern)?.test(s)) return no(`does not match the pattern ${d.pattern}`)
  return ok(s)
}

const safeRegex = (p: string): RegExp | null => {
  try {
    return new RegExp(p)
  } catch {
    return null
  }
}

function number(v: unknown, d: Def): Check {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v
  if (typeof n !== 'number' || !Number.isFinite(n)) return no('must be a number')
  const r = range(d, n)
  return r ? no(r) : ok(n)
}

/**
 * Checks one value against its definition and returns what is stored: trimmed text, numbers, money as
 * `{amount, currency}`, dates as `YYYY-MM-DD`, date-times as UTC ISO, option values, id lists.
 * `previous` lets a record keep a retired option it already has.
 */
export function checkValue(d: Def, v: unknown, previous?: unknown): Check {
  if (v === null || v === undefined || v === '') return ok(null)
  switch (d.type) {
    case 'text':
    case 'file':
      return text(v, 1000, d)
    case 'long_text':
      return text(v, 20_000, d)
    case 'number':
    case 'percent':
      return number(v, d)
    case 'money': {
      const raw = typeof v === 'object' ? v : { amount: v }
      const r = SignedMoney.safeParse(raw)
      if (!r.success)
        return no(
          r.error.issues.find((i) => i.path[0] === 'currency' || i.message.includes('decimal'))?.message ??
            'must be an amount such as {"amount": "1200.00", "currency": "CNY"}',
        )
      const bad = range(d, Number(r.data.amount))
      return bad ? no(bad) : ok({ amount: Number(r.data.amount).toFixed(2), currency: r.data.currency })
    }
    case 'date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v))
        ? ok(v)
        : no('must be a date like 2026-01-31')
    case 'datetime': {
      const t = typeof v === 'string' ? Date.parse(v) : NaN
      return Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}T/.test(String(v))
        ? no('must be a date and time like 2026-01-31T09:30:00Z')
        : ok(new Date(t).toISOString())
    }
    case 'boolean':
      return typeof v === 'boolean' ? ok(v) : no('must be true or false')
    case 'select': {
      if (typeof v !== 'string') return no('must be one of the options')
      const opt = d.options.find((o) => o.value === v)
      if (!opt || (opt.retired && previous !== v)) return no(`must be one of ${offered(d)}`)
      return ok(v)
    }
    case 'multi_select': {
      if (!Array.isArray(v)) return no('must be a list of options')
      const had = Array.isArray(previous) ? previous : []
      for (const x of v) {
        const opt = d.options.find((o) => o.value === x)
        if (!opt || (opt.retired && !had.includes(x))) return no(`"${String(x)}" is not one of ${offered(d)}`)
      }
      return ok([...new Set(v as string[])])
    }
    case 'user':
      return uuid.safeParse(v).success ? ok(v) : no('must be a user id')
    case 'relation': {
      if (d.relation?.many) {
        if (!Array.isArray(v) || v.some((x) => !uuid.safeParse(x).success))
          return no('must be a list of record ids')
        return v.length > 200 ? no('at most 200 records') : ok([...new Set(v as string[])])
      }
      return uuid.safeParse(v).success ? ok(v) : no('must be a record id')
    }
    case 'url':
      return z.url().safeParse(v).success && /^https?:/i.test(String(v))
        ? ok(String(v).trim())
        : no('must be a web address (http:// or https://)')
    case 'email':
      return z.email().safeParse(typeof v === 'string' ? v.trim() : v).success
        ? ok(String(v).trim().toLowerCase())
        : no('must be an e-mail address')
    case 'phone':
      return typeof v === 'string' && /^\+?[0-9][0-9 ()-]{2,30}$/.test(v.trim())
        ? ok(v.trim())
        : no('must be a phone number')
    case 'formula':
    case 'rollup':
      return no('is computed and cannot be set')
  }
}

const offered = (d: Def) =>
  d.options
    .filter((o) => !o.retired)
    .map((o) => o.value)
    .join(', ')

const COMPUTED = new Set(['formula', 'rollup'])

/**
 * The custom values of a record after a write: the stored ones, the incoming ones checked and converted,
 * defaults on create, required fields present, formulas computed from the record (built-in fields and
 * custom ones). Keys without a definition are refused unless `allowUnknown` (system writes).
 */
export function mergeCustomValues(opts: {
  defs: Def[]
  stored: Record<string, unknown>
  incoming: Record<string, unknown> | undefined
  creating: boolean
  record: Record<string, unknown>
  allowUnknown: boolean
  object: string
}): { values: Record<string, unknown>; errors: FieldError[] } {
  const { defs, incoming = {}, creating } = opts
  const byKey = new Map(defs.map((d) => [d.key, d]))
  const values: Record<string, unknown> = { ...opts.stored }
  const errors: FieldError[] = []
  for (const [key, raw] of Object.entries(incoming)) {
    const d = byKey.get(key)
    if (!d) {
      if (opts.allowUnknown) values[key] = raw
      else errors.push({ path: `custom.${key}`, message: `${opts.object} have no custom field "${key}"` })
      continue
    }
    const r = checkValue(d, raw, opts.stored[key])
    if (!r.ok) errors.push({ path: `custom.${key}`, message: r.message })
    else if (r.value === null) delete values[key]
    else values[key] = r.value
  }
  for (const d of defs) {
    if (COMPUTED.has(d.type)) continue
    if (creating && values[d.key] === undefined && d.defaultValue !== null && d.defaultValue !== undefined) {
      const r = checkValue(d, d.defaultValue)
      if (r.ok && r.value !== null) values[d.key] = r.value
    }
    const sent = creating || d.key in incoming
    if (d.required && sent && (values[d.key] === undefined || values[d.key] === null)) {
      if (!errors.some((e) => e.path === `custom.${d.key}`))
        errors.push({ path: `custom.${d.key}`, message: 'is required' })
    }
  }
  const formulas = defs.filter((d) => d.type === 'formula' && d.formula)
  if (formulas.length) {
    const vars = formulaVariables(opts.record, values)
    for (const d of formulas) {
      const v = evaluateFormula(d.formula!, vars, d.resultType ?? 'number')
      if (v === null) delete values[d.key]
      else values[d.key] = v
    }
  }
  return { values, errors }
}

/** A record's fields as formula variables: money as its amount, numeric text as numbers, dates as text. */
export function formulaVariables(
  record: Record<string, unknown>,
  custom: Record<string, unknown>,
): FormulaValues {
  const out: FormulaValues = {}
  const put = (k: string, v: unknown) => {
    if (v === null || v === undefined) out[k] = null
    else if (v instanceof Date) out[k] = v.toISOString().slice(0, 10)
    else if (typeof v === 'object' && v !== null && 'amount' in v)
      out[k] = Number((v as { amount: string }).amount)
    else if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) out[k] = Number(v)
    else if (typeof v === 'object') return
    else out[k] = v
  }
  for (const [k, v] of Object.entries(record)) if (k !== 'custom') put(k, v)
  for (const [k, v] of Object.entries(custom)) put(k, v)
  return out
}
