import { sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'
import { opportunities, opportunityStageChanges } from '../opportunities'
import type { Period } from './period'
import { rowsOf, stageArray } from './report-scope.repository'

const o = opportunities
const c = opportunityStageChanges

/** How many opportunities got furthest to a stage (1-based SOP position), by their status now. */
export type FurthestCount = { position: number; status: string; count: number }

/**
 * The opportunities that started in the period (the earlier of their creation and their first recorded
 * stage change), counted by the furthest SOP stage they reached — the highest of their current stage and
 * every stage their history entered or left — and by status.
 */
export async function furthestStageCounts(tx: Executor, scope: SQL, p: Period): Promise<FurthestCount[]> {
  const stages = stageArray()
  return rowsOf<FurthestCount>(
    await tx.execute(sql`
      select x.furthest as position, x.status, count(*)::int as count
      from (
        select ${o.status} as status,
          greatest(array_position(${stages}, ${o.stage}), h.furthest) as furthest,
          least(${o.createdAt}, h.first_at) as started_at
        from ${o}
        left join lateral (
          select max(greatest(array_position(${stages}, ${c.toStage}), array_position(${stages}, ${c.fromStage}))) as furthest,
            min(${c.changedAt}) as first_at
          from ${c} where ${c.workspaceId} = ${o.workspaceId} and ${c.opportunityId} = ${o.id}
        ) h on true
        where ${scope}
      ) x
      where x.furthest is not null and x.started_at >= ${p.start}::timestamptz and x.started_at < ${p.end}::timestamptz
      group by x.furthest, x.status`),
  )
}

export type StayAggregate = {
  stage: string
  count: number
  avgDays: number | null
  medianDays: number | null
  inProgress: number
}

/**
 * Per stage, the stays that ended in the period (count, average and median days) and the stays that
 * started before the period's end and have not ended. A stay starts when the history enters the stage
 * and ends at the next recorded change, or when the opportunity was won or lost if that came later (a won
 * deal entering implementation as it is won is still in implementation);
 * when the history starts by leaving a stage, the opportunity's creation is taken as entering it.
 */
export async function stayAggregates(
  tx: Executor,
  ws: string,
  scope: SQL,
  p: Period,
): Promise<StayAggregate[]> {
  const ended = sql`s.ended_at >= ${p.start}::timestamptz and s.ended_at < ${p.end}::timestamptz`
  const days = sql`extract(epoch from s.ended_at - s.started_at) / 86400`
  const round = (e: SQL) => sql`round((${e})::numeric, 2)::float8`
  return rowsOf<StayAggregate>(
    await tx.execute(sql`
      with visible as (
        select ${o.id} as id, ${o.createdAt} as created_at,
          case ${o.status} when 'won' then ${o.wonAt} when 'lost' then ${o.lostAt} end as closed_at
        from ${o} where ${scope}
      ),
      changes as (
        select ch.opportunity_id, ch.from_stage, ch.to_stage, ch.changed_at,
          row_number() over w as n, lead(ch.changed_at) over w as next_at
        from ${c} ch join visible v on v.id = ch.opportunity_id
        where ch.workspace_id = ${ws}
        window w as (partition by ch.opportunity_id order by ch.changed_at, ch.id)
      ),
      stays as (
        select ch.to_stage as stage, ch.changed_at as started_at,
          coalesce(ch.next_at, case when v.closed_at > ch.changed_at then v.closed_at end) as ended_at
        from changes ch join visible v on v.id = ch.opportunity_id
        union all
        select ch.from_stage, v.created_at, ch.changed_at
        from changes ch join visible v on v.id = ch.opportunity_id
        where ch.n = 1 and ch.from_stage is not null and v.created_at < ch.changed_at
      )
      select s.stage,
        (count(*) filter (where ${ended}))::int as count,
        ${round(sql`avg(${days}) filter (where ${ended})`)} as "avgDays",
        ${round(sql`percentile_cont(0.5) within group (order by ${days}) filter (where ${ended})`)} as "medianDays",
        (count(*) filter (where s.ended_at is null and s.started_at < ${p.end}::timestamptz))::int as "inProgress"
      from stays s
      where array_position(${stageArray()}, s.stage) is not null
      group by s.stage`),
  )
}
