import { sql } from 'drizzle-orm'
import type { Ctx } from '../core/context'
import type { Executor } from '../core/db/types'
import { newId } from '../core/ids'
import type { Lang } from './demo-data'

type Rows = { rows: Record<string, any>[] }

/**
 * The decision-map part of the demo (SPEC R-06): on five accounts with an economic buyer, one of each
 * gap kind — a role left uncovered (with a placeholder persona), an influential blocker, a champion who
 * left (with its relationship signal) and another gone silent, an economic buyer not met for months, and
 * an account reached through a single contact — plus relationship owners and levels on influential
 * contacts. Reporting lines come from the generated committees; "influences" links run from each picked
 * account's most influential person to its economic buyer; one open deal elsewhere has its own committee
 * without the economic buyer (a deal-level role_uncovered). A few set-based statements.
 */
export async function seedDecisionMapDemo(tx: Executor, ctx: Ctx, lang: Lang, now = new Date()) {
  const ws = ctx.ws
  const ago = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString()
  const picked = (
    (await tx.execute(sql`
      select account_id as id from contacts
      where workspace_id = ${ws} and deleted_at is null and active
      group by account_id
      having count(*) filter (where buying_role = 'economic_buyer') = 1 and count(*) < 12
      order by min(created_at), account_id limit 5`)) as unknown as Rows
  ).rows.map((r) => r.id as string)
  if (picked.length < 5) return { accounts: 0, committeeDealId: null }
  const [uncovered, blocker, champion, buyer, single] = picked as [string, string, string, string, string]

  // Relationship owner and levels on the influential contacts.
  await tx.execute(sql`
    update contacts set relationship_owner_id = owner_id, relationship_level = relationship_strength,
      target_level = least(5, coalesce(relationship_strength, 2) + 1)
    where workspace_id = ${ws} and influence >= 4 and active`)

  // role_uncovered: nobody controls finance any more; a placeholder persona stands for the role.
  await tx.execute(sql`
    update contacts set buying_role = 'influencer'
    where workspace_id = ${ws} and account_id = ${uncovered} and buying_role = 'financial_controller'`)
  await tx.execute(sql`
    insert into contacts (id, workspace_id, account_id, name, buying_role, placeholder, active, owner_id, reports_to_id)
    select ${newId()}, ${ws}, account_id, ${lang === 'en' ? 'Finance Controller' : '财务负责人待定'},
      'financial_controller', true, true, owner_id, id
    from contacts where workspace_id = ${ws} and account_id = ${uncovered} and active
      and buying_role = 'economic_buyer'`)

  // high_influence_blocker: the most influential non-buyer turns against us.
  await tx.execute(sql`
    update contacts set stance = 'blocker', influence = 5, relationship_strength = 1
    where workspace_id = ${ws} and id = (
      select id from contacts where workspace_id = ${ws} and account_id = ${blocker} and active
        and buying_role is distinct from 'economic_buyer'
      order by influence desc nulls last, id limit 1)`)

  // A champion who left 12 days ago (with its signal), and another silent for 45 days.
  const champs = (
    (await tx.execute(sql`
      select id, title, buying_role as "buyingRole" from contacts
      where workspace_id = ${ws} and account_id = ${champion} and buying_role is distinct from 'economic_buyer'
      order by id limit 2`)) as unknown as Rows
  ).rows
  if (champs.length === 2) {
    const [gone, silent] = champs as [Record<string, any>, Record<string, any>]
    await tx.execute(sql`
      update contacts set stance = 'champion', active = false, left_at = ${ago(12)}::timestamptz
      where workspace_id = ${ws} and id = ${gone.id}`)
    await tx.execute(sql`
      insert into relationship_signals (id, workspace_id, account_id, contact_id, kind, key_contact, before, after, at)
      values (${newId()}, ${ws}, ${champion}, ${gone.id}, 'left', true,
        ${JSON.stringify({ active: true, leftAt: null, title: gone.title, buyingRole: gone.buyingRole, stance: 'champion' })}::jsonb,
        ${JSON.stringify({ active: false, leftAt: ago(12), title: gone.title, buyingRole: gone.buyingRole, stance: 'champion' })}::jsonb,
        ${ago(12)}::timestamptz)`)
    await tx.execute(sql`
      update contacts set stance = 'champion' where workspace_id = ${ws} and id = ${silent.id}`)
    await tx.execute(sql`
      update activities set contact_ids = array_remove(contact_ids, ${silent.id}::uuid)
      where workspace_id = ${ws} and account_id = ${champion} and occurred_at >= ${ago(45)}::timestamptz`)
  }

  // economic_buyer_not_met: nobody has met the buyer for 90 days.
  await tx.execute(sql`
    update activities a set contact_ids = array_remove(a.contact_ids, c.id)
    from contacts c
    where a.workspace_id = ${ws} and a.account_id = ${buyer} and a.occurred_at >= ${ago(90)}::timestamptz
      and c.workspace_id = ${ws} and c.account_id = ${buyer} and c.buying_role = 'economic_buyer'`)

  // single_threaded: every recent interaction goes through one person, three meetings at least.
  await tx.execute(sql`
    with one as (
      select id, owner_id from contacts where workspace_id = ${ws} and account_id = ${single} and active
        and buying_role is distinct from 'economic_buyer' order by influence desc nulls last, id limit 1)
    insert into activities (id, workspace_id, account_id, kind, subject, contact_ids, occurred_at, owner_id)
    select v.id, ${ws}, ${single}, 'meeting', ${lang === 'en' ? 'Weekly check-in' : '周例会'},
      array[one.id], ${now.toISOString()}::timestamptz - make_interval(days => v.d), one.owner_id
    from one cross join (values (${newId()}::uuid, 3), (${newId()}::uuid, 10), (${newId()}::uuid, 17)) v(id, d)`)
  await tx.execute(sql`
    update activities a set contact_ids = array[(
      select id from contacts where workspace_id = ${ws} and account_id = ${single} and active
        and buying_role is distinct from 'economic_buyer' order by influence desc nulls last, id limit 1)]
    where a.workspace_id = ${ws} and a.account_id = ${single} and a.occurred_at >= ${ago(90)}::timestamptz
      and cardinality(a.contact_ids) > 0`)

  // Influence beyond the reporting lines: on each picked account, its most influential person outside the
  // economic buyer's direct reports (if any) sways the economic buyer.
  const inPicked = sql`(${sql.join(
    picked.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`
  await tx.execute(sql`
    with eb as (
      select account_id, id from contacts
      where workspace_id = ${ws} and active and buying_role = 'economic_buyer' and account_id in ${inPicked}),
    top as (
      select distinct on (c.account_id) c.account_id, c.id from contacts c join eb on eb.account_id = c.account_id
      where c.workspace_id = ${ws} and c.active and not coalesce(c.placeholder, false)
        and c.buying_role is distinct from 'economic_buyer'
      order by c.account_id, c.reports_to_id is not distinct from eb.id, c.influence desc nulls last, c.id)
    update contacts c set influences = array[eb.id]
    from top join eb on eb.account_id = top.account_id
    where c.workspace_id = ${ws} and c.id = top.id`)

  // A deal with its own buying committee (another account): the people working on this deal, without the
  // account's economic buyer — the deal's map shows that role uncovered though the account has one.
  const committee = (
    (await tx.execute(sql`
      with deal as (
        select o.id, o.account_id, o.owner_id from opportunities o
        where o.workspace_id = ${ws} and o.status = 'open' and o.deleted_at is null
          and o.account_id not in ${inPicked}
          and (select count(*) from contacts c where c.workspace_id = ${ws} and c.account_id = o.account_id
            and c.active and c.buying_role is distinct from 'economic_buyer') >= 3
          and exists (select 1 from contacts c where c.workspace_id = ${ws} and c.account_id = o.account_id
            and c.active and c.buying_role = 'economic_buyer')
        order by o.amount desc nulls last, o.id limit 1)
      insert into opportunity_committee_members (workspace_id, opportunity_id, contact_id, added_at, added_by)
      select ${ws}, deal.id, m.id, ${ago(20)}::timestamptz, deal.owner_id
      from deal cross join lateral (
        select c.id from contacts c where c.workspace_id = ${ws} and c.account_id = deal.account_id and c.active
          and c.buying_role is distinct from 'economic_buyer'
        order by c.influence desc nulls last, c.id limit 4) m
      on conflict do nothing
      returning opportunity_id as id`)) as unknown as Rows
  ).rows

  // Keep the stored last-contact dates consistent with the activities changed above.
  await tx.execute(sql`
    update contacts c set last_contacted_at = (
      select max(a.occurred_at) from activities a
      where a.workspace_id = c.workspace_id and a.account_id = c.account_id and c.id = any(a.contact_ids)
        and a.deleted_at is null)
    where c.workspace_id = ${ws} and c.account_id in ${inPicked}`)
  return { accounts: picked.length, committeeDealId: (committee[0]?.id as string | undefined) ?? null }
}
