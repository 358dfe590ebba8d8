import type { HealthModel } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { otherDefaultError } from '../../core/crud/single-default'
import { baseRecord, iso } from '../../core/crud/mapping'
import { fieldMetricErrors } from './field-metric.service'
import { checkMinWeightShare, checkModel } from './health-score'
import { healthModels } from './health.table'

type Row = Record<string, any>

export const healthModelRecord = (r: Row): HealthModel => ({
  ...baseRecord(r),
  name: r.name,
  description: r.description ?? null,
  status: r.status,
  isDefault: r.isDefault,
  appliesTo: r.appliesTo ?? {},
  metrics: r.metrics ?? [],
  bands: r.bands,
  lookbackDays: r.lookbackDays,
  minWeightShare: r.minWeightShare ?? 0.5,
  publishedAt: iso(r.publishedAt),
  template: r.template ?? null,
})

const keys = [
  'name',
  'description',
  'status',
  'isDefault',
  'appliesTo',
  'metrics',
  'bands',
  'lookbackDays',
  'minWeightShare',
]

/**
 * Health models (SPEC R-12) as a configuration collection: administrators edit them, everyone reads them.
 * Weights must sum to exactly 100; the minimum evidence share is 0–1; one default model at most (and it applies to no tier or segment); a
 * metric's `field` must be a number-like custom field of accounts.
 */
export const healthModelCollection = new Collection<HealthModel, any, any>({
  name: 'health-models',
  entity: 'health_model',
  label: 'Health model',
  table: healthModels,
  toRecord: healthModelRecord,
  toColumns: (input: Row) =>
    Object.fromEntries(
      keys
        .filter((k) => k in input && input[k] !== undefined)
        .map((k) => [k, input[k] ?? defaults[k] ?? null]),
    ),
  derive: (patch, before) => {
    const out: Row = {}
    if (patch.status === 'published' && before?.status !== 'published') out.publishedAt = new Date()
    if (!before && (patch.status ?? 'published') === 'published') out.publishedAt = new Date()
    return out
  },
  validate: async (tx, ctx, c, before) => {
    const errors = [...checkModel({ metrics: c.metrics }), ...checkMinWeightShare(c.minWeightShare)]
    // Fields are checked when the metrics change, so a field deleted later does not block renaming a model.
    if (!before || JSON.stringify(c.metrics) !== JSON.stringify(before.metrics))
      errors.push(...(await fieldMetricErrors(tx, ctx.ws, c.metrics)))
    const bands = c.bands ?? { healthy: 80, watch: 60 }
    if (!(bands.healthy > bands.watch))
      errors.push({ path: 'bands.healthy', message: 'healthy must be above watch' })
    const applies = c.appliesTo ?? {}
    if (c.isDefault && ((applies.tiers?.length ?? 0) > 0 || (applies.segments?.length ?? 0) > 0))
      errors.push({
        path: 'appliesTo',
        message: 'the default model applies to every account; leave appliesTo empty',
      })
    if (c.isDefault && !c.deletedAt) {
      const taken = await otherDefaultError(tx, healthModels, ctx.ws, before?.id)
      if (taken) errors.push(taken)
    }
    return errors
  },
  sortable: {
    name: { column: healthModels.name, kind: 'string' },
    updatedAt: { column: healthModels.updatedAt, kind: 'date' },
    createdAt: { column: healthModels.createdAt, kind: 'date' },
  },
  filterable: {
    status: { column: healthModels.status, kind: 'string' },
    isDefault: { column: healthModels.isDefault, kind: 'boolean' },
    template: { column: healthModels.template, kind: 'string' },
  },
  search: [healthModels.name, healthModels.description],
  defaultSort: 'name',
})

const defaults: Row = {
  status: 'published',
  isDefault: false,
  appliesTo: {},
  bands: { healthy: 80, watch: 60 },
  lookbackDays: 90,
  minWeightShare: 0.5,
}
