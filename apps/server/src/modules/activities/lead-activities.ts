import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { activities } from './activity.table'

/**
 * A converted lead's activities move to the account it became, with the contact made from the lead as the
 * person they were with: the account's timeline and the contact's last contact show the history. They stay
 * about the lead too (its page keeps its feed). Returns how many moved.
 */
export async function moveLeadActivities(
  tx: Executor,
  ctx: Ctx,
  leadId: string,
  to: { accountId: string; contactId: string },
): Promise<number> {
  const moved = await tx
    .update(activities)
    .set({
      accountId: to.accountId,
      contactIds: sql`case when ${to.contactId}::uuid = any(${activities.contactIds}) then ${activities.contactIds} else array_append(${activities.contactIds}, ${to.contactId}::uuid) end`,
      updatedAt: new Date(),
      version: sql`${activities.version} + 1`,
    })
    .where(
      and(
        eq(activities.workspaceId, ctx.ws),
        eq(activities.relatedType, 'lead'),
        eq(activities.relatedId, leadId),
        isNull(activities.accountId),
        isNull(activities.deletedAt),
      ),
    )
    .returning({ id: activities.id, occurredAt: activities.occurredAt })
  if (moved.length)
    await tx.execute(sql`
      update contacts set last_contacted_at = greatest(last_contacted_at, ${new Date(Math.max(...moved.map((m) => +m.occurredAt))).toISOString()}::timestamptz)
      where workspace_id = ${ctx.ws} and id = ${to.contactId}`)
  return moved.length
}
