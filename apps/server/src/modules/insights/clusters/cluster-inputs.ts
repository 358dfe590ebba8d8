import type { ObjectField } from '@openkam/contract'
import type { FeatureSpec, Labels, RawRow } from './cluster-features'
import type { AccountRow } from './cluster.repository'

/**
 * Fields of the accounts object the clustering leaves out: the tier is what "not yet strategic" looks
 * for (and follows from the spend already measured); the lifecycle stage and demand maturity say where
 * an account is in its journey with us, not what kind of account it is — with them, no prospect would
 * ever be near a cluster of customers.
 */
export const LEFT_OUT = new Set(['tier', 'lifecycleStage', 'demandMaturity'])
const NUMBER_TYPES = new Set(['number', 'money', 'percent'])

/** Behaviour measures besides the object model's fields (keys prefixed so they never clash with a field). */
export const BEHAVIOUR: { field: string; label: Labels; log: boolean; ratio: boolean }[] = [
  { field: 'behaviour.health', label: { en: 'health', 'zh-CN': '健康分' }, log: false, ratio: false },
  {
    field: 'behaviour.activities90',
    label: { en: 'activities (90 days)', 'zh-CN': '近 90 天活动数' },
    log: true,
    ratio: true,
  },
  {
    field: 'behaviour.tickets90',
    label: { en: 'tickets (90 days)', 'zh-CN': '近 90 天工单数' },
    log: true,
    ratio: true,
  },
  {
    field: 'behaviour.usage30',
    label: { en: 'usage events (30 days)', 'zh-CN': '近 30 天使用事件数' },
    log: true,
    ratio: true,
  },
]

/**
 * The clustering's inputs from the accounts object as the object model describes it (built-in and custom
 * fields, labels in both languages): every number, money and percent field, and every select field
 * (one-hot), except those in LEFT_OUT. `fieldsEn` and `fieldsZh` are the same fields in each language.
 */
export function specsOf(fieldsEn: ObjectField[], fieldsZh: ObjectField[], rows: AccountRow[]): FeatureSpec[] {
  const zh = new Map(fieldsZh.map((f) => [f.key, f]))
  const specs: FeatureSpec[] = []
  for (const f of fieldsEn) {
    if (LEFT_OUT.has(f.key) && !f.custom) continue
    const z = zh.get(f.key)
    const field = f.custom ? `custom.${f.key}` : f.key
    const label = { en: f.label, 'zh-CN': z?.label ?? f.label }
    if (NUMBER_TYPES.has(f.type)) {
      // Amounts and non-negative numbers (employees, branches, days) are skewed: compared on log(1 + x)
      // and read as "× the average"; percentages as "+ points".
      const nonNegative = rows.every((r) => {
        const v = numberOf(valueOf(r, field))
        return v === null || v >= 0
      })
      const amount = f.type === 'money' || (f.type === 'number' && nonNegative)
      specs.push({ kind: 'number', field, label, log: amount, ratio: amount })
    } else if (f.type === 'select' && f.options?.length) {
      const zhOptions = new Map((z?.options ?? []).map((o) => [o.value, o.label]))
      specs.push({
        kind: 'select',
        field,
        label,
        options: f.options.map((o) => ({
          value: o.value,
          label: { en: o.label, 'zh-CN': zhOptions.get(o.value) ?? o.label },
        })),
      })
    }
  }
  return specs
}

const valueOf = (r: AccountRow, field: string): unknown =>
  field.startsWith('custom.') ? r.custom?.[field.slice(7)] : r[field]

/** A number, a numeric string, or a custom money value (`{amount, currency}`, compared by its amount). */
const numberOf = (v: unknown): number | null => {
  const x = v !== null && typeof v === 'object' && 'amount' in v ? (v as { amount: unknown }).amount : v
  if (x === null || x === undefined || x === '') return null
  const n = Number(x)
  return Number.isFinite(n) ? n : null
}

/** Each account's values under the specs' field names, with its behaviour measures. */
export function rawRows(
  rows: AccountRow[],
  specs: FeatureSpec[],
  behaviour: { activities: Map<string, number>; tickets: Map<string, number>; usage: Map<string, number> },
): RawRow[] {
  const anyUsage = behaviour.usage.size > 0
  return rows.map((r) => {
    const values: RawRow['values'] = {}
    for (const s of specs) {
      const v = valueOf(r, s.field)
      values[s.field] = s.kind === 'select' ? (typeof v === 'string' ? v : null) : numberOf(v)
    }
    values['behaviour.health'] = r.healthScore === null ? null : Number(r.healthScore)
    values['behaviour.activities90'] = behaviour.activities.get(r.id) ?? 0
    values['behaviour.tickets90'] = behaviour.tickets.get(r.id) ?? 0
    // No usage events at all: the workspace sends none, which says nothing about any account.
    values['behaviour.usage30'] = anyUsage ? (behaviour.usage.get(r.id) ?? 0) : null
    return { id: r.id, values }
  })
}

/** The behaviour measures as feature specs. */
export const behaviourSpecs = (): FeatureSpec[] => BEHAVIOUR.map((b) => ({ kind: 'number', ...b }))
