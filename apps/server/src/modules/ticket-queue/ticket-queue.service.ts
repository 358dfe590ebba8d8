import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { QueueAccount, TicketQueue } from '@openkam/contract'
import { scopeFor } from '../../core/access/permissions'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import type { ListQuery } from '../../core/crud/collection'
import type { MessageLanguage } from '../../core/http/language'
import { accountCollection } from '../accounts'
import { openAlertCounts } from '../alerts'
import { ticketCollection, tickets } from '../tickets'

/** The statuses of a ticket someone still has to work on: the queue's default. */
export const OPEN_STATUSES = 'new,open,pending'

/**
 * The agents' queue: a page of tickets (any filter of the ticket list; by default the open ones, the most
 * urgent due time first), each ticket's account (tier, health, open alerts) and the counts per view —
 * all limited to what the person may see.
 */
export async function ticketQueue(
  tx: Executor,
  ctx: Ctx,
  query: ListQuery & { teamId?: string; status?: string },
  lang: MessageLanguage,
): Promise<TicketQueue> {
  const page = await ticketCollection.list(tx, ctx, { ...query, status: query.status ?? OPEN_STATUSES })
  const localize = ticketCollection.def.localize
  const data = localize ? page.data.map((t) => localize(t, lang)) : page.data
  const accountIds = [...new Set(data.map((t: any) => t.accountId as string))]
  const [accounts, alerts, counts] = await Promise.all([
    accountSummaries(tx, ctx, accountIds),
    openAlertCounts(tx, ctx, accountIds),
    queueCounts(tx, ctx, query.teamId),
  ])
  const withAlerts: Record<string, QueueAccount> = {}
  for (const [id, a] of Object.entries(accounts))
    withAlerts[id] = { ...a, alerts: alerts[id] ?? { open: 0, danger: 0 } }
  return { data, nextCursor: page.nextCursor, accounts: withAlerts, counts }
}

/** Name, tier and health of the given accounts the person may see (hidden fields stay hidden). */
async function accountSummaries(tx: Executor, ctx: Ctx, ids: string[]) {
  if (!ids.length || scopeFor(ctx.principal, 'accounts', 'read') === 'none') return {}
  const page = await accountCollection.list(tx, ctx, { id: ids.join(','), limit: ids.length })
  const out: Record<string, Omit<QueueAccount, 'alerts'>> = {}
  for (const a of page.data as any[])
    out[a.id] = { id: a.id, name: a.name, tier: a.tier ?? null, health: a.health ?? null }
  return out
}

/** The open tickets in each view of the queue (within the team filter, if any), in one statement. */
async function queueCounts(tx: Executor, ctx: Ctx, teamId: string | undefined) {
  const scope = ticketCollection.scope(ctx, 'read')
  const userId = ctx.principal.userId ?? null
  const [row] = await tx
    .select({
      open: sql<number>`count(*)::int`,
      unassigned: sql<number>`(count(*) filter (where ${tickets.assigneeId} is null))::int`,
      mine: userId
        ? sql<number>`(count(*) filter (where ${tickets.assigneeId} = ${userId}))::int`
        : sql<number>`0`,
      atRisk: sql<number>`(count(*) filter (where ${tickets.slaStatus} = 'at_risk'))::int`,
      breached: sql<number>`(count(*) filter (where ${tickets.slaStatus} = 'breached'))::int`,
    })
    .from(tickets)
    .where(
      and(
        eq(tickets.workspaceId, ctx.ws),
        isNull(tickets.deletedAt),
        inArray(tickets.status, OPEN_STATUSES.split(',')),
        ticketCollection.visibility(ctx, scope),
        teamId ? ticketCollection.filterWhere(ctx, { teamId }) : undefined,
      ),
    )
  return row ?? { open: 0, unassigned: 0, mine: 0, atRisk: 0, breached: 0 }
}
