import { healthFieldTypes, type FieldDefinition } from '@openkam/contract'
import type { FieldError } from '../../core/errors'
import type { HealthModelMetric } from './health.table'

/** The custom field key behind a metric's `field` (`custom.creditUsage` → `creditUsage`), else null. */
export const fieldKeyOf = (field: string | undefined | null): string | null =>
  field?.startsWith('custom.') ? field.slice('custom.'.length) : null

/** Whether a custom field holds a number a metric can score: number, money, percent, roll-up, number formula. */
export const isNumberLikeField = (d: Pick<FieldDefinition, 'type' | 'resultType'>): boolean =>
  (healthFieldTypes as readonly string[]).includes(d.type) &&
  (d.type !== 'formula' || (d.resultType ?? 'number') === 'number')

/**
 * A stored custom value as a metric value: numbers as they are, money as its amount, numeric text as a
 * number; anything else (no value, text, a list) is no value, so the metric counts as missing.
 * @example fieldNumber({ amount: '1200.00', currency: 'CNY' }) // 1200
 */
export function fieldNumber(v: unknown): number | null {
  const n =
    typeof v === 'number'
      ? v
      : typeof v === 'string' && v.trim() !== ''
        ? Number(v)
        : v && typeof v === 'object' && 'amount' in v
          ? Number((v as { amount: unknown }).amount)
          : NaN
  return Number.isFinite(n) ? n : null
}

/** The metrics of a model that read a custom field, with the field's key. */
export const fieldMetrics = (metrics: HealthModelMetric[]) =>
  metrics.flatMap((m) => {
    const key = fieldKeyOf(m.field)
    return key ? [{ metric: m.metric, key }] : []
  })

/** Refuses a metric whose `field` is not a live number-like custom field of accounts (`defs`). */
export function checkFieldMetrics(
  metrics: HealthModelMetric[] | null | undefined,
  defs: Pick<FieldDefinition, 'key' | 'type' | 'resultType'>[],
): FieldError[] {
  const byKey = new Map(defs.map((d) => [d.key, d]))
  const errors: FieldError[] = []
  ;(metrics ?? []).forEach((m, i) => {
    if (m.field === undefined || m.field === null) return
    const key = fieldKeyOf(m.field)
    const d = key ? byKey.get(key) : undefined
    // Worded as the field module words them, so the error handler's catalogue translates them too.
    if (!d)
      errors.push({
        path: `metrics.${i}.field`,
        message: `accounts have no custom field "${key ?? m.field}"`,
      })
    else if (!isNumberLikeField(d))
      errors.push({ path: `metrics.${i}.field`, message: `"${m.field}" is not a number field of accounts` })
  })
  return errors
}
