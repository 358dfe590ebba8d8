import dayjs from 'dayjs'
import type { TFunction } from 'i18next'
import { metaOfEntity } from '../automation/rule-fields'
import { collections, fieldOf, type CollectionMeta } from '../records/meta'

export type Change = { key: string; from?: unknown; to?: unknown; kind: 'changed' | 'added' | 'removed' }

const ignored = new Set(['id', 'version', 'createdAt', 'updatedAt', 'createdBy', 'workspaceId'])
const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v)
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A record with its custom values beside the built-in ones (`custom.<key>`), so each counts as a field. */
const flat = (v: unknown): Record<string, unknown> => {
  if (!isObject(v)) return {}
  const { custom, ...rest } = v
  const out: Record<string, unknown> = { ...rest }
  if (isObject(custom)) for (const [k, x] of Object.entries(custom)) out[`custom.${k}`] = x
  return out
}

/**
 * The fields an entry changed (for a create, the values set; for a delete, the values removed); custom
 * values count one by one, and an empty value set on create is no change.
 */
export function changesOf(before: unknown, after: unknown): Change[] {
  const b = flat(before)
  const a = flat(after)
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !ignored.has(k))
  const out: Change[] = []
  const empty = (v: unknown) =>
    v === null ||
    v === undefined ||
    (Array.isArray(v) && !v.length) ||
    (isObject(v) && !Object.keys(v).length)
  for (const key of keys) {
    const inB = key in b
    const inA = key in a
    if (inB && inA && JSON.stringify(b[key]) === JSON.stringify(a[key])) continue
    if (!inB && empty(a[key])) continue
    out.push({ key, from: b[key], to: a[key], kind: inB && inA ? 'changed' : inA ? 'added' : 'removed' })
  }
  return out
}

/** Record types whose collection differs from `<type>s`. */
const collectionOf: Record<string, string> = {
  opportunity: 'opportunities',
  activity: 'activities',
  marketing_touch: 'marketing-touches',
}

/** The description of an entry's record type: a built-in object, or a record type only rules know. */
export const metaOfType = (entityType: string): CollectionMeta | undefined =>
  collections[collectionOf[entityType] ?? `${entityType}s`] ?? metaOfEntity(entityType)

/** The label of a changed key: the field's, else the audit trail's own words for it, else the key in words. */
export function keyLabel(key: string, t: TFunction, customLabels: Record<string, string> = {}) {
  if (key.startsWith('custom.')) return customLabels[key.slice(7)] ?? t('settings.auditKeys.customField')
  return t(`fields.${key}`, {
    defaultValue: t(`settings.auditKeys.${key}`, { defaultValue: t('settings.auditKeys.other') }),
  })
}

/** A value still in its stored form (a status or key the trail cannot name): shown as code. */
export const isCode = (s: string) => /^-?[a-zA-Z][\w-]*$/.test(s) && /[a-z]/.test(s)

/**
 * A value in one short line: options by their labels, moments formatted, yes/no, people by name, other
 * records and lists as a count, objects as how many values they hold — never an id or JSON.
 */
export function short(
  v: unknown,
  t: TFunction,
  opts: { meta?: CollectionMeta; key?: string; names?: Record<string, string> } = {},
): string {
  if (v === null || v === undefined || v === '') return t('common.none')
  const field = opts.meta && opts.key ? fieldOf(opts.meta, opts.key) : undefined
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no')
  if (typeof v === 'string') {
    if (field?.type === 'enum') return t(`enums.${field.enum}.${v}`, { defaultValue: v })
    if (ID.test(v)) return opts.names?.[v] ?? t('settings.auditKeys.aRecord')
    // A field key (a sort such as -createdAt, a column) by its label; a collection by its name.
    const named = opts.meta && fieldOf(opts.meta, v.replace(/^-/, ''))
    if (named)
      return `${t(`fields.${named.key}`, { defaultValue: named.label ?? named.key })}${v.startsWith('-') ? ' ↓' : ''}`
    if (collections[v]) return t(`nav.${v}`, { defaultValue: v })
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) return dayjs(v).format('YYYY-MM-DD HH:mm')
    return v.length > 48 ? `${v.slice(0, 47)}…` : v
  }
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string' && !ID.test(x)) && v.length <= 3)
      return v.map((x) => short(x, t, opts)).join(', ')
    return t('settings.auditKeys.items', { count: v.length })
  }
  if (isObject(v)) {
    if ('amount' in v) return `${String(v.amount)}${v.currency ? ` ${String(v.currency)}` : ''}`
    return t('settings.auditKeys.values', { count: Object.keys(v).length })
  }
  return String(v)
}
