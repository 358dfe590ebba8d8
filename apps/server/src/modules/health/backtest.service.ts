import type { HealthBacktest } from '@openkam/contract'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError, notFound } from '../../core/errors'
import { accountCollection } from '../accounts'
import {
  checkMinWeightShare,
  checkModel,
  computeHealth,
  type MetricValue,
  type ScoringModel,
} from './health-score'
import { fieldKeyOf } from './field-metric'
import { fieldMetricErrors } from './field-metric.service'
import { findModel, newestValuesAsOf, pastOutcomes } from './health.repository'
import { scoreUnder } from './health.service'

const DAY = 86_400_000

/**
 * Runs a model over the workspace's past (SPEC R-28): for each account whose latest contract ended
 * (renewed or churned, docs/health.md), the score the model would have given `daysBefore` (90) days
 * before the end date, from the metric values recorded by then; and how many of each group it flagged
 * at risk. A good model flags most churned and few renewed accounts.
 */
export async function backtest(
  tx: Executor,
  ctx: Ctx,
  input: { modelId?: string; model?: Partial<ScoringModel>; daysBefore?: number },
): Promise<HealthBacktest> {
  let model: ScoringModel | undefined
  if (input.modelId) {
    const row = await findModel(tx, ctx.ws, input.modelId)
    if (!row) throw notFound('Health model')
    model = {
      metrics: row.metrics,
      bands: row.bands,
      lookbackDays: row.lookbackDays,
      minWeightShare: row.minWeightShare,
    }
  }
  if (input.model)
    model = {
      ...(model ?? { metrics: [], bands: { healthy: 80, watch: 60 }, lookbackDays: 90 }),
      ...stripUndefined(input.model),
    }
  if (!model)
    throw new AppError('invalid', 'invalid_input', 'Send a model to backtest', {
      errors: [{ path: 'model', message: 'is required' }],
    })
  const errors = [
    ...checkModel(model),
    ...checkMinWeightShare(model.minWeightShare),
    ...(await fieldMetricErrors(tx, ctx.ws, model.metrics)),
  ]
  if (errors.length) throw new AppError('invalid', 'invalid_input', 'The model is not valid', { errors })
  const daysBefore = input.daysBefore ?? 90
  const scope = accountCollection.scope(ctx, 'read')
  const today = new Date().toISOString().slice(0, 10)
  const outcomes = (await pastOutcomes(tx, ctx.ws, accountCollection.visibility(ctx, scope), today)).filter(
    (o) => o.renewed || !o.running,
  )
  const points = outcomes.map((o) => ({
    accountId: o.account_id,
    asOf: new Date(Date.parse(`${o.end_date}T00:00:00.000Z`) - daysBefore * DAY),
  }))
  const values = new Map<string, Record<string, MetricValue>>()
  for (const r of await newestValuesAsOf(
    tx,
    ctx.ws,
    points,
    // A custom field keeps no history: its metric is missing in the past.
    model.metrics.filter((m) => !fieldKeyOf(m.field)).map((m) => m.metric),
    model.lookbackDays,
  )) {
    const v = values.get(r.account_id) ?? {}
    v[r.metric] = { value: Number(r.value), at: r.at instanceof Date ? r.at : new Date(r.at) }
    values.set(r.account_id, v)
  }
  const accounts = outcomes.map((o, i) => {
    const r = computeHealth(model, values.get(o.account_id) ?? {})
    return {
      accountId: o.account_id,
      name: o.name,
      outcome: (o.renewed ? 'renewed' : 'churned') as 'renewed' | 'churned',
      endDate: o.end_date,
      asOf: points[i]!.asOf.toISOString(),
      score: r.score,
      band: r.band,
      status: r.status,
      incomplete: r.incomplete,
    }
  })
  const group = (outcome: 'renewed' | 'churned') => {
    const list = accounts.filter((a) => a.outcome === outcome)
    const flagged = list.filter((a) => a.band === 'at_risk').length
    return {
      total: list.length,
      flaggedAtRisk: flagged,
      share: list.length ? Math.round((flagged / list.length) * 10000) / 10000 : null,
    }
  }
  return { daysBefore, churned: group('churned'), renewed: group('renewed'), accounts }
}

const stripUndefined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>

/** The score a (possibly unsaved) model gives an account now, nothing written: the designer's live preview. */
export async function previewModel(
  tx: Executor,
  ctx: Ctx,
  input: { accountId: string; model: Partial<ScoringModel> },
) {
  await accountCollection.get(tx, ctx, input.accountId)
  const model: ScoringModel = {
    metrics: [],
    bands: { healthy: 80, watch: 60 },
    lookbackDays: 90,
    ...stripUndefined(input.model),
  }
  const errors = [
    ...checkModel(model),
    ...checkMinWeightShare(model.minWeightShare),
    ...(await fieldMetricErrors(tx, ctx.ws, model.metrics)),
  ]
  if (errors.length) throw new AppError('invalid', 'invalid_input', 'The model is not valid', { errors })
  const scored = await scoreUnder(tx, ctx.ws, model, [input.accountId], new Date())
  return { accountId: input.accountId, ...scored.get(input.accountId)! }
}
