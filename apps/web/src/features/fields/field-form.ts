import type { CustomFieldType, FieldDefinition, FieldDefinitionCreate, FieldOption } from '@openkam/contract'

/** The objects that take custom fields, in the order Settings offers them. */
export const customizableObjects = [
  'accounts',
  'contacts',
  'leads',
  'opportunities',
  'activities',
  'tickets',
  'tasks',
  'quotes',
  'orders',
  'contracts',
  'invoices',
  'payments',
  'marketing-touches',
] as const

/** The form's values: the definition's own shape, with both labels side by side. */
export type FieldFormValues = {
  type: CustomFieldType
  key: string
  labels: { en?: string; 'zh-CN'?: string }
  options?: FieldOption[]
  required?: boolean
  unique?: boolean
  filterable?: boolean
  defaultValue?: unknown
  helpText?: string
  min?: number | null
  max?: number | null
  pattern?: string
  formula?: string
  resultType?: FieldDefinition['resultType']
  relation?: { object?: string; many?: boolean }
  rollup?: { object?: string; via?: string; fn?: 'count' | 'sum' | 'min' | 'max'; field?: string }
}

export const hasOptions = (t: CustomFieldType) => t === 'select' || t === 'multi_select'
export const hasRange = (t: CustomFieldType) => t === 'number' || t === 'money' || t === 'percent'
export const hasPattern = (t: CustomFieldType) => t === 'text' || t === 'long_text'
const noDefault: CustomFieldType[] = ['formula', 'rollup', 'relation', 'user', 'file']
export const hasDefault = (t: CustomFieldType) => !noDefault.includes(t)

/**
 * A key from an English label, as the API accepts it: "Annual spend (CNY)" → "annualSpendCny".
 * Empty when the label has no Latin letters to start from.
 */
export function suggestKey(label: string): string {
  const words = label
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
  const key = words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase()))
    .join('')
    .replace(/^[^a-z]+/, '')
  return key.slice(0, 63)
}

/** A value for an option from its label ("In house" → "in_house"). */
export const suggestOptionValue = (label: string) =>
  label
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 100)

export function formValuesOf(d: FieldDefinition): FieldFormValues {
  return {
    type: d.type,
    key: d.key,
    labels: { en: d.labels.en ?? d.label, 'zh-CN': d.labels['zh-CN'] },
    options: d.options,
    required: d.required,
    unique: d.unique,
    filterable: d.filterable,
    defaultValue: d.defaultValue ?? undefined,
    helpText: d.helpText ?? undefined,
    min: d.min,
    max: d.max,
    pattern: d.pattern ?? undefined,
    formula: d.formula ?? undefined,
    resultType: d.resultType,
    relation: d.relation ?? undefined,
    rollup: d.rollup ?? undefined,
  }
}

const text = (s: string | undefined | null) => (s?.trim() ? s.trim() : undefined)

/** The body of a create (or, without object and key, of an update) from the form's values. */
export function bodyOf(v: FieldFormValues, object: string): FieldDefinitionCreate {
  const en = text(v.labels?.en)
  const zh = text(v.labels?.['zh-CN'])
  const t = v.type
  const body: FieldDefinitionCreate = {
    object,
    key: v.key?.trim(),
    type: t,
    label: en ?? zh ?? '',
    labels: { ...(en ? { en } : {}), ...(zh ? { 'zh-CN': zh } : {}) },
    required: !!v.required,
    unique: !!v.unique,
    filterable: !!v.filterable,
    helpText: text(v.helpText) ?? '',
  }
  if (hasOptions(t))
    body.options = (v.options ?? []).map((o) => ({
      value: o.value?.trim(),
      label: o.label?.trim(),
      ...(o.color ? { color: o.color } : {}),
      ...(o.retired ? { retired: true } : {}),
    }))
  if (hasRange(t)) {
    if (typeof v.min === 'number') body.min = v.min
    if (typeof v.max === 'number') body.max = v.max
  }
  if (hasPattern(t) && text(v.pattern)) body.pattern = text(v.pattern)
  if (t === 'formula') {
    body.formula = text(v.formula) ?? ''
    body.resultType = v.resultType ?? 'number'
  }
  if (t === 'relation') body.relation = { object: v.relation?.object ?? '', many: !!v.relation?.many }
  if (t === 'rollup') {
    const r = v.rollup ?? {}
    body.rollup = {
      object: r.object ?? '',
      via: text(r.via) ?? '',
      fn: r.fn ?? 'count',
      ...(r.fn && r.fn !== 'count' && text(r.field) ? { field: text(r.field) } : {}),
    }
  }
  const d = v.defaultValue
  if (hasDefault(t) && d !== undefined && d !== null && d !== '' && !(Array.isArray(d) && !d.length))
    body.defaultValue = d
  return body
}

/** An API error path (`options.0.value`) as a form name (`['options', 0, 'value']`); `label` lands on a label. */
export function formNameOf(path: string, labels: FieldFormValues['labels']): (string | number)[] {
  if (path === 'label') return ['labels', labels?.en?.trim() || !labels?.['zh-CN'] ? 'en' : 'zh-CN']
  return path.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x))
}
