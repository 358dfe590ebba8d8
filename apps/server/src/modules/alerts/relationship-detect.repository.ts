import { sql } from 'drizzle-orm'
import type { z } from 'zod'
import { buyingRoles, type alertRuleParams } from '@openkam/contract'
import type { Executor } from '../../core/db/types'
import { DAY, onlyAccounts as only, rowsOf, ts, type Hit } from './alert-detect.repository'

type Params<T extends keyof typeof alertRuleParams> = z.output<(typeof alertRuleParams)[T]>

/** An active contact that is a real person (a placeholder persona holds no role). */
const present = (c: string) =>
  sql.raw(`${c}.deleted_at is null and ${c}.active and not coalesce(${c}.placeholder, false)`)

const KEY_ROLE = {
  champion: { signal: sql`s.before->>'stance' = 'champion'`, holder: sql`k.stance = 'champion'` },
  economic_buyer: {
    signal: sql`s.before->>'buyingRole' = 'economic_buyer'`,
    holder: sql`k.buying_role = 'economic_buyer'`,
  },
}

/**
 * A champion (or economic buyer) left within `withinDays` — a `left` relationship signal of a contact
 * holding the role — and no active contact of the account holds the role now.
 */
const detectKeyRoleLeft =
  (role: keyof typeof KEY_ROLE) =>
  async (tx: Executor, ws: string, p: { withinDays: number }, now: Date, ids?: string[]): Promise<Hit[]> => {
    const since = new Date(now.getTime() - p.withinDays * DAY)
    const rows = await rowsOf(
      tx,
      sql`
      select a.id as "accountId", a.health_band as "healthBand", max(s.at) as "leftAt",
        string_agg(distinct c.name, ', ') as names, count(distinct s.contact_id)::int as n
      from relationship_signals s
      join accounts a on a.workspace_id = ${ws} and a.id = s.account_id and a.deleted_at is null
      left join contacts c on c.workspace_id = ${ws} and c.id = s.contact_id
      where s.workspace_id = ${ws} and s.kind = 'left' and ${KEY_ROLE[role].signal}
        and s.at > ${ts(since)} and s.at <= ${ts(now)} ${only(sql`s.account_id`, ids)}
        and not exists (select 1 from contacts k where k.workspace_id = ${ws} and k.account_id = a.id
          and ${present('k')} and ${KEY_ROLE[role].holder})
      group by a.id, a.health_band`,
    )
    return rows.map((r) => ({
      accountId: r.accountId,
      healthBand: r.healthBand ?? null,
      evidence: {
        contacts: r.names ?? '',
        leftContacts: r.n,
        leftAt: new Date(r.leftAt).toISOString(),
        daysSinceLeft: Math.floor((now.getTime() - new Date(r.leftAt).getTime()) / DAY),
        withinDays: p.withinDays,
      },
    }))
  }

export const detectChampionLeft = detectKeyRoleLeft('champion')
export const detectEconomicBuyerLeft = detectKeyRoleLeft('economic_buyer')

/** Accounts (of `accountIds`) where an active contact holds the role again: their `*_left` alert clears. */
export async function roleHeldAgain(
  tx: Executor,
  ws: string,
  role: keyof typeof KEY_ROLE,
  accountIds: string[],
): Promise<string[]> {
  if (!accountIds.length) return []
  const rows = await rowsOf(
    tx,
    sql`select distinct k.account_id as "accountId" from contacts k
      where k.workspace_id = ${ws} and k.account_id = any(${sql.param(accountIds)}::uuid[])
        and ${present('k')} and ${KEY_ROLE[role].holder}`,
  )
  return rows.map((r) => r.accountId as string)
}

/**
 * Key contacts — the champion, the economic buyer, anyone of influence ≥ `minInfluence` — with no
 * activity naming them for `days` (counted from when they were added when there never was one).
 */
export async function detectKeyContactSilent(
  tx: Executor,
  ws: string,
  p: Params<'key_contact_silent'>,
  now: Date,
  ids?: string[],
): Promise<Hit[]> {
  const cutoff = new Date(now.getTime() - p.days * DAY)
  const rows = await rowsOf(
    tx,
    sql`
    with key as (
      select k.id, k.account_id, k.name, k.created_at from contacts k
      where k.workspace_id = ${ws} and ${present('k')} ${only(sql`k.account_id`, ids)}
        and (k.stance = 'champion' or k.buying_role = 'economic_buyer' or k.influence >= ${p.minInfluence}::int)
    ), last as (
      select key.*, (select max(x.occurred_at) from activities x where x.workspace_id = ${ws}
          and x.account_id = key.account_id and x.deleted_at is null and x.contact_ids @> array[key.id]
          and x.occurred_at <= ${ts(now)}) as last_at
      from key
    )
    select a.id as "accountId", a.health_band as "healthBand", count(*)::int as n,
      string_agg(l.name, ', ' order by l.name) as names, min(coalesce(l.last_at, l.created_at)) as oldest,
      bool_or(l.last_at is null) as "neverContacted"
    from last l join accounts a on a.workspace_id = ${ws} and a.id = l.account_id and a.deleted_at is null
    where coalesce(l.last_at, l.created_at) <= ${ts(cutoff)}
    group by a.id, a.health_band`,
  )
  return rows.map((r) => ({
    accountId: r.accountId,
    healthBand: r.healthBand ?? null,
    evidence: {
      contacts: r.names,
      silentContacts: r.n,
      daysSilent: Math.floor((now.getTime() - new Date(r.oldest).getTime()) / DAY),
      neverContacted: !!r.neverContacted,
      days: p.days,
    },
  }))
}

/**
 * Buying-committee roles (decision-map gaps' `role_uncovered`) that no active contact holds, on accounts
 * whose committee is being mapped (at least `minContacts` active contacts — an account with none is not
 * mapped yet, which is not a relationship signal).
 */
export async function detectCommitteeRoleUncovered(
  tx: Executor,
  ws: string,
  p: Params<'committee_role_uncovered'>,
  _now: Date,
  ids?: string[],
): Promise<Hit[]> {
  const roles = sql.param([...buyingRoles])
  const rows = await rowsOf(
    tx,
    sql`
    select a.id as "accountId", a.health_band as "healthBand",
      array(select r from unnest(${roles}::text[]) with ordinality as u(r, i)
        where r <> all(coalesce(array_agg(k.buying_role) filter (where k.buying_role is not null), '{}')) order by i) as missing,
      count(*)::int as n
    from contacts k join accounts a on a.workspace_id = ${ws} and a.id = k.account_id and a.deleted_at is null
    where k.workspace_id = ${ws} and ${present('k')} ${only(sql`k.account_id`, ids)}
    group by a.id, a.health_band
    having count(*) >= ${p.minContacts}::int`,
  )
  return rows
    .filter((r) => (r.missing as string[]).length > 0)
    .map((r) => ({
      accountId: r.accountId,
      healthBand: r.healthBand ?? null,
      evidence: { uncoveredRoles: r.missing, activeContacts: r.n, minContacts: p.minContacts },
    }))
}
