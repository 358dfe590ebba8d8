import type { Condition, ConditionGroup } from '@openkam/contract'

/**
 * The pure core of the rule engine: resolving field paths, evaluating condition groups with a
 * trace of every comparison, and rendering `{{path}}` templates. No database, no clock except `now`.
 */

/** What a rule sees: the record (after the change), the changed fields' old values, its account, an inbound payload. */
export type RuleScope = {
  record: Record<string, unknown> | null
  before?: Record<string, unknown> | null
  changed?: string[]
  account?: Record<string, unknown> | null
  payload?: Record<string, unknown> | null
  now: Date
}

export type Trace = { field: string; op: string; expected?: unknown; actual?: unknown; result: boolean }

const ROOTS = new Set(['record', 'before', 'account', 'payload'])
const DAY = 86_400_000

/** Splits `stage` / `record.stage` / `account.tier` into root and path (a bare name is the record's). */
export function splitPath(path: string): {
  root: 'record' | 'before' | 'account' | 'payload'
  parts: string[]
} {
  const parts = path.split('.')
  if (parts.length > 1 && ROOTS.has(parts[0]!)) return { root: parts[0] as 'record', parts: parts.slice(1) }
  return { root: 'record', parts }
}

export function resolve(scope: RuleScope, path: string): unknown {
  const { root, parts } = splitPath(path)
  return valueAt(scope[root], parts)
}

/** Money `{amount, currency}` compares by its amount; numeric strings as numbers. */
function scalar(v: unknown): unknown {
  if (v && typeof v === 'object' && !Array.isArray(v) && 'amount' in v)
    return Number((v as { amount: unknown }).amount)
  return v
}

const isNum = (v: unknown) =>
  typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)))
const ISO = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/
const asTime = (v: unknown): number | null => {
  if (v instanceof Date) return v.getTime()
  if (typeof v === 'string' && ISO.test(v)) {
    const t = Date.parse(v)
    return Number.isNaN(t) ? null : t
  }
  return null
}

/** Loose equality used by conditions and triggers: numbers by value, money by amount, the rest as text. */
export function equal(a: unknown, b: unknown): boolean {
  a = scalar(a)
  b = scalar(b)
  if (a === null || a === undefined || b === null || b === undefined)
    return (a ?? null) === (b ?? null) || (a === '' && b === null) || (a === null && b === '')
  if (typeof a === 'boolean' || typeof b === 'boolean') return String(a) === String(b)
  if (isNum(a) && isNum(b)) return Number(a) === Number(b)
  return String(a) === String(b)
}

function order(a: unknown, b: unknown): number | null {
  a = scalar(a)
  b = scalar(b)
  if (a === null || a === undefined || b === null || b === undefined) return null
  if (isNum(a) && isNum(b)) return Number(a) - Number(b)
  const ta = asTime(a)
  const tb = asTime(b)
  if (ta !== null && tb !== null) return ta - tb
  return String(a).localeCompare(String(b))
}

/** The value at a path inside an object (`custom.erp` → `o.custom.erp`). */
export function valueAt(o: Record<string, unknown> | null | undefined, parts: string[]): unknown {
  let v: unknown = o
  for (const p of parts) {
    if (v === null || v === undefined || typeof v !== 'object') return undefined
    v = (v as Record<string, unknown>)[p]
  }
  return v
}

/**
 * Whether a change touched a field. Events name top-level fields (`custom` for any custom value), so a
 * nested path (`custom.erp`) changed when its top field did and its own value differs.
 */
export function fieldChanged(
  parts: string[],
  changed: string[],
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): boolean {
  if (!changed.includes(parts[0]!)) return false
  return (
    parts.length === 1 ||
    JSON.stringify(valueAt(before, parts) ?? null) !== JSON.stringify(valueAt(after, parts) ?? null)
  )
}

const isEmpty = (v: unknown) =>
  v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)

const fieldName = (path: string) => splitPath(path).parts.join('.')

export function evaluateCondition(c: Condition, scope: RuleScope): Trace {
  const actual = resolve(scope, c.field)
  const changed = () => {
    const { root, parts } = splitPath(c.field)
    return root === 'record' && fieldChanged(parts, scope.changed ?? [], scope.before, scope.record)
  }
  const days = Number(c.value)
  const t = asTime(actual)
  const now = scope.now.getTime()
  let result: boolean
  switch (c.op) {
    case 'eq':
      result = equal(actual, c.value)
      break
    case 'ne':
      result = !equal(actual, c.value)
      break
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const o = order(actual, c.value)
      result =
        o !== null && (c.op === 'gt' ? o > 0 : c.op === 'gte' ? o >= 0 : c.op === 'lt' ? o < 0 : o <= 0)
      break
    }
    case 'in':
    case 'not_in': {
      const list = Array.isArray(c.value) ? c.value : [c.value]
      const hit = Array.isArray(actual)
        ? actual.some((a) => list.some((v) => equal(a, v)))
        : list.some((v) => equal(actual, v))
      result = c.op === 'in' ? hit : !hit
      break
    }
    case 'contains':
      result = Array.isArray(actual)
        ? actual.some((a) => equal(a, c.value))
        : typeof actual === 'string' && actual.toLowerCase().includes(String(c.value ?? '').toLowerCase())
      break
    case 'is_empty':
      result = isEmpty(actual)
      break
    case 'is_not_empty':
      result = !isEmpty(actual)
      break
    case 'changed':
      result = changed()
      break
    case 'changed_to':
      result = changed() && equal(actual, c.value)
      break
    case 'changed_from':
      result = changed() && equal(resolve(scope, `before.${fieldName(c.field)}`), c.value)
      break
    case 'within_last_days':
      result = t !== null && t <= now && t >= now - days * DAY
      break
    case 'within_next_days':
      result = t !== null && t >= now && t <= now + days * DAY
      break
    case 'more_than_days_ago':
      result = t !== null && t < now - days * DAY
      break
    case 'more_than_days_ahead':
      result = t !== null && t > now + days * DAY
      break
  }
  return { field: c.field, op: c.op, expected: c.value, actual: actual ?? null, result }
}

const isGroup = (x: Condition | ConditionGroup): x is ConditionGroup => !('op' in x)

/**
 * Evaluates a group: every item of `all` and at least one of `any` (an empty or absent list holds).
 * Every comparison is evaluated (no short cut) so the trace explains the whole result.
 */
export function evaluate(group: ConditionGroup, scope: RuleScope): { matched: boolean; trace: Trace[] } {
  const trace: Trace[] = []
  const walk = (g: ConditionGroup): boolean => {
    const one = (x: Condition | ConditionGroup) => {
      if (isGroup(x)) return walk(x)
      const t = evaluateCondition(x, scope)
      trace.push(t)
      return t.result
    }
    const all = (g.all ?? []).map(one)
    const any = (g.any ?? []).map(one)
    return all.every(Boolean) && (any.length === 0 || any.some(Boolean))
  }
  return { matched: walk(group), trace }
}

/** A moment as people read it in a message: `2026-12-04 22:45 UTC` rather than the stored ISO form. */
const moment = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/

/** An option value in words (its label), or undefined to show the value as it is. */
export type Words = (
  root: 'record' | 'before' | 'account' | 'payload',
  parts: string[],
  value: unknown,
) => string | undefined

function display(v: unknown, words?: (x: unknown) => string | undefined): string {
  if (v === null || v === undefined) return ''
  const word = typeof v === 'string' ? words?.(v) : undefined
  if (word !== undefined) return word
  if (v instanceof Date) return moment(v)
  if (typeof v === 'string' && ISO_TIME.test(v)) return moment(new Date(v))
  if (typeof v === 'object' && !Array.isArray(v) && 'amount' in v) {
    const m = v as { amount: unknown; currency?: unknown }
    return `${m.amount}${m.currency ? ` ${m.currency}` : ''}`
  }
  if (Array.isArray(v)) return v.map((x) => display(x, words)).join(', ')
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

/**
 * Replaces `{{path}}` placeholders, e.g. "Draft the contract for {{record.name}}"; unknown paths become
 * empty. With `words`, an option's value is shown as its label ("urgent" → "Urgent").
 */
export function render(template: string, scope: RuleScope, words?: Words): string {
  return template.replace(/\{\{\s*([a-zA-Z][\w.]*)\s*\}\}/g, (_m, path: string) => {
    const { root, parts } = splitPath(path)
    return display(valueAt(scope[root], parts), words && ((x) => words(root, parts, x)))
  })
}
