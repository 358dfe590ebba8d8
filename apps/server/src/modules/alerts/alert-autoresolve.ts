import { and, eq, inArray, isNull, ne } from 'drizzle-orm'
import { relationshipAlertTypes, type AlertRuleType } from '@openkam/contract'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import type { Hit } from './alert-detect.repository'
import { alertCollection } from './alert.collection'
import { alerts } from './alert.table'
import { roleHeldAgain } from './relationship-detect.repository'

/** The outcome an alert gets when the evaluation finds its cause gone. */
export const CAUSE_CLEARED = 'cause_cleared'

const notes = {
  en: 'Resolved automatically: the cause went away',
  'zh-CN': '已自动解决：预警原因已消除',
}

/** Whether alerts of the type resolve themselves when their cause goes away (the relationship alerts). */
export const resolvesItself = (type: string) => (relationshipAlertTypes as readonly string[]).includes(type)

/**
 * Resolves the unresolved alerts of a relationship rule whose cause is gone (of `accountIds`, when the
 * evaluation concerns some accounts): a champion or economic buyer role held again by an active contact,
 * a silent key contact spoken to, a committee role covered — i.e. the account is no longer a hit. A
 * `*_left` alert does not clear merely because its look-back window passed: only a new holder clears it.
 */
export async function resolveCleared(
  tx: Executor,
  ctx: Ctx,
  type: AlertRuleType,
  hits: Hit[],
  now: Date,
  lang: 'en' | 'zh-CN',
  accountIds?: string[],
): Promise<number> {
  if (!resolvesItself(type)) return 0
  const open = await tx
    .select()
    .from(alerts)
    .where(
      and(
        eq(alerts.workspaceId, ctx.ws),
        eq(alerts.type, type),
        ne(alerts.status, 'resolved'),
        isNull(alerts.deletedAt),
        accountIds?.length ? inArray(alerts.accountId, accountIds) : undefined,
      ),
    )
  if (!open.length) return 0
  const hit = new Set(hits.map((h) => h.accountId))
  let cleared: Set<string>
  if (type === 'champion_left' || type === 'economic_buyer_left') {
    const role = type === 'champion_left' ? 'champion' : 'economic_buyer'
    cleared = new Set(await roleHeldAgain(tx, ctx.ws, role, [...new Set(open.map((a) => a.accountId))]))
  } else cleared = new Set(open.map((a) => a.accountId).filter((id) => !hit.has(id)))
  let n = 0
  for (const a of open.filter((x) => cleared.has(x.accountId))) {
    const rec = await alertCollection.update(tx, ctx, a.id, {
      version: a.version,
      status: 'resolved',
      resolvedAt: now,
      resolvedBy: null,
      outcome: CAUSE_CLEARED,
      resolutionNote: notes[lang],
      snoozedUntil: null,
    })
    await ctx.events.emit(tx, ctx, [
      { type: 'alert.resolved', entityType: 'alert', entityId: a.id, payload: { record: rec } },
    ])
    n++
  }
  return n
}
