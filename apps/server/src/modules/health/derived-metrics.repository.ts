import { sql } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows
const DAY = 86_400_000

export type DerivedValue = { accountId: string; metric: string; value: number }

/**
 * The metrics derived from records, for some accounts as of `now`, in a few grouped queries (no query per
 * account). A metric is derived only for accounts that have its inputs at all (a meeting ever, a ticket
 * ever, usage events in 90 days, payments due in the last year, an economic buyer, a contact), so an
 * account without them keeps the metric missing rather than scoring a misleading zero. Rules: docs/health.md.
 */
export async function deriveMetrics(
  tx: Executor,
  ws: string,
  accountIds: string[],
  now: Date,
): Promise<DerivedValue[]> {
  if (!accountIds.length) return []
  const ids = sql`any(${sql.param(accountIds)}::uuid[])`
  const d30 = new Date(now.getTime() - 30 * DAY)
  const d60 = new Date(now.getTime() - 60 * DAY)
  const d90 = new Date(now.getTime() - 90 * DAY)
  const today = now.toISOString().slice(0, 10)
  const yearAgo = new Date(now.getTime() - 365 * DAY).toISOString().slice(0, 10)
  const out: DerivedValue[] = []
  const push = (rows: { account_id: string; metric: string; value: number | string | null }[]) => {
    for (const r of rows)
      if (r.value !== null && Number.isFinite(Number(r.value)))
        out.push({
          accountId: r.account_id,
          metric: r.metric,
          value: Math.round(Number(r.value) * 100) / 100,
        })
  }
  type R = { account_id: string; metric: string; value: number | string | null }

  // meeting_minutes: minutes of meetings in the last 30 days.
  push(
    rowsOf<R>(
      await tx.execute(sql`
        select account_id, 'meeting_minutes' as metric,
          coalesce(sum(duration_minutes) filter (where occurred_at > ${d30} and occurred_at <= ${now}), 0) as value
        from activities
        where workspace_id = ${ws} and account_id = ${ids} and kind = 'meeting' and deleted_at is null
        group by account_id`),
    ),
  )
  // issue_feedback: tickets opened in the last 30 days plus tickets rated 1–2 (of 5) in them (closed in
  // them, for ratings without a time).
  push(
    rowsOf<R>(
      await tx.execute(sql`
        select account_id, 'issue_feedback' as metric,
          count(*) filter (where created_at > ${d30} and created_at <= ${now})
          + count(*) filter (where satisfaction <= 2
            and coalesce(satisfaction_at, resolved_at, updated_at) > ${d30}
            and coalesce(satisfaction_at, resolved_at, updated_at) <= ${now}) as value
        from tickets
        where workspace_id = ${ws} and account_id = ${ids} and deleted_at is null
        group by account_id`),
    ),
  )
  // Usage: feature_usage (share of the workspace's features seen in 90 days that the account used in 30),
  // login_frequency (logins a week over 30 days), active_user_trend (% change of distinct active users,
  // last 30 days against the 30 before). `known` is materialized: inlined, the planner (which guesses one
  // row for a freshly filled usage_events) ran its count once per account in a nested loop — minutes for a
  // thousand accounts.
  push(
    rowsOf<R>(
      await tx.execute(sql`
        with known as materialized (
          select count(distinct feature)::float8 as n from usage_events
          where workspace_id = ${ws} and type = 'feature_used' and feature is not null and at > ${d90} and at <= ${now}
        ), per as (
          select account_id,
            count(distinct feature) filter (where type = 'feature_used' and at > ${d30}) as features,
            count(*) filter (where type = 'login' and at > ${d30}) as logins,
            count(distinct actor) filter (where at > ${d30}) as cur,
            count(distinct actor) filter (where at > ${d60} and at <= ${d30}) as prev
          from usage_events
          where workspace_id = ${ws} and account_id = ${ids} and at > ${d90} and at <= ${now}
          group by account_id
        )
        select account_id, 'feature_usage' as metric, 100.0 * features / known.n as value
          from per, known where known.n > 0
        union all
        select account_id, 'login_frequency', logins * 7.0 / 30 from per
        union all
        select account_id, 'active_user_trend', 100.0 * (cur - prev) / prev from per where prev > 0`),
    ),
  )
  // payment_timeliness: share of the payments due in the last year that were paid by their due date.
  push(
    rowsOf<R>(
      await tx.execute(sql`
        select account_id, 'payment_timeliness' as metric,
          100.0 * count(*) filter (where paid_date is not null and paid_date <= due_date) / count(*) as value
        from payments
        where workspace_id = ${ws} and account_id = ${ids} and deleted_at is null
          and due_date is not null and due_date > ${yearAgo} and due_date <= ${today}
          and status <> 'refunded'
        group by account_id`),
    ),
  )
  // executive_engagement: days since the last activity with an active economic buyer;
  // buying_committee_coverage: share of the five buying roles held by an active contact.
  push(
    rowsOf<R>(
      await tx.execute(sql`
        with eb as (
          select account_id, array_agg(id) as ids from contacts
          where workspace_id = ${ws} and account_id = ${ids} and deleted_at is null and active
            and buying_role = 'economic_buyer'
          group by account_id
        )
        select eb.account_id, 'executive_engagement' as metric,
          floor(extract(epoch from (${now}::timestamptz - max(a.occurred_at))) / 86400) as value
        from eb join activities a on a.workspace_id = ${ws} and a.account_id = eb.account_id
          and a.deleted_at is null and a.contact_ids && eb.ids and a.occurred_at <= ${now}
        group by eb.account_id
        union all
        select account_id, 'buying_committee_coverage',
          100.0 * count(distinct buying_role) filter (where active and buying_role in
            ('user', 'technical_evaluator', 'influencer', 'financial_controller', 'economic_buyer')) / 5
        from contacts
        where workspace_id = ${ws} and account_id = ${ids} and deleted_at is null
        group by account_id`),
    ),
  )
  // relationship_signals: the account's unresolved relationship alerts (champion or economic buyer left, a
  // key contact silent, a committee role uncovered — SPEC R-29), for accounts with a contact at all.
  push(
    rowsOf<R>(
      await tx.execute(sql`
        select c.account_id, 'relationship_signals' as metric,
          (select count(*) from alerts x where x.workspace_id = ${ws} and x.account_id = c.account_id
            and x.deleted_at is null and x.status <> 'resolved'
            and x.type in ('champion_left', 'economic_buyer_left', 'key_contact_silent', 'committee_role_uncovered')) as value
        from (select distinct account_id from contacts
          where workspace_id = ${ws} and account_id = ${ids} and deleted_at is null) c`),
    ),
  )
  return out
}
