import type { Executor } from '../../core/db/types'
import { loadDefinitions } from '../fields'
import { accountFieldValues } from './account-fields.repository'
import { checkFieldMetrics, fieldMetrics, fieldNumber, isNumberLikeField } from './field-metric'
import type { MetricValue } from './health-score'
import type { HealthModelMetric } from './health.table'

const accountDefinitions = async (tx: Executor, ws: string) =>
  (await loadDefinitions(tx, ws)).get('accounts') ?? []

/** The errors of metrics whose `field` is not a live number-like custom field of accounts. */
export async function fieldMetricErrors(tx: Executor, ws: string, metrics: HealthModelMetric[] | undefined) {
  if (!metrics?.some((m) => m.field !== undefined && m.field !== null)) return []
  return checkFieldMetrics(metrics, await accountDefinitions(tx, ws))
}

/**
 * The current values of the metrics that read a custom field, per account (at: when the account last
 * changed). No value, a value that is not a number, or a field since deleted or made non-numeric leaves the
 * metric out, so it counts as missing. Look-back does not apply: the field holds the current value.
 */
export async function fieldMetricValues(
  tx: Executor,
  ws: string,
  metrics: HealthModelMetric[],
  accountIds: string[],
): Promise<Map<string, Record<string, MetricValue>>> {
  const out = new Map<string, Record<string, MetricValue>>()
  const wanted = fieldMetrics(metrics)
  if (!wanted.length || !accountIds.length) return out
  const defs = new Map((await accountDefinitions(tx, ws)).map((d) => [d.key, d]))
  const live = wanted.filter((w) => {
    const d = defs.get(w.key)
    return d && isNumberLikeField(d)
  })
  const rows = await accountFieldValues(
    tx,
    ws,
    accountIds,
    live.map((w) => w.key),
  )
  for (const r of rows) {
    const v: Record<string, MetricValue> = {}
    for (const w of live) {
      const n = fieldNumber(r.values?.[w.key])
      if (n !== null) v[w.metric] = { value: n, at: r.updatedAt }
    }
    out.set(r.id, v)
  }
  return out
}

/** The custom field keys the published models read (to tell whether an account's change moves a score). */
export const fieldKeysOf = (models: { metrics: HealthModelMetric[] }[]) =>
  new Set(models.flatMap((m) => fieldMetrics(m.metrics ?? []).map((f) => f.key)))
