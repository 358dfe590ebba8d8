import type { ScoringModel } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { otherDefaultError } from '../../core/crud/single-default'
import { baseRecord } from '../../core/crud/mapping'
import { AppError } from '../../core/errors'
import { defaultPotentialBands, duplicateKeys, weightSumError } from './potential-score'
import { scoringModels } from './qualification.table'

type Row = Record<string, any>

export const scoringModelRecord = (r: Row): ScoringModel => ({
  ...baseRecord(r),
  name: r.name,
  description: r.description ?? null,
  isDefault: r.isDefault,
  dimensions: r.dimensions ?? [],
  bands: r.bands,
  template: r.template ?? null,
})

const keys = ['name', 'description', 'isDefault', 'dimensions', 'bands']
const defaults: Row = { isDefault: false, bands: defaultPotentialBands }

/**
 * Potential scoring models (SPEC R-02). Weights are whole percents that must sum to exactly 100 — any
 * other sum is refused with 422 `weights_sum` naming the sum; one default model at most.
 */
export const scoringModelCollection = new Collection<ScoringModel, any, any>({
  name: 'scoring-models',
  entity: 'scoring_model',
  label: 'Scoring model',
  table: scoringModels,
  toRecord: scoringModelRecord,
  toColumns: (input: Row) =>
    Object.fromEntries(
      keys
        .filter((k) => k in input && input[k] !== undefined)
        .map((k) => [k, input[k] ?? defaults[k] ?? null]),
    ),
  validate: async (tx, ctx, c, before) => {
    const dims = (c.dimensions ?? []) as { key: string; weight: number }[]
    const errors = duplicateKeys(dims)
    if (errors.length) return errors
    const sum = weightSumError(dims)
    if (sum !== null)
      throw new AppError(
        'unprocessable',
        'weights_sum',
        `The weights sum to ${sum}%; they must sum to exactly 100%`,
        { errors: [{ path: 'dimensions', message: `the weights sum to ${sum}%, not 100%` }], sum },
      )
    if (c.isDefault && !c.deletedAt) {
      const taken = await otherDefaultError(tx, scoringModels, ctx.ws, before?.id)
      if (taken) errors.push(taken)
    }
    return errors
  },
  sortable: {
    name: { column: scoringModels.name, kind: 'string' },
    updatedAt: { column: scoringModels.updatedAt, kind: 'date' },
    createdAt: { column: scoringModels.createdAt, kind: 'date' },
  },
  filterable: {
    isDefault: { column: scoringModels.isDefault, kind: 'boolean' },
    template: { column: scoringModels.template, kind: 'string' },
  },
  search: [scoringModels.name, scoringModels.description],
  defaultSort: 'name',
})
