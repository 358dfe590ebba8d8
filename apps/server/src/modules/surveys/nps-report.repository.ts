import { and, desc, eq, gte, isNull, lt, sql, type SQL } from 'drizzle-orm'
import type { SurveyCategory } from '@openkam/contract'
import type { Executor } from '../../core/db/types'
import { accounts } from '../accounts'
import { surveyResponses as resp } from './survey.table'

export type NpsGrouping = 'account' | 'segment' | 'tier' | 'month'

const keyOf = (g: NpsGrouping): SQL<string> =>
  g === 'account'
    ? sql<string>`${resp.accountId}::text`
    : g === 'segment'
      ? sql<string>`coalesce(${accounts.segment}, '')`
      : g === 'tier'
        ? sql<string>`coalesce(${accounts.tier}, '')`
        : sql<string>`to_char(${resp.answeredAt} at time zone 'UTC', 'YYYY-MM')`

/**
 * The NPS answers of a period, grouped: within each group every contact counts once, with their latest
 * answer of the period (answers without a contact count each). `groupBy: null` gives the overall figure.
 */
export async function npsRows(
  tx: Executor,
  ws: string,
  q: { groupBy: NpsGrouping | null; from: Date; toExclusive: Date; surveyId?: string },
  visible?: SQL,
): Promise<{ key: string; accountName: string; category: SurveyCategory }[]> {
  const person = sql`coalesce(${resp.contactId}, ${resp.id})`
  // Postgres refuses a constant in DISTINCT ON / ORDER BY: the overall figure goes without a key.
  const key = q.groupBy ? keyOf(q.groupBy) : null
  const by = key ? [key, person] : [person]
  const rows = await tx
    .selectDistinctOn(by, {
      key: (key ?? sql<string>`''`).as('group_key'),
      accountName: accounts.name,
      category: resp.category,
    })
    .from(resp)
    .innerJoin(accounts, and(eq(accounts.workspaceId, resp.workspaceId), eq(accounts.id, resp.accountId)))
    .where(
      and(
        eq(resp.workspaceId, ws),
        eq(resp.kind, 'nps'),
        isNull(resp.deletedAt),
        isNull(accounts.deletedAt),
        gte(resp.answeredAt, q.from),
        lt(resp.answeredAt, q.toExclusive),
        q.surveyId ? eq(resp.surveyId, q.surveyId) : undefined,
        visible,
      ),
    )
    .orderBy(...by, desc(resp.answeredAt), desc(resp.id))
  return rows as { key: string; accountName: string; category: SurveyCategory }[]
}
