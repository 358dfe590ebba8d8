export { healthModels, metricValues, usageEvents, healthSnapshots, healthOverrides } from './health.table'
export type { HealthModelMetric, MetricScoring, HealthBands, MetricContribution } from './health.table'
export { recordMetrics, type MetricInput } from './metric.repository'
