import { and, eq, isNull, sql, type SQL } from 'drizzle-orm'
import { opportunityStages } from '@openkam/contract'
import type { Ctx } from '../../core/context'
import { opportunities, opportunityCollection } from '../opportunities'
import { userTables } from '../users'

export type ReportFilters = { ownerId?: string; teamId?: string }

/**
 * The opportunities a report counts: this workspace's, not deleted, those the person may read (the same
 * visibility as the opportunity list; 403 when they may read none), narrowed to an owner or a team.
 * Refers to the `opportunities` table by its own name, so queries must not alias it.
 */
export function reportScope(ctx: Ctx, f: ReportFilters): SQL {
  const scope = opportunityCollection.scope(ctx, 'read')
  const tm = userTables.teamMembers
  return and(
    eq(opportunities.workspaceId, ctx.ws),
    isNull(opportunities.deletedAt),
    opportunityCollection.visibility(ctx, scope),
    f.ownerId ? eq(opportunities.ownerId, f.ownerId) : undefined,
    f.teamId
      ? sql`${opportunities.ownerId} in (select ${tm.userId} from ${tm} where ${tm.workspaceId} = ${ctx.ws} and ${tm.teamId} = ${f.teamId})`
      : undefined,
  )!
}

/** The SOP stages as a text[] literal, for `array_position` (1-based order; null for unknown stages). */
export const stageArray = (): SQL =>
  sql`array[${sql.join(
    opportunityStages.map((s) => sql`${s}`),
    sql`, `,
  )}]::text[]`

export const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows
