import {
  customObjectKeyOf,
  type ConditionOp,
  type FieldDefinition,
  type RuleEntity,
  type RuleTarget,
} from '@openkam/contract'
import type { Executor } from '../../core/db/types'
import type { FieldError } from '../../core/errors'
import { loadDefinitions, mergeCustomValues } from '../fields'
import { entityCollections } from './entities'

/**
 * Custom fields in rules: `custom.<key>` names a custom field of the entity's object (its collection,
 * e.g. `custom.erp` of an account), in conditions, field-changed triggers and update_fields keys.
 */

export const CUSTOM = 'custom.'

/** The custom field definitions of each entity's object, as the workspace has them now. */
export type CustomDefs = (entity: RuleTarget) => FieldDefinition[]

/**
 * The object (collection) an entity's custom fields are defined on, e.g. account → accounts, and a
 * custom object's key for `custom:<key>` (custom:site_visits → site_visits).
 */
export const objectOf = (entity: RuleTarget) =>
  customObjectKeyOf(entity) ?? entityCollections[entity as RuleEntity].def.name

export async function customDefsOf(tx: Executor, ws: string): Promise<CustomDefs> {
  const byObject = await loadDefinitions(tx, ws)
  return (entity) => byObject.get(objectOf(entity)) ?? []
}

const COMPUTED = new Set(['formula', 'rollup'])
const DATES = new Set(['date', 'datetime'])
const UNORDERED = new Set(['boolean', 'select', 'multi_select', 'relation', 'user', 'file'])
const WITH_OPTIONS = new Set(['select', 'multi_select'])
const VALUE_OPS: ConditionOp[] = ['eq', 'ne', 'in', 'not_in', 'contains', 'changed_to', 'changed_from']

export const isDate = (d: FieldDefinition) =>
  DATES.has(d.type) || (d.type === 'formula' && d.resultType === 'date')

/** "accounts have no custom field erp; custom fields: tier_note, credit" — the message of an unknown key. */
export function unknownCustom(entity: RuleTarget, key: string, defs: FieldDefinition[]) {
  const list = defs.map((d) => d.key).join(', ')
  return `${customObjectKeyOf(entity) ?? entity} has no custom field ${key}; ${list ? `custom fields: ${list}` : 'it has no custom fields'}`
}

/**
 * Whether an operator suits a custom field's type (relative-date operators need a date, ordering needs a
 * number, money, date or text) and a compared option exists. Null when it does.
 */
export function customOpProblem(d: FieldDefinition, op: ConditionOp, value: unknown): string | null {
  if (op.includes('_days') && !isDate(d)) return `${d.key} is not a date field`
  if (['gt', 'gte', 'lt', 'lte'].includes(op) && UNORDERED.has(d.type))
    return `${d.key} (${d.type}) cannot be compared as greater or less; use equals or in`
  if (WITH_OPTIONS.has(d.type) && VALUE_OPS.includes(op) && value !== undefined && value !== null) {
    const known = new Set(d.options.map((o) => o.value))
    const bad = (Array.isArray(value) ? value : [value]).filter((v) => !known.has(String(v)))
    if (bad.length) return `${bad.join(', ')} is not an option of ${d.key}; options: ${[...known].join(', ')}`
  }
  return null
}

/** Splits update_fields keys into built-in fields and custom values (`custom.erp` → `{erp}`). */
export function splitFields(fields: Record<string, unknown>) {
  const builtIn: Record<string, unknown> = {}
  const custom: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(fields)) {
    if (k.startsWith(CUSTOM)) custom[k.slice(CUSTOM.length)] = v
    else builtIn[k] = v
  }
  return { builtIn, custom }
}

/**
 * Checks custom values a rule sets: the field exists and is not computed, and (for values given)
 * the value is one the record would accept, as the collection checks it. Errors are at `<at>.<key>`
 * where the key is `custom.<key>` (the update_fields key).
 */
export function checkCustomWrites(opts: {
  entity: RuleTarget
  defs: FieldDefinition[]
  values: Record<string, unknown>
  /** Values to check as the record would (placeholders left out: they are known only at run time). */
  literal: Record<string, unknown>
  stored?: Record<string, unknown>
  at: string
}): FieldError[] {
  const errors: FieldError[] = []
  const byKey = new Map(opts.defs.map((d) => [d.key, d]))
  for (const key of Object.keys(opts.values)) {
    const d = byKey.get(key)
    const path = `${opts.at}.${CUSTOM}${key}`
    if (!d) errors.push({ path, message: unknownCustom(opts.entity, key, opts.defs) })
    else if (COMPUTED.has(d.type))
      errors.push({ path, message: `${key} is a ${d.type} field: computed, so a rule cannot set it` })
  }
  if (errors.length) return errors
  const { errors: bad } = mergeCustomValues({
    defs: opts.defs.filter((d) => !COMPUTED.has(d.type)),
    stored: opts.stored ?? {},
    incoming: opts.literal,
    creating: false,
    record: {},
    allowUnknown: false,
    object: objectOf(opts.entity),
  })
  return bad.map((e) => ({ path: `${opts.at}.${e.path}`, message: e.message }))
}
