import { sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'
import { opportunities } from '../opportunities'
import type { Period } from './period'
import { rowsOf } from './report-scope.repository'

const o = opportunities

export type OutcomeAggregate = {
  /** false on the per-outcome-and-currency total rows. */
  byReason: boolean
  outcome: 'won' | 'lost'
  reason: string | null
  currency: string
  count: number
  total: string
}

/** The reason given on closing (trimmed): the win reason of a won deal, the loss reason of a lost one. */
const reason = sql`coalesce(nullif(btrim(case when ${o.status} = 'won' then ${o.winReason} else ${o.lossReason} end), ''), 'unspecified')`

/**
 * Opportunities won or lost in the period (by `wonAt` / `lostAt`), counted and summed per outcome,
 * reason and currency, plus a total per outcome and currency.
 */
export async function outcomeAggregates(tx: Executor, scope: SQL, p: Period): Promise<OutcomeAggregate[]> {
  const inPeriod = (col: SQL) => sql`${col} >= ${p.start}::timestamptz and ${col} < ${p.end}::timestamptz`
  return rowsOf<OutcomeAggregate>(
    await tx.execute(sql`
      select grouping(x.reason) = 0 as "byReason", x.outcome, x.reason, x.currency,
        count(*)::int as count, coalesce(sum(x.amount), 0)::numeric(20, 2)::text as total
      from (
        select ${o.status} as outcome, ${reason} as reason, ${o.currency} as currency, ${o.amount} as amount
        from ${o}
        where ${scope} and (
          (${o.status} = 'won' and ${inPeriod(sql`${o.wonAt}`)})
          or (${o.status} = 'lost' and ${inPeriod(sql`${o.lostAt}`)}))
      ) x
      group by grouping sets ((x.outcome, x.reason, x.currency), (x.outcome, x.currency))
      order by x.outcome desc, count(*) desc, x.reason, x.currency`),
  )
}
