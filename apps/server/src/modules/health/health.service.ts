import { accountIdsPage, workspacesWithAccounts } from '../accounts'
import { recordAudit } from '../../core/audit/audit'
import { systemCtx, type Ctx } from '../../core/context'
import type { Db, Executor } from '../../core/db/types'
import type { EventSink } from '../../core/events/bus'
import { deriveMetrics, type DerivedValue } from './derived-metrics.repository'
import { fieldKeyOf } from './field-metric'
import { fieldMetricValues } from './field-metric.service'
import { bandOf, computeHealth, sameResult, type Band, type HealthResult } from './health-score'
import {
  activeOverrides,
  expiredOverrides,
  insertSnapshots,
  latestSnapshots,
  lockAccounts,
  newestValues,
  publishedModels,
  setAccountHealth,
  type AccountHealthRow,
  type ModelRow,
  type NewSnapshot,
} from './health.repository'
import { healthOverrides } from './health.table'
import { insertMetricValues } from './metric.repository'
import { and, eq } from 'drizzle-orm'

const DAY = 86_400_000
const PAGE = 2000
/** A score that has not changed still gets a snapshot this often, so the trend has points. */
export const HEARTBEAT_DAYS = 7

/**
 * The model that scores an account: the most specific published model whose `appliesTo` matches (tier
 * and segment both named and matching beat one of them), else the published default; null when none.
 */
export function modelFor(
  models: ModelRow[],
  a: { tier: string | null; segment: string | null },
): ModelRow | null {
  let best: ModelRow | null = null
  let bestRank = -1
  for (const m of models) {
    if (m.isDefault) {
      if (bestRank < 0) {
        best = m
        bestRank = 0
      }
      continue
    }
    const tiers = m.appliesTo?.tiers ?? []
    const segments = m.appliesTo?.segments ?? []
    if (!tiers.length && !segments.length) continue
    if (tiers.length && !(a.tier && tiers.includes(a.tier))) continue
    if (segments.length && !(a.segment && segments.includes(a.segment))) continue
    const rank = (tiers.length ? 1 : 0) + (segments.length ? 1 : 0)
    if (rank > bestRank) {
      best = m
      bestRank = rank
    }
  }
  return best
}

/**
 * Scores accounts under one model (no writes): recorded metrics from their newest value as of `asOf`,
 * custom-field metrics from the account's current value. Recomputes and previews.
 */
export async function scoreUnder(
  tx: Executor,
  ws: string,
  model: Pick<ModelRow, 'metrics' | 'bands' | 'lookbackDays'> & { minWeightShare?: number | null },
  accountIds: string[],
  asOf: Date,
): Promise<Map<string, HealthResult>> {
  const since = new Date(asOf.getTime() - model.lookbackDays * DAY)
  // Metrics that read a custom field take the account's current value; the others the newest recorded one.
  const values = await fieldMetricValues(tx, ws, model.metrics, accountIds)
  for (const r of await newestValues(
    tx,
    ws,
    accountIds,
    model.metrics.filter((m) => !fieldKeyOf(m.field)).map((m) => m.metric),
    since,
    asOf,
  )) {
    const v = values.get(r.account_id) ?? {}
    v[r.metric] = { value: Number(r.value), at: r.at instanceof Date ? r.at : new Date(r.at) }
    values.set(r.account_id, v)
  }
  return new Map(accountIds.map((id) => [id, computeHealth(model, values.get(id) ?? {})]))
}

export type RecomputeReason = 'input' | 'nightly' | 'manual' | 'model' | 'override' | 'demo'
export type RecomputeStats = { accounts: number; snapshots: number; bandChanges: number }

/**
 * Recomputes the health of some accounts in the caller's transaction, set-based: the accounts are locked,
 * each model's newest values are read in one pass, and the results are written in bulk. A snapshot is
 * written when the result differs from the newest one (score, band, completeness or any metric), or when
 * the newest is older than HEARTBEAT_DAYS on a nightly run. The stored account health is the effective
 * one (an active override wins); a band change emits `account.health_changed` and an audit entry. A
 * result with too little evidence (`insufficient_data`) stores no score and no band on the account, so
 * it raises no band change, no at-risk alert and no renewal risk.
 */
export async function recomputeAccounts(
  tx: Executor,
  ctx: Ctx,
  accountIds: string[],
  opts: { reason?: RecomputeReason; now?: Date; silent?: boolean } = {},
): Promise<RecomputeStats> {
  const now = opts.now ?? new Date()
  const reason = opts.reason ?? 'input'
  const rows = await lockAccounts(tx, ctx.ws, [...new Set(accountIds)])
  if (!rows.length) return { accounts: 0, snapshots: 0, bandChanges: 0 }
  const models = await publishedModels(tx, ctx.ws)
  const byModel = new Map<ModelRow, AccountHealthRow[]>()
  const unscored: AccountHealthRow[] = []
  for (const a of rows) {
    const m = modelFor(models, a)
    if (!m) unscored.push(a)
    else byModel.set(m, [...(byModel.get(m) ?? []), a])
  }
  const ids = rows.map((r) => r.id)
  const latest = new Map((await latestSnapshots(tx, ctx.ws, ids)).map((s) => [s.account_id, s]))
  const overrides = new Map((await activeOverrides(tx, ctx.ws, ids, now)).map((o) => [o.accountId, o]))
  const snapshots: NewSnapshot[] = []
  const results = new Map<string, HealthResult>()
  for (const [model, list] of byModel) {
    const scored = await scoreUnder(
      tx,
      ctx.ws,
      model,
      list.map((a) => a.id),
      now,
    )
    for (const a of list) {
      const r = scored.get(a.id)!
      results.set(a.id, r)
      const prev = latest.get(a.id)
      // An account with no data at all and no history gets no snapshot (nothing to show or trend).
      if (r.coverage === 0 && !prev) continue
      const prevResult = prev && {
        score: prev.score === null ? null : Number(prev.score),
        band: prev.band,
        status: prev.status,
        incomplete: prev.incomplete,
        contributions: prev.contributions,
      }
      const stale = prev && now.getTime() - new Date(prev.computed_at).getTime() >= HEARTBEAT_DAYS * DAY
      if (
        !prevResult ||
        !sameResult(prevResult, r) ||
        prev.model_id !== model.id ||
        (reason === 'nightly' && stale && r.status === 'scored')
      )
        snapshots.push({
          accountId: a.id,
          modelId: model.id,
          modelVersion: model.version,
          score: r.score,
          band: r.band,
          status: r.status,
          incomplete: r.incomplete,
          contributions: r.contributions,
          reason,
        })
    }
  }
  for (const a of unscored)
    results.set(a.id, {
      score: null,
      band: null,
      status: 'insufficient_data',
      incomplete: true,
      coverage: 0,
      contributions: [],
    })
  await insertSnapshots(tx, ctx.ws, snapshots, now)
  const updates: { id: string; score: number | null; band: string | null }[] = []
  const changes: { a: AccountHealthRow; to: Band | null; score: number | null; overridden: boolean }[] = []
  for (const a of rows) {
    const o = overrides.get(a.id)
    const r = results.get(a.id)!
    const score = o ? Number(o.score) : r.score
    const band = o ? (o.band as Band) : r.band
    const prevScore = a.healthScore === null ? null : Number(a.healthScore)
    if (score === prevScore && band === a.healthBand) continue
    updates.push({ id: a.id, score, band })
    if (band !== a.healthBand) changes.push({ a, to: band, score, overridden: !!o })
  }
  await setAccountHealth(tx, ctx.ws, updates)
  // Bulk loads (the demo seed) set health silently: nothing reacts to records that were just loaded.
  if (!opts.silent) await emitBandChanges(tx, ctx, changes)
  return { accounts: rows.length, snapshots: snapshots.length, bandChanges: changes.length }
}

async function emitBandChanges(
  tx: Executor,
  ctx: Ctx,
  changes: { a: AccountHealthRow; to: Band | null; score: number | null; overridden: boolean }[],
) {
  if (!changes.length) return
  const payload = (c: (typeof changes)[number]) => ({
    accountId: c.a.id,
    from: (c.a.healthBand as Band | null) ?? null,
    to: c.to,
    score: c.score,
    previousScore: c.a.healthScore === null ? null : Number(c.a.healthScore),
    overridden: c.overridden,
  })
  await recordAudit(
    tx,
    ctx,
    changes.map((c) => ({
      action: 'health_changed',
      entityType: 'account',
      entityId: c.a.id,
      before: { health: c.a.healthBand ? { score: Number(c.a.healthScore), band: c.a.healthBand } : null },
      after: { health: c.to ? { score: c.score, band: c.to } : null, overridden: c.overridden },
    })),
  )
  await ctx.events.emit(
    tx,
    ctx,
    changes.map((c) => ({
      type: 'account.health_changed',
      entityType: 'account',
      entityId: c.a.id,
      payload: payload(c),
    })),
  )
}

/**
 * Records the derived metrics of some accounts whose value changed (source `derived`): compared with
 * each metric's newest value of any source, so an unchanged input records nothing.
 */
export async function refreshDerivedMetrics(
  tx: Executor,
  ws: string,
  accountIds: string[],
  now = new Date(),
) {
  const derived = await deriveMetrics(tx, ws, accountIds, now)
  if (!derived.length) return 0
  const current = new Map<string, number>()
  for (const r of await newestValues(
    tx,
    ws,
    [...new Set(derived.map((d) => d.accountId))],
    [...new Set(derived.map((d) => d.metric))],
    new Date(0),
    now,
  ))
    current.set(`${r.account_id}:${r.metric}`, Number(r.value))
  const changed = derived.filter((d: DerivedValue) => current.get(`${d.accountId}:${d.metric}`) !== d.value)
  await insertMetricValues(
    tx,
    ws,
    changed.map((d) => ({
      accountId: d.accountId,
      metric: d.metric,
      value: d.value,
      at: now,
      source: 'derived',
    })),
  )
  return changed.length
}

/** Ends the overrides whose expiry has passed (audited, `account.health_override_ended`); returns their accounts. */
export async function endExpiredOverrides(tx: Executor, ctx: Ctx, now = new Date()) {
  const expired = await expiredOverrides(tx, ctx.ws, now)
  for (const o of expired) {
    await tx
      .update(healthOverrides)
      .set({ endedAt: now, endReason: 'expired' })
      .where(and(eq(healthOverrides.workspaceId, ctx.ws), eq(healthOverrides.id, o.id)))
  }
  await recordAudit(
    tx,
    ctx,
    expired.map((o) => ({
      action: 'health_override_expired',
      entityType: 'account',
      entityId: o.accountId,
      before: {
        override: { score: Number(o.score), reason: o.reason, expiresAt: o.expiresAt.toISOString() },
      },
      after: null,
    })),
  )
  await ctx.events.emit(
    tx,
    ctx,
    expired.map((o) => ({
      type: 'account.health_override_ended',
      entityType: 'account',
      entityId: o.accountId,
      payload: { accountId: o.accountId, overrideId: o.id, reason: 'expired', expired: true },
    })),
  )
  return expired.map((o) => o.accountId)
}

/**
 * Every account of a workspace (or of all), a page of PAGE accounts per transaction: expired overrides
 * end, derived metrics are refreshed and scores recomputed. What the nightly `health_recompute` runs.
 */
export async function recomputeAllHealth(
  db: Db,
  events: EventSink,
  ws?: string,
  opts: { reason?: RecomputeReason; now?: Date; derive?: boolean } = {},
) {
  const now = opts.now ?? new Date()
  const total: RecomputeStats & { derived: number; overridesEnded: number } = {
    accounts: 0,
    snapshots: 0,
    bandChanges: 0,
    derived: 0,
    overridesEnded: 0,
  }
  for (const w of ws ? [ws] : await workspacesWithAccounts(db)) {
    const ctx = systemCtx(w, events)
    total.overridesEnded += await db.transaction(
      async (tx) => (await endExpiredOverrides(tx, ctx, now)).length,
    )
    let after: string | null = null
    for (;;) {
      const ids: string[] = await accountIdsPage(db, w, after, PAGE)
      if (!ids.length) break
      await db.transaction(async (tx) => {
        if (opts.derive !== false) total.derived += await refreshDerivedMetrics(tx, w, ids, now)
        const s = await recomputeAccounts(tx, ctx, ids, { reason: opts.reason ?? 'nightly', now })
        total.accounts += s.accounts
        total.snapshots += s.snapshots
        total.bandChanges += s.bandChanges
      })
      after = ids.at(-1)!
    }
  }
  return total
}

export { bandOf }
