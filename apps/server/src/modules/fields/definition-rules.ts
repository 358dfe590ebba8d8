import type { FieldDefinition } from '@openkam/contract'
import type { FieldError } from '../../core/errors'
import { checkValue, type Def } from './custom-values'
import { checkFormula } from './formula'

export type DefinitionDraft = Omit<
  FieldDefinition,
  'id' | 'version' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'indexStatus'
>

/** Fields a formula may read: the object's built-in fields and its custom fields that are not formulas. */
export type FormulaScope = Record<string, 'number' | 'text' | 'date'>

const FILTERABLE_NOT = new Set(['long_text', 'file'])

/**
 * A definition's own consistency, before it is saved: options for selects, a valid formula for formulas,
 * a relation's object, a range that is one, a pattern that compiles, a default that fits.
 */
export function checkDefinition(
  d: DefinitionDraft,
  ctx: { builtinKeys: Set<string>; objects: Set<string>; formulaScope: FormulaScope },
): FieldError[] {
  const errors: FieldError[] = []
  const err = (path: string, message: string) => errors.push({ path, message })
  if (ctx.builtinKeys.has(d.key))
    err('key', `"${d.key}" is a built-in field of ${d.object}; choose another key`)
  if (d.type === 'select' || d.type === 'multi_select') {
    if (!d.options.length) err('options', 'a select field needs at least one option')
    const seen = new Set<string>()
    d.options.forEach((o, i) => {
      if (seen.has(o.value)) err(`options.${i}.value`, `"${o.value}" appears twice`)
      seen.add(o.value)
    })
  } else if (d.options.length) err('options', `only select and multi-select fields have options`)
  if (d.type === 'formula') {
    if (!d.formula) err('formula', 'a formula field needs a formula, e.g. ROUND(annualSpend / employees, 2)')
    else {
      const problem = checkFormula(d.formula, ctx.formulaScope)
      if (problem) err('formula', problem)
    }
  } else if (d.formula) err('formula', 'only formula fields have a formula')
  if (d.type === 'relation') {
    if (!d.relation)
      err('relation', 'a relation field needs the object it points to, e.g. {"object": "contacts"}')
    else if (!ctx.objects.has(d.relation.object)) err('relation.object', `no object "${d.relation.object}"`)
  } else if (d.relation) err('relation', 'only relation fields point to an object')
  if (d.type === 'rollup' && !d.rollup)
    err(
      'rollup',
      'a roll-up needs {object, via, fn}, e.g. {"object": "tickets", "via": "accountId", "fn": "count"}',
    )
  else if (d.type !== 'rollup' && d.rollup) err('rollup', 'only roll-up fields have a roll-up')
  if (d.min !== null && d.max !== null && d.min > d.max) err('max', 'must not be below min')
  if (d.pattern) {
    try {
      new RegExp(d.pattern)
    } catch {
      err('pattern', 'is not a valid regular expression')
    }
  }
  if (d.filterable && FILTERABLE_NOT.has(d.type)) err('filterable', `${d.type} fields cannot be filtered`)
  if (d.unique && !['text', 'email', 'phone', 'url', 'number'].includes(d.type))
    err('unique', 'only text, e-mail, phone, URL and number fields can be unique')
  if (d.defaultValue !== null && d.defaultValue !== undefined) {
    if (d.type === 'formula' || d.type === 'rollup') err('defaultValue', 'a computed field has no default')
    else {
      const r = checkValue(d as Def, d.defaultValue)
      if (!r.ok) err('defaultValue', r.message)
    }
  }
  return errors
}

/**
 * A stored value brought to a new type, or undefined when it does not convert: text ↔ numbers, a
 * number into money, a single option into a list and back, a date into a date-time and back.
 */
export function convertValue(v: unknown, to: Def): { ok: true; value: unknown } | { ok: false } {
  let x = v
  const textual = ['text', 'long_text', 'email', 'url', 'phone', 'file', 'select']
  if (x && typeof x === 'object' && !Array.isArray(x) && 'amount' in x && to.type !== 'money')
    x = Number((x as { amount: string }).amount)
  if (Array.isArray(x) && to.type !== 'multi_select' && !(to.type === 'relation' && to.relation?.many)) {
    if (x.length > 1) return { ok: false }
    x = x[0] ?? null
  }
  if (
    (to.type === 'multi_select' || (to.type === 'relation' && to.relation?.many)) &&
    !Array.isArray(x) &&
    x !== null
  )
    x = [x]
  if (textual.includes(to.type) && (typeof x === 'number' || typeof x === 'boolean')) x = String(x)
  if (to.type === 'datetime' && typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x)) x = `${x}T00:00:00Z`
  if (to.type === 'date' && typeof x === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(x)) x = x.slice(0, 10)
  if (to.type === 'boolean' && typeof x === 'string' && /^(true|false)$/i.test(x))
    x = x.toLowerCase() === 'true'
  const r = checkValue(to, x)
  return r.ok ? r : { ok: false }
}
