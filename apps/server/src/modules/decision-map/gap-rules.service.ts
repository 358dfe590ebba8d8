import type { DecisionMapGapRulesState } from '@openkam/contract'
import { scopeFor } from '../../core/access/permissions'
import { diff, recordAudit } from '../../core/audit/audit'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import { readGapRules, writeGapRules } from './decision-map.repository'
import { defaultGapRules, mergeGapRules, type GapRules } from './gaps'

const stateOf = (rules: GapRules, updatedAt: Date | null): DecisionMapGapRulesState => ({
  ...rules,
  defaults: { ...defaultGapRules },
  updatedAt: updatedAt?.toISOString() ?? null,
})

/** The gap rules the workspace's maps and gap report use, the defaults and when they last changed. */
export async function getGapRules(tx: Executor, ctx: Ctx) {
  const { stored, updatedAt } = await readGapRules(tx, ctx.ws)
  return stateOf(mergeGapRules(stored), updatedAt)
}

/**
 * Replaces the gap-rule thresholds (administrators: whoever may update workspace settings); the route's
 * schema has checked every value's range. Audited, with a `gap_rules.updated` event.
 */
export async function putGapRules(tx: Executor, ctx: Ctx, rules: GapRules) {
  if (scopeFor(ctx.principal, 'workspace', 'update') !== 'all')
    throw new AppError('forbidden', 'forbidden', 'Only administrators may change the gap rules')
  const current = await readGapRules(tx, ctx.ws, true)
  const before = mergeGapRules(current.stored)
  const next = mergeGapRules(rules)
  const at = new Date()
  await writeGapRules(tx, ctx.ws, next, at)
  const d = diff(before, next)
  await recordAudit(tx, ctx, [
    { action: 'update', entityType: 'gap_rules', entityId: ctx.ws, before: d.before, after: d.after },
  ])
  await ctx.events.emit(tx, ctx, [
    { type: 'gap_rules.updated', entityType: 'gap_rules', entityId: ctx.ws, payload: { changed: d.changed } },
  ])
  return stateOf(next, at)
}
