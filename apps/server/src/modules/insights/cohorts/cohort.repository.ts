import { sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../../core/db/types'
import type { MeanSummary, RetentionSums } from './cohort-stats'
import { SIGNED_STATUSES, annualisedSql } from '../../expansion'

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows
const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v))

/**
 * The two groups as WHERE fragments on `accounts`: `base` (workspace, live, visible to the person), and A's
 * and B's filters (B may overlap A when the caller names it; "all others" is `not A`).
 */
export type Groups = { ws: string; base: SQL; a: SQL; b: SQL }

/** How far back an outcome counts: contracts ended and deals closed in the last three years. */
export const HISTORY_DAYS = 1095
/** A later contract renews an ended one when it starts at most this many days before the end (docs/health.md). */
const RENEWAL_OVERLAP_DAYS = 60
/** Signed contracts, as revenue retention counts them (modules/expansion). */
const LIVE_CONTRACT = sql.raw(`(${SIGNED_STATUSES.map((x) => `'${x}'`).join(', ')})`)

export type ProportionCounts = { a: { x: number; n: number }; b: { x: number; n: number } }

/**
 * Ended contracts (end before `today`, within HISTORY_DAYS) of each group's accounts, and how many were
 * renewed: another contract of the account starts at most 60 days before the end and runs past it.
 */
export async function renewalCounts(tx: Executor, g: Groups, today: string): Promise<ProportionCounts> {
  const [r] = rowsOf<Record<string, string>>(
    await tx.execute(sql`
      select count(*) filter (where in_a) as n_a, count(*) filter (where in_a and renewed) as x_a,
        count(*) filter (where in_b) as n_b, count(*) filter (where in_b and renewed) as x_b
      from (
        select ${g.a} as in_a, ${g.b} as in_b, exists (
            select 1 from contracts n where n.workspace_id = c.workspace_id and n.account_id = c.account_id
              and n.deleted_at is null and n.id <> c.id and n.status in ${LIVE_CONTRACT}
              and n.start_date >= c.end_date - ${RENEWAL_OVERLAP_DAYS}::int
              and coalesce(n.end_date, 'infinity'::date) > c.end_date
          ) as renewed
        from contracts c join accounts on accounts.workspace_id = c.workspace_id and accounts.id = c.account_id
        where c.workspace_id = ${g.ws} and c.deleted_at is null and c.status in ${LIVE_CONTRACT}
          and c.end_date < ${today}::date and c.end_date >= ${today}::date - ${HISTORY_DAYS}::int
          and ${g.base}
      ) t`),
  )
  return { a: { x: num(r?.x_a), n: num(r?.n_a) }, b: { x: num(r?.x_b), n: num(r?.n_b) } }
}

/** Won and lost opportunities (closed within HISTORY_DAYS) of each group's accounts. */
export async function winCounts(tx: Executor, g: Groups, now: Date): Promise<ProportionCounts> {
  const [r] = rowsOf<Record<string, string>>(
    await tx.execute(sql`
      select count(*) filter (where in_a) as n_a, count(*) filter (where in_a and won) as x_a,
        count(*) filter (where in_b) as n_b, count(*) filter (where in_b and won) as x_b
      from (
        select ${g.a} as in_a, ${g.b} as in_b, o.status = 'won' as won
        from opportunities o join accounts on accounts.workspace_id = o.workspace_id and accounts.id = o.account_id
        where o.workspace_id = ${g.ws} and o.deleted_at is null and o.status in ('won', 'lost')
          and coalesce(o.won_at, o.lost_at, o.updated_at) >= ${now.toISOString()}::timestamptz - make_interval(days => ${HISTORY_DAYS}::int)
          and ${g.base}
      ) t`),
  )
  return { a: { x: num(r?.x_a), n: num(r?.n_a) }, b: { x: num(r?.x_b), n: num(r?.n_b) } }
}

/** Count, mean and sample variance of the accounts' health scores (accounts without a score left out). */
export async function healthSummaries(tx: Executor, g: Groups) {
  const [r] = rowsOf<Record<string, string | null>>(
    await tx.execute(sql`
      select count(*) filter (where in_a) as n_a, avg(s) filter (where in_a) as m_a,
        coalesce(var_samp(s) filter (where in_a), 0) as v_a,
        count(*) filter (where in_b) as n_b, avg(s) filter (where in_b) as m_b,
        coalesce(var_samp(s) filter (where in_b), 0) as v_b
      from (
        select ${g.a} as in_a, ${g.b} as in_b, accounts.health_score as s from accounts
        where accounts.workspace_id = ${g.ws} and accounts.health_score is not null and ${g.base}
      ) t`),
  )
  const of = (k: 'a' | 'b'): MeanSummary => ({
    n: num(r?.[`n_${k}`]),
    mean: num(r?.[`m_${k}`]),
    variance: num(r?.[`v_${k}`]),
  })
  return { a: of('a'), b: of('b') }
}

/**
 * Per account, its annual recurring revenue a year ago and today — as the revenue-retention report counts it
 * (modules/expansion/retention.ts): the signed contracts with both dates in force on that day (dates
 * inclusive), each amount annualised as amount × 365 ÷ its length in days — summed per group over the
 * accounts that had recurring revenue a year ago.
 */
export async function retentionSums(tx: Executor, g: Groups, today: string) {
  const annual = annualisedSql('c')
  const running = (day: SQL) => sql`c.start_date <= ${day} and c.end_date >= ${day}`
  const start = sql`(${today}::date - 365)`
  const end = sql`${today}::date`
  const cols = (k: 'a' | 'b') =>
    sql.raw(`
    count(*) filter (where in_${k}) as n_${k}, sum(s) filter (where in_${k}) as s_${k},
    sum(e) filter (where in_${k}) as e_${k}, sum(s * s) filter (where in_${k}) as ss_${k},
    sum(e * e) filter (where in_${k}) as ee_${k}, sum(s * e) filter (where in_${k}) as se_${k}`)
  const [r] = rowsOf<Record<string, string | null>>(
    await tx.execute(sql`
      select ${cols('a')}, ${cols('b')}
      from (
        select ${g.a} as in_a, ${g.b} as in_b, x.s, x.e from accounts
        cross join lateral (
          select coalesce(sum(${annual}) filter (where ${running(start)}), 0) as s,
            coalesce(sum(${annual}) filter (where ${running(end)}), 0) as e
          from contracts c where c.workspace_id = accounts.workspace_id and c.account_id = accounts.id
            and c.deleted_at is null and c.status in ${LIVE_CONTRACT}
            and c.start_date is not null and c.end_date >= c.start_date
        ) x
        where accounts.workspace_id = ${g.ws} and ${g.base}
      ) t
      where s > 0`),
  )
  const of = (k: 'a' | 'b'): RetentionSums => ({
    n: num(r?.[`n_${k}`]),
    s: num(r?.[`s_${k}`]),
    e: num(r?.[`e_${k}`]),
    ss: num(r?.[`ss_${k}`]),
    ee: num(r?.[`ee_${k}`]),
    se: num(r?.[`se_${k}`]),
  })
  return { a: of('a'), b: of('b') }
}
