import { sql, type SQL } from 'drizzle-orm'
import type { z } from 'zod'
import type { AlertRuleType, alertRuleParams } from '@openkam/contract'
import type { Executor } from '../../core/db/types'
import {
  detectChampionLeft,
  detectCommitteeRoleUncovered,
  detectEconomicBuyerLeft,
  detectKeyContactSilent,
} from './relationship-detect.repository'

type Params<T extends AlertRuleType> = z.output<(typeof alertRuleParams)[T]>
type Row = Record<string, any>

/** One account that meets a rule now, with the evidence (numbers) and whether it is at risk. */
export type Hit = { accountId: string; healthBand: string | null; evidence: Row }

export const DAY = 86_400_000
export const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`
const day = (d: Date) => sql`${d.toISOString().slice(0, 10)}::date`

/** `and a.id in (…)` when only some accounts are evaluated (an event for one account). */
export const onlyAccounts = (col: SQL, ids?: string[]) =>
  ids && ids.length
    ? sql`and ${col} in (${sql.join(
        ids.map((i) => sql`${i}::uuid`),
        sql`, `,
      )})`
    : sql``

export const rowsOf = async (tx: Executor, q: SQL) =>
  ((await tx.execute(q)) as unknown as { rows: Row[] }).rows

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v))

/**
 * Usage (logins + feature use) of the last period against the period before — from usage events, or
 * from the `feature_usage` metric for accounts that send no events — down by at least `dropPercent`,
 * AND a champion or economic buyer left, changed role or was replaced within `keyContactDays`.
 */
export async function detectUsageDropKeyContact(
  tx: Executor,
  ws: string,
  p: Params<'usage_drop_key_contact'>,
  now: Date,
  ids?: string[],
): Promise<Hit[]> {
  const mid = new Date(now.getTime() - p.periodDays * DAY)
  const start = new Date(now.getTime() - 2 * p.periodDays * DAY)
  const keySince = new Date(now.getTime() - p.keyContactDays * DAY)
  const factor = 1 - p.dropPercent / 100
  const rows = await rowsOf(
    tx,
    sql`
    with ev as (
      select u.account_id,
        count(*) filter (where u.at > ${ts(mid)})::int as cur,
        count(*) filter (where u.at <= ${ts(mid)})::int as prev
      from usage_events u
      where u.workspace_id = ${ws} and u.type in ('login', 'feature_used')
        and u.at > ${ts(start)} and u.at <= ${ts(now)} ${onlyAccounts(sql`u.account_id`, ids)}
      group by u.account_id
    ),
    mcur as (
      select distinct on (m.account_id) m.account_id, m.value::float8 as v from metric_values m
      where m.workspace_id = ${ws} and m.metric = 'feature_usage' and m.at > ${ts(mid)} and m.at <= ${ts(now)}
        ${onlyAccounts(sql`m.account_id`, ids)}
      order by m.account_id, m.at desc
    ),
    mprev as (
      select distinct on (m.account_id) m.account_id, m.value::float8 as v from metric_values m
      where m.workspace_id = ${ws} and m.metric = 'feature_usage' and m.at <= ${ts(mid)} and m.at > ${ts(start)}
        ${onlyAccounts(sql`m.account_id`, ids)}
      order by m.account_id, m.at desc
    ),
    usage as (
      select account_id, 'usage_events' as source, cur::float8 as cur, prev::float8 as prev from ev
      where prev >= ${p.minPreviousUsage}::int and cur <= prev * ${factor}::float8
      union all
      select mc.account_id, 'feature_usage', mc.v, mp.v from mcur mc join mprev mp using (account_id)
      where not exists (select 1 from ev where ev.account_id = mc.account_id)
        and mp.v > 0 and mc.v <= mp.v * ${factor}::float8
    ),
    keyc as (
      select s.account_id, count(*)::int as n, max(s.at) as last_at,
        array_agg(distinct s.kind) as kinds, array_agg(distinct s.contact_id) as contact_ids
      from relationship_signals s
      where s.workspace_id = ${ws} and s.at > ${ts(keySince)} and s.at <= ${ts(now)}
        and (s.key_contact or s.kind = 'key_contact_replaced') ${onlyAccounts(sql`s.account_id`, ids)}
      group by s.account_id
    )
    select a.id as "accountId", a.health_band as "healthBand", u.source, u.cur, u.prev,
      k.n as "keyChanges", k.last_at as "lastKeyChangeAt", k.kinds,
      (select coalesce(string_agg(c.name, ', ' order by c.name), '') from contacts c
        where c.workspace_id = ${ws} and c.id = any(k.contact_ids)) as "contactNames"
    from accounts a
    join usage u on u.account_id = a.id
    join keyc k on k.account_id = a.id
    where a.workspace_id = ${ws} and a.deleted_at is null ${onlyAccounts(sql`a.id`, ids)}`,
  )
  return rows.map((r) => {
    const prev = Number(r.prev)
    const cur = Number(r.cur)
    return {
      accountId: r.accountId,
      healthBand: r.healthBand ?? null,
      evidence: {
        source: r.source,
        previous: prev,
        current: cur,
        dropPercent: prev > 0 ? Math.round(((prev - cur) / prev) * 1000) / 10 : 0,
        periodDays: p.periodDays,
        keyContactChanges: r.keyChanges,
        keyContactSignals: r.kinds,
        keyContacts: r.contactNames,
        lastKeyContactChangeAt: new Date(r.lastKeyChangeAt).toISOString(),
        healthBand: r.healthBand ?? null,
      },
    }
  })
}

/** Accounts that send usage events but had no login for `days` (counted from their first event when they never logged in). */
export async function detectNoLogin(
  tx: Executor,
  ws: string,
  p: Params<'no_login'>,
  now: Date,
  ids?: string[],
): Promise<Hit[]> {
  const cutoff = new Date(now.getTime() - p.days * DAY)
  const rows = await rowsOf(
    tx,
    sql`
    select a.id as "accountId", a.health_band as "healthBand",
      max(u.at) filter (where u.type = 'login') as "lastLoginAt", min(u.at) as "firstEventAt",
      max(u.at) as "lastEventAt"
    from accounts a
    join usage_events u on u.workspace_id = a.workspace_id and u.account_id = a.id
    where a.workspace_id = ${ws} and a.deleted_at is null ${onlyAccounts(sql`a.id`, ids)}
    group by a.id, a.health_band
    having coalesce(max(u.at) filter (where u.type = 'login'), min(u.at)) <= ${ts(cutoff)}`,
  )
  return rows.map((r) => {
    const last = r.lastLoginAt ? new Date(r.lastLoginAt) : null
    return {
      accountId: r.accountId,
      healthBand: r.healthBand ?? null,
      evidence: {
        lastLoginAt: last?.toISOString() ?? null,
        daysSinceLogin: last ? Math.floor((now.getTime() - last.getTime()) / DAY) : null,
        lastEventAt: new Date(r.lastEventAt).toISOString(),
        days: p.days,
      },
    }
  })
}

/** Tickets of the last 7 days ≥ `multiplier` × the weekly average of the `baselineWeeks` before, and ≥ `minTickets`. */
export async function detectTicketSurge(
  tx: Executor,
  ws: string,
  p: Params<'ticket_surge'>,
  now: Date,
  ids?: string[],
): Promise<Hit[]> {
  const weekStart = new Date(now.getTime() - 7 * DAY)
  const baseStart = new Date(weekStart.getTime() - p.baselineWeeks * 7 * DAY)
  const rows = await rowsOf(
    tx,
    sql`
    with t as (
      select t.account_id,
        count(*) filter (where t.created_at > ${ts(weekStart)})::int as week,
        count(*) filter (where t.created_at <= ${ts(weekStart)})::int as base
      from tickets t
      where t.workspace_id = ${ws} and t.deleted_at is null
        and t.created_at > ${ts(baseStart)} and t.created_at <= ${ts(now)} ${onlyAccounts(sql`t.account_id`, ids)}
      group by t.account_id
    )
    select a.id as "accountId", a.health_band as "healthBand", t.week, t.base
    from t join accounts a on a.workspace_id = ${ws} and a.id = t.account_id and a.deleted_at is null
    where t.week >= ${p.minTickets}::int
      and t.week >= ${p.multiplier}::float8 * t.base::float8 / ${p.baselineWeeks}::float8`,
  )
  return rows.map((r) => ({
    accountId: r.accountId,
    healthBand: r.healthBand ?? null,
    evidence: {
      ticketsThisWeek: r.week,
      weeklyAverage: Math.round((Number(r.base) / p.baselineWeeks) * 100) / 100,
      baselineWeeks: p.baselineWeeks,
      multiplier: p.multiplier,
    },
  }))
}

/** Unpaid payments and invoices more than `days` past their due date. */
export async function detectPaymentOverdue(
  tx: Executor,
  ws: string,
  p: Params<'payment_overdue'>,
  now: Date,
  ids?: string[],
): Promise<Hit[]> {
  const cutoff = new Date(now.getTime() - p.days * DAY)
  const rows = await rowsOf(
    tx,
    sql`
    with due as (
      select account_id, 'payment' as kind, number, amount, currency, due_date from payments
      where workspace_id = ${ws} and deleted_at is null and status in ('pending', 'overdue')
        and due_date < ${day(cutoff)} ${onlyAccounts(sql`account_id`, ids)}
      union all
      select account_id, 'invoice', number, amount, currency, due_date from invoices
      where workspace_id = ${ws} and deleted_at is null and status in ('issued', 'partially_paid', 'overdue')
        and due_date < ${day(cutoff)} ${onlyAccounts(sql`account_id`, ids)}
    )
    select a.id as "accountId", a.health_band as "healthBand", count(*)::int as n,
      min(d.due_date)::text as oldest, sum(d.amount)::text as total, min(d.currency) as currency,
      (array_agg(d.kind || ' ' || d.number order by d.due_date))[1:5] as items
    from due d join accounts a on a.workspace_id = ${ws} and a.id = d.account_id and a.deleted_at is null
    group by a.id, a.health_band`,
  )
  return rows.map((r) => ({
    accountId: r.accountId,
    healthBand: r.healthBand ?? null,
    evidence: {
      overdueItems: r.n,
      oldestDueDate: r.oldest,
      daysOverdue: Math.floor((now.getTime() - new Date(`${r.oldest}T00:00:00Z`).getTime()) / DAY),
      total: { amount: r.total, currency: r.currency },
      items: r.items,
      days: p.days,
    },
  }))
}

/** Accounts whose health band is at risk now (the health engine's column), with the previous snapshot. */
export async function detectBandAtRisk(
  tx: Executor,
  ws: string,
  _p: Params<'band_at_risk'>,
  _now: Date,
  ids?: string[],
): Promise<Hit[]> {
  const rows = await rowsOf(
    tx,
    sql`
    select a.id as "accountId", a.health_band as "healthBand", a.health_score::text as score,
      (select s.score::text from health_snapshots s
        where s.workspace_id = ${ws} and s.account_id = a.id and s.band <> 'at_risk'
        order by s.computed_at desc limit 1) as "lastHealthyScore"
    from accounts a
    where a.workspace_id = ${ws} and a.deleted_at is null and a.health_band = 'at_risk'
      ${onlyAccounts(sql`a.id`, ids)}`,
  )
  return rows.map((r) => ({
    accountId: r.accountId,
    healthBand: r.healthBand,
    evidence: { score: num(r.score), band: r.healthBand, previousScore: num(r.lastHealthyScore) },
  }))
}

export const detectors: {
  [T in AlertRuleType]: (tx: Executor, ws: string, p: Params<T>, now: Date, ids?: string[]) => Promise<Hit[]>
} = {
  usage_drop_key_contact: detectUsageDropKeyContact,
  no_login: detectNoLogin,
  ticket_surge: detectTicketSurge,
  payment_overdue: detectPaymentOverdue,
  band_at_risk: detectBandAtRisk,
  champion_left: detectChampionLeft,
  economic_buyer_left: detectEconomicBuyerLeft,
  key_contact_silent: detectKeyContactSilent,
  committee_role_uncovered: detectCommitteeRoleUncovered,
}
