import type { z } from 'zod'
import type { TierRules, TierRulesUpdate } from '@openkam/contract'
import { scopeFor } from '../../core/access/permissions'
import { diff, recordAudit } from '../../core/audit/audit'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import { workspaceLocale } from '../notifications'
import { DEFAULT_GROWTH_MIN, DEFAULT_STRATEGIC_MIN, defaultPackages, thresholdErrors } from './tier-rules'
import { findRulesRow, saveRulesRow } from './tier.repository'

const money = (v: string | number) => Number(v).toFixed(2)

/** The workspace's tier rules; the SPEC defaults (in the workspace's language) until someone saves them. */
export async function loadTierRules(tx: Executor, ws: string, forUpdate = false): Promise<TierRules> {
  const row = await findRulesRow(tx, ws, forUpdate)
  if (row)
    return {
      strategicMin: money(row.strategicMin),
      growthMin: money(row.growthMin),
      currency: row.currency,
      leaderIsStrategic: row.leaderIsStrategic,
      packages: row.packages,
      version: row.version,
      updatedAt: row.updatedAt.toISOString(),
    }
  const lang = (await workspaceLocale(tx, ws)) === 'en' ? 'en' : 'zh-CN'
  return {
    strategicMin: DEFAULT_STRATEGIC_MIN,
    growthMin: DEFAULT_GROWTH_MIN,
    currency: 'CNY',
    leaderIsStrategic: true,
    packages: defaultPackages(lang),
    version: 1,
    updatedAt: null,
  }
}

export const thresholdsOf = (r: TierRules) => ({
  strategicMin: Number(r.strategicMin),
  growthMin: Number(r.growthMin),
  leaderIsStrategic: r.leaderIsStrategic,
})

/**
 * Changes the thresholds or packages (administrators; a stale version answers 409, unordered
 * thresholds 400). The caller re-evaluates the workspace in the same transaction.
 */
export async function saveTierRules(
  tx: Executor,
  ctx: Ctx,
  input: z.infer<typeof TierRulesUpdate>,
): Promise<{ before: TierRules; after: TierRules }> {
  if (scopeFor(ctx.principal, 'workspace', 'update') !== 'all')
    throw new AppError('forbidden', 'forbidden', 'Only administrators may change the tier rules')
  const current = await loadTierRules(tx, ctx.ws, true)
  if (current.version !== input.version)
    throw new AppError(
      'conflict',
      'version_conflict',
      'The tier rules changed since you read them; reload them and apply your change again',
      { current },
    )
  const strategicMin = input.strategicMin ?? current.strategicMin
  const growthMin = input.growthMin ?? current.growthMin
  const errors = thresholdErrors(Number(strategicMin), Number(growthMin))
  if (errors.length)
    throw new AppError('invalid', 'invalid_input', 'The tier thresholds are not valid', { errors })
  const row = await saveRulesRow(
    tx,
    ctx.ws,
    {
      strategicMin: money(strategicMin),
      growthMin: money(growthMin),
      currency: input.currency ?? current.currency,
      leaderIsStrategic: input.leaderIsStrategic ?? current.leaderIsStrategic,
      packages: input.packages ?? current.packages,
      version: current.version + 1,
    },
    ctx.principal.userId,
  )
  const after: TierRules = {
    strategicMin: money(row.strategicMin),
    growthMin: money(row.growthMin),
    currency: row.currency,
    leaderIsStrategic: row.leaderIsStrategic,
    packages: row.packages,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  }
  const d = diff(current, after)
  await recordAudit(tx, ctx, [
    { action: 'update', entityType: 'tier_rules', entityId: ctx.ws, before: d.before, after: d.after },
  ])
  await ctx.events.emit(tx, ctx, [
    {
      type: 'tier_rules.updated',
      entityType: 'tier_rules',
      entityId: ctx.ws,
      payload: { changed: d.changed },
    },
  ])
  return { before: current, after }
}
