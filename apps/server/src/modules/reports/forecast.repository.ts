import { sql, type SQL } from 'drizzle-orm'
import { defaultStageProbabilities, type ForecastQuery } from '@openkam/contract'
import type { Executor } from '../../core/db/types'
import { opportunities } from '../opportunities'
import { userTables } from '../users'
import type { Period } from './period'
import { rowsOf } from './report-scope.repository'

export type ForecastAggregate = {
  /** false on the per-currency total rows. */
  grouped: boolean
  key: string | null
  label: string | null
  currency: string
  count: number
  total: string
  weighted: string
  wonCount: number
  wonTotal: string
}

const o = opportunities

/** A stage's probability in a pipeline (`pipelineId` null: the workspace default, for deals without one). */
export type StageProbability = { pipelineId: string | null; stage: string; probability: number }

/**
 * The opportunity's own probability, else its pipeline's for its stage, else the SOP default for the
 * stage (0 for a stage without one).
 */
function probability(pipelines: StageProbability[]): SQL {
  const byPipeline = pipelines.length
    ? sql`(select sp.probability from (values ${sql.join(
        pipelines.map((x) => sql`(${x.pipelineId}::uuid, ${x.stage}::text, ${x.probability}::int)`),
        sql`, `,
      )}) sp(pipeline_id, stage, probability)
      where sp.pipeline_id is not distinct from ${o.pipelineId} and sp.stage = ${o.stage})`
    : sql`null::int`
  const sop = sql`case ${o.stage} ${sql.join(
    Object.entries(defaultStageProbabilities).map(([stage, p]) => sql`when ${stage} then ${p}::int`),
    sql` `,
  )} else 0 end`
  return sql`coalesce(${o.probability}, ${byPipeline}, ${sop})`
}

const inForecast = (p: Period) =>
  sql`${o.status} = 'open' and ${o.expectedCloseDate} between ${p.from}::date and ${p.to}::date`

/** The pipelines (null: none set) of the open opportunities the forecast weighs. */
export async function forecastPipelineIds(tx: Executor, scope: SQL, p: Period): Promise<(string | null)[]> {
  const rows = rowsOf<{ id: string | null }>(
    await tx.execute(
      sql`select distinct ${o.pipelineId} as id from ${o} where ${scope} and ${inForecast(p)}`,
    ),
  )
  return rows.map((r) => r.id)
}

/** The group key and label of each opportunity, and the joins they need. */
function grouping(groupBy: ForecastQuery['groupBy']): { key: SQL; label: SQL; join: SQL } {
  const { users, teams, teamMembers: tm } = userTables
  if (groupBy === 'owner') {
    return {
      key: sql`${o.ownerId}::text`,
      label: sql`(select ${users.name} from ${users} where ${users.workspaceId} = ${o.workspaceId} and ${users.id} = ${o.ownerId})`,
      join: sql``,
    }
  }
  if (groupBy === 'team') {
    // A person in several teams counts in the first by name, so every amount is counted once.
    return {
      key: sql`team.id`,
      label: sql`team.name`,
      join: sql`left join lateral (
        select ${teams.id}::text as id, ${teams.name} as name from ${tm}
        join ${teams} on ${teams.workspaceId} = ${tm.workspaceId} and ${teams.id} = ${tm.teamId} and ${teams.deletedAt} is null
        where ${tm.workspaceId} = ${o.workspaceId} and ${tm.userId} = ${o.ownerId}
        order by ${teams.name}, ${teams.id} limit 1) team on true`,
    }
  }
  return {
    key: sql`case when ${o.status} = 'open' then to_char(${o.expectedCloseDate}, 'YYYY-MM')
      else to_char(${o.wonAt} at time zone 'UTC', 'YYYY-MM') end`,
    label: sql`null::text`,
    join: sql``,
  }
}

/**
 * Open opportunities expected to close in the period (count, amount, weighted amount) and opportunities
 * won in it (count, amount), per group and currency, plus one total row per currency.
 */
export async function forecastAggregates(
  tx: Executor,
  scope: SQL,
  groupBy: ForecastQuery['groupBy'],
  p: Period,
  pipelines: StageProbability[],
): Promise<ForecastAggregate[]> {
  const g = grouping(groupBy)
  const money = (e: SQL) => sql`coalesce(${e}, 0)::numeric(20, 2)::text`
  return rowsOf<ForecastAggregate>(
    await tx.execute(sql`
      select grouping(x.key, x.label) = 0 as grouped, x.key, x.label, x.currency,
        (count(*) filter (where x.open))::int as count,
        ${money(sql`sum(x.amount) filter (where x.open)`)} as total,
        ${money(sql`sum(x.amount * x.probability / 100) filter (where x.open)`)} as weighted,
        (count(*) filter (where not x.open))::int as "wonCount",
        ${money(sql`sum(x.amount) filter (where not x.open)`)} as "wonTotal"
      from (
        select ${o.status} = 'open' as open, ${o.currency} as currency, ${o.amount} as amount,
          ${probability(pipelines)} as probability, ${g.key} as key, ${g.label} as label
        from ${o} ${g.join}
        where ${scope} and (
          (${inForecast(p)})
          or (${o.status} = 'won' and ${o.wonAt} >= ${p.start}::timestamptz and ${o.wonAt} < ${p.end}::timestamptz))
      ) x
      group by grouping sets ((x.key, x.label, x.currency), (x.currency))
      order by x.label nulls last, x.key nulls last, x.currency`),
  )
}
