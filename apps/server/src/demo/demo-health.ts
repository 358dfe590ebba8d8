import { and, asc, eq, isNull } from 'drizzle-orm'
import type { Ctx } from '../core/context'
import type { Executor } from '../core/db/types'
import { newId } from '../core/ids'
import { accounts } from '../modules/accounts'
import {
  computeHealth,
  healthModels,
  healthOverrides,
  healthSnapshots,
  recomputeAccounts,
} from '../modules/health'
import { recordMetricsSilently } from '../modules/health'
import type { Lang } from './demo-data'

const DAY = 86_400_000
const MONTHS = 12

/** A deterministic pseudo-random number in [0, 1) from two integers. */
const noise = (a: number, b: number) => {
  const x = Math.sin(a * 12.9898 + b * 78.233) * 43758.5453
  return x - Math.floor(x)
}

/** Metric values for a target level (0 = at risk … 2 = healthy) with a drift over the months. */
function valuesFor(level: number, i: number, month: number) {
  const drift = (MONTHS - 1 - month) * (level === 0 ? 2.5 : level === 2 ? -0.8 : 0.5)
  const base = [22, 60, 88][level]! + drift + (noise(i, month) - 0.5) * 10
  return {
    feature_usage: Math.max(0, Math.min(100, Math.round(base))),
    meeting_minutes: Math.max(0, Math.round(((base + 10) / 100) * 120 + (noise(month, i) - 0.5) * 20)),
    issue_feedback: Math.max(0, Math.round((100 - base) / 10 + noise(i + 7, month) * 2 - 1)),
    nps: Math.max(-100, Math.min(100, Math.round(base * 2 - 100 + (noise(i, month + 3) - 0.5) * 30))),
  }
}

/**
 * The health part of the demo (SPEC ): 12 months of metric values and monthly snapshots
 * for every account, accounts in every band, some with NPS missing (incomplete), the newest with too
 * little data for a band (one meeting: insufficient_data) and two overrides.
 * Set-based: values and snapshots are computed in memory and inserted in batches; the current scores
 * are then computed by the engine itself, silently (no events for freshly loaded data).
 */
export async function seedHealthDemo(tx: Executor, ctx: Ctx, lang: Lang, now = new Date()) {
  const rows = await tx
    .select({ id: accounts.id, tier: accounts.tier })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ctx.ws), isNull(accounts.deletedAt)))
    .orderBy(asc(accounts.createdAt), asc(accounts.id))
  const [model] = await tx
    .select()
    .from(healthModels)
    .where(and(eq(healthModels.workspaceId, ctx.ws), eq(healthModels.isDefault, true)))
  if (!rows.length || !model) return 0
  const values: { accountId: string; metric: string; value: number; at: Date; source: string }[] = []
  const snapshots: (typeof healthSnapshots.$inferInsert)[] = []
  rows.forEach((a, i) => {
    // Strategic accounts lean healthy; every fifth account is at risk, every third on watch.
    const level = i % 5 === 2 ? 0 : i % 3 === 1 ? 1 : a.tier === 'essential' && i % 2 ? 1 : 2
    const noNps = i % 9 === 4
    // The newest account has had one meeting with no duration logged and nothing else: 30% of the
    // model's weight has data, under its 50% minimum — "not enough data", no band and no alert.
    if (i === rows.length - 1 && rows.length > 20) {
      values.push({
        accountId: a.id,
        metric: 'meeting_minutes',
        value: 0,
        at: new Date(now.getTime() - DAY),
        source: 'demo',
      })
      return
    }
    for (let m = 0; m < MONTHS; m++) {
      const at = new Date(now.getTime() - (MONTHS - 1 - m) * 30 * DAY - 2 * DAY)
      const v = valuesFor(level, i, m)
      const month: Record<string, { value: number; at: Date }> = {}
      for (const [metric, value] of Object.entries(v)) {
        if (metric === 'nps' && noNps) continue
        values.push({ accountId: a.id, metric, value, at, source: 'demo' })
        month[metric] = { value, at }
      }
      // Monthly history before the current score (which the engine computes below).
      if (m < MONTHS - 1) {
        const r = computeHealth(model, month)
        if (r.score === null) continue
        snapshots.push({
          id: newId(),
          workspaceId: ctx.ws,
          accountId: a.id,
          modelId: model.id,
          modelVersion: model.version,
          score: r.score.toFixed(2),
          band: r.band!,
          incomplete: r.incomplete,
          contributions: r.contributions,
          computedAt: new Date(at.getTime() + 3_600_000),
          reason: 'demo',
        })
      }
    }
  })
  await recordMetricsSilently(tx, ctx.ws, values)
  for (let i = 0; i < snapshots.length; i += 1000)
    await tx.insert(healthSnapshots).values(snapshots.slice(i, i + 1000))
  // Two overrides a manager set, with their reasons.
  const reasons: [string, string][] = [
    [
      '客户高层刚刚换人，新 CIO 对续约态度不明',
      'The customer has a new CIO whose view of the renewal is unknown',
    ],
    [
      '已签署三年续约意向书，近期数据受系统迁移影响',
      'A three-year renewal letter of intent is signed; recent data is skewed by a migration',
    ],
  ]
  const picks = [rows[2], rows[7]].filter((x): x is (typeof rows)[number] => !!x)
  await tx.insert(healthOverrides).values(
    picks.map((a, k) => ({
      id: newId(),
      workspaceId: ctx.ws,
      accountId: a.id,
      score: k === 0 ? '45.00' : '82.00',
      band: k === 0 ? 'at_risk' : 'healthy',
      reason: lang === 'en' ? reasons[k]![1] : reasons[k]![0],
      expiresAt: new Date(now.getTime() + (k === 0 ? 30 : 60) * DAY),
      createdBy: null,
      createdAt: new Date(now.getTime() - 5 * DAY),
    })),
  )
  await recomputeAccounts(
    tx,
    ctx,
    rows.map((r) => r.id),
    { reason: 'demo', now, silent: true },
  )
  return values.length
}
