import { builtInMetricLabels, type AccountHealth, type MissingHealthInput } from '@openkam/contract'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import { accountCollection } from '../accounts'
import { DEFAULT_MIN_WEIGHT_SHARE, diffContributions, type Band } from './health-score'
import {
  activeOverrides,
  bandDistribution,
  latestSnapshots,
  movers,
  publishedModels,
  snapshotAt,
  snapshotsBetween,
  type ModelRow,
  type SnapshotRow,
} from './health.repository'
import { modelFor, scoreUnder } from './health.service'
import type { HealthModelMetric, MetricContribution } from './health.table'

const DAY = 86_400_000
const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString()

/**
 * An account's health: the effective score (an active override's, else the computed one), the
 * computed score with its contributions, and the override — both shown (SPEC ).
 */
export async function accountHealth(tx: Executor, ctx: Ctx, accountId: string): Promise<AccountHealth> {
  const account = (await accountCollection.get(tx, ctx, accountId)) as {
    tier?: string | null
    segment?: string | null
  }
  const [snap] = await latestSnapshots(tx, ctx.ws, [accountId])
  const [o] = await activeOverrides(tx, ctx.ws, [accountId], new Date())
  const models = await publishedModels(tx, ctx.ws)
  const current = modelFor(models, { tier: account.tier ?? null, segment: account.segment ?? null })
  const model = (snap && models.find((m) => m.id === snap.model_id)) ?? current
  let computed: AccountHealth['computed']
  if (snap) {
    computed = {
      score: snap.score === null ? null : Number(snap.score),
      band: (snap.band as Band | null) ?? null,
      status: snap.status === 'insufficient_data' ? 'insufficient_data' : 'scored',
      incomplete: snap.incomplete,
      coverage: coverageOf(snap.contributions),
      minWeightShare: model ? shareOf(model) : null,
      missing: missingInputs(snap.contributions, model),
      contributions: snap.contributions.map(wire),
      computedAt: iso(snap.computed_at),
      modelId: snap.model_id,
    }
  } else if (current) {
    // Never scored: what the model would find now (nothing written), so the missing inputs can be named.
    const r = (await scoreUnder(tx, ctx.ws, current, [accountId], new Date())).get(accountId)!
    computed = {
      score: r.score,
      band: r.band,
      status: r.status,
      incomplete: r.incomplete,
      coverage: r.coverage,
      minWeightShare: shareOf(current),
      missing: missingInputs(r.contributions, current),
      contributions: r.contributions.map(wire),
      computedAt: null,
      modelId: current.id,
    }
  } else
    computed = {
      score: null,
      band: null,
      status: 'unscored',
      incomplete: true,
      coverage: null,
      minWeightShare: null,
      missing: [],
      contributions: [],
      computedAt: null,
      modelId: null,
    }
  const override = o
    ? {
        id: o.id,
        score: Number(o.score),
        band: o.band as Band,
        reason: o.reason,
        expiresAt: o.expiresAt.toISOString(),
        by: o.createdBy,
        createdAt: o.createdAt.toISOString(),
      }
    : null
  return {
    accountId,
    ...computed,
    ...(override ? { score: override.score, band: override.band, status: 'scored' as const } : {}),
    computed,
    override,
  }
}

const shareOf = (m: Pick<ModelRow, 'minWeightShare'>) => m.minWeightShare ?? DEFAULT_MIN_WEIGHT_SHARE

/** The share of the weight whose metrics have a value, from a result's contributions. */
function coverageOf(contributions: MetricContribution[]) {
  const total = contributions.reduce((s, c) => s + c.weight, 0)
  const present = contributions.filter((c) => !c.missing).reduce((s, c) => s + c.weight, 0)
  return total > 0 ? Math.round((present / total) * 10_000) / 10_000 : 0
}

/**
 * The missing metrics with their names in both languages: a built-in metric's translated name, else the
 * model's own label (a custom-field metric's field label) for both.
 */
export function missingInputs(
  contributions: MetricContribution[],
  model: { metrics: HealthModelMetric[] } | null | undefined,
): MissingHealthInput[] {
  return contributions
    .filter((c) => c.missing)
    .map((c) => {
      const m = model?.metrics.find((x) => x.metric === c.metric)
      const builtIn = m?.field
        ? undefined
        : (builtInMetricLabels as Record<string, { en: string; zh: string }>)[c.metric]
      const own = m?.label ?? m?.field ?? c.metric
      return {
        metric: c.metric,
        label: builtIn ?? { en: own, zh: own },
        weight: c.weight,
      }
    })
}

const wire = (c: MetricContribution) => ({
  metric: c.metric,
  weight: c.weight,
  effectiveWeight: c.effectiveWeight ?? 0,
  value: c.value,
  score: c.score,
  contribution: c.contribution,
  at: c.at ?? null,
  missing: !!c.missing,
})

const snapshotWire = (s: SnapshotRow) => ({
  id: s.id,
  score: s.score === null ? null : Number(s.score),
  band: (s.band as Band | null) ?? null,
  status: s.status === 'insufficient_data' ? ('insufficient_data' as const) : ('scored' as const),
  incomplete: s.incomplete,
  contributions: s.contributions.map(wire),
  computedAt: s.computedAt.toISOString(),
  modelId: s.modelId,
  reason: s.reason,
})

/** Snapshots of an account, oldest first, between `from` and `to` (default: the last year). */
export async function healthHistory(
  tx: Executor,
  ctx: Ctx,
  accountId: string,
  q: { from?: string; to?: string },
) {
  await accountCollection.get(tx, ctx, accountId)
  const to = q.to ? new Date(q.to) : undefined
  const from = q.from ? new Date(q.from) : new Date((to?.getTime() ?? Date.now()) - 365 * DAY)
  if (to && from > to)
    throw new AppError('invalid', 'invalid_input', 'from must be before to', {
      errors: [{ path: 'from', message: 'must be before to' }],
    })
  return { data: (await snapshotsBetween(tx, ctx.ws, accountId, from, to)).map(snapshotWire) }
}

/**
 * What moved the score since a moment: the newest snapshot at or before `since` against the
 * newest now, per metric (value, score and contribution before and after), biggest move first.
 */
export async function healthChanges(tx: Executor, ctx: Ctx, accountId: string, since: string) {
  await accountCollection.get(tx, ctx, accountId)
  const at = since.length === 10 ? new Date(`${since}T00:00:00.000Z`) : new Date(since)
  const before = await snapshotAt(tx, ctx.ws, accountId, at)
  const after = await snapshotAt(tx, ctx.ws, accountId, new Date())
  const side = (s?: SnapshotRow) => ({
    score: s && s.score !== null ? Number(s.score) : null,
    band: s?.band ?? null,
    at: s ? s.computedAt.toISOString() : null,
  })
  const b = side(before)
  const a = side(after)
  return {
    since: at.toISOString(),
    before: b,
    after: a,
    delta: a.score !== null && b.score !== null ? Math.round((a.score - b.score) * 100) / 100 : null,
    metrics: diffContributions(before?.contributions ?? [], after?.contributions ?? []),
  }
}

/** The health board: accounts and annual spend per band, at-risk spend, and the 30-day movers. */
export async function healthBoard(tx: Executor, ctx: Ctx, opts: { days?: number; limit?: number } = {}) {
  const scope = accountCollection.scope(ctx, 'read')
  const visible = accountCollection.visibility(ctx, scope)
  const dist = await bandDistribution(tx, ctx.ws, visible)
  const order = ['healthy', 'watch', 'at_risk', 'insufficient_data', 'unscored'] as const
  const bands = order.map((band) => {
    const r = dist.find((d) => d.band === band)
    return { band, count: r ? Number(r.count) : 0, annualSpend: r ? Number(r.spend).toFixed(2) : '0.00' }
  })
  const since = new Date(Date.now() - (opts.days ?? 30) * DAY)
  const m = await movers(tx, ctx.ws, visible, since, opts.limit ?? 10)
  const mover = (r: { id: string; name: string; score: number; band: string; previous: number }) => ({
    accountId: r.id,
    name: r.name,
    score: Number(r.score),
    band: r.band,
    previousScore: Number(r.previous),
    delta: Math.round((Number(r.score) - Number(r.previous)) * 100) / 100,
  })
  return {
    bands,
    atRiskAnnualSpend: bands.find((b) => b.band === 'at_risk')!.annualSpend,
    total: bands.reduce((s, b) => s + b.count, 0),
    movers: { drops: m.drops.map(mover), rises: m.rises.map(mover) },
  }
}
