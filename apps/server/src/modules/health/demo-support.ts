import type { Executor } from '../../core/db/types'
import { insertMetricValues, type MetricInput } from './metric.repository'

/** Inserts metric values without queueing recomputes (bulk loads that compute scores themselves). */
export const recordMetricsSilently = (tx: Executor, ws: string, rows: MetricInput[]) =>
  insertMetricValues(tx, ws, rows)
