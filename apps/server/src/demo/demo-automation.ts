import { and, asc, eq, isNull } from 'drizzle-orm'
import type { Ctx } from '../core/context'
import type { Executor } from '../core/db/types'
import { accounts } from '../modules/accounts'
import { opportunities } from '../modules/opportunities'
import { moveStage } from '../modules/pipelines'
import { ticketCollection } from '../modules/tickets'
import type { Lang } from './demo-data'

/**
 * A few real changes made through the services after the bulk seed, so that the template's rules
 * have something to do when the worker starts: two deals enter negotiation (a contract task for legal,
 * a note to finance) and two strategic accounts file urgent tickets (their CSMs are told).
 * The overdue-task rule fires by itself on the first scan, on the demo's overdue tasks.
 */
export async function playAutomationScenes(tx: Executor, ctx: Ctx, lang: Lang) {
  const deals = await tx
    .select({ id: opportunities.id, version: opportunities.version })
    .from(opportunities)
    .where(
      and(
        eq(opportunities.workspaceId, ctx.ws),
        eq(opportunities.status, 'open'),
        eq(opportunities.stage, 'solution'),
        isNull(opportunities.deletedAt),
      ),
    )
    .orderBy(asc(opportunities.name))
    .limit(2)
  for (const d of deals) {
    // Through the stage gate, like a person: the demo's solution-stage deals have their deliverables.
    await moveStage(tx, ctx, d.id, { stage: 'negotiation', version: d.version })
  }
  const strategic = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ctx.ws), eq(accounts.tier, 'strategic'), isNull(accounts.deletedAt)))
    .orderBy(asc(accounts.name))
    .limit(2)
  const subjects =
    lang === 'en'
      ? ['Production outage after the upgrade', 'Data export stuck for two days']
      : ['升级后生产环境宕机', '数据导出卡住两天']
  for (const [i, a] of strategic.entries()) {
    await ticketCollection.create(tx, ctx, {
      accountId: a.id,
      subject: subjects[i]!,
      body: lang === 'en' ? 'Reported by the customer by phone.' : '客户电话反馈。',
      priority: i === 0 ? 'urgent' : 'high',
      type: 'incident',
      status: 'open',
      channel: 'phone',
    })
  }
  return { negotiations: deals.length, urgentTickets: strategic.length }
}
