import { and, eq, isNull } from 'drizzle-orm'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError, notFound } from '../../core/errors'
import { isUuid } from '../../core/ids'
import { opportunityCollection } from './opportunity.collection'
import { opportunities } from './opportunity.table'

/**
 * Refuses unless the person may change this opportunity — the test a PATCH makes: 404 when they cannot
 * see it, 403 when the update scope of their role does not reach its owner (or its account's owner or CSM).
 */
export async function assertMayChange(tx: Executor, ctx: Ctx, id: string) {
  if (!isUuid(id)) throw notFound('Opportunity')
  const found = (action: 'read' | 'update') =>
    tx
      .select({ id: opportunities.id })
      .from(opportunities)
      .where(
        and(
          eq(opportunities.workspaceId, ctx.ws),
          eq(opportunities.id, id),
          isNull(opportunities.deletedAt),
          opportunityCollection.visibility(ctx, opportunityCollection.scope(ctx, action)),
        ),
      )
  if (!(await found('read')).length) throw notFound('Opportunity')
  if (!(await found('update')).length)
    throw new AppError('forbidden', 'forbidden', 'Your role may not change this opportunity')
}
