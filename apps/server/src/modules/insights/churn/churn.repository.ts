import { and, desc, eq, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../../core/db/types'
import { accounts } from '../../accounts'
import type { ChurnDriver, ChurnModel, ChurnRefusal } from './churn-model'
import { churnModels, churnScores, churnTrainings } from './churn.table'

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows

/** Contracts that ended in the last three years, at least this many days ago (renewal work may still be under way). */
export const OUTCOME_GRACE_DAYS = 30

/**
 * Outcomes to learn from: each contract that ended (approved, active or ended; not deleted) — renewed when
 * a later contract of the account starts at most 60 days before its end (the health backtest's rule),
 * churned when none follows and no contract of the account is running today. Ended-but-running (a gap, a
 * parallel contract) says neither and is left out.
 */
export async function contractOutcomes(tx: Executor, ws: string, today: string) {
  return rowsOf<{ account_id: string; end_date: string; renewed: boolean }>(
    await tx.execute(sql`
      select c.account_id, c.end_date::text as end_date,
        exists (
          select 1 from contracts n where n.workspace_id = ${ws} and n.account_id = c.account_id
            and n.deleted_at is null and n.id <> c.id and n.status in ('approved', 'active', 'ended')
            and n.start_date >= c.end_date - 60 and coalesce(n.end_date, 'infinity'::date) > c.end_date
        ) as renewed
      from contracts c join accounts a on a.workspace_id = ${ws} and a.id = c.account_id and a.deleted_at is null
      where c.workspace_id = ${ws} and c.deleted_at is null and c.status in ('approved', 'active', 'ended')
        and c.end_date < ${today}::date - ${OUTCOME_GRACE_DAYS}::int and c.end_date >= ${today}::date - 1095
        and (
          exists (
            select 1 from contracts n where n.workspace_id = ${ws} and n.account_id = c.account_id
              and n.deleted_at is null and n.id <> c.id and n.status in ('approved', 'active', 'ended')
              and n.start_date >= c.end_date - 60 and coalesce(n.end_date, 'infinity'::date) > c.end_date
          )
          or not exists (
            select 1 from contracts r where r.workspace_id = ${ws} and r.account_id = c.account_id
              and r.deleted_at is null and r.status = 'active' and r.end_date >= ${today}::date
          )
        )
      order by c.account_id, c.end_date
      limit 20000`),
  )
}

export type SignalRow = {
  k: number
  account_id: string
  tier: string | null
  segment: string | null
  health: string | null
  usage_now: string | null
  usage_before: string | null
  nps: string | null
  tickets_90d: number
  overdue_payments: number
  key_contacts_left: number
}

/**
 * The raw signals of accounts as of points in time, each read from what was recorded by then: the newest
 * health score, feature usage now and 90 days earlier, NPS, tickets opened in the 90 days before, payments
 * due and unpaid at that date, key contacts (champion, economic buyer) who left or were replaced in the 180
 * days before. Tier and segment are today's (they keep no history).
 */
export async function signalsAsOf(tx: Executor, ws: string, points: { accountId: string; asOf: Date }[]) {
  if (!points.length) return []
  const json = JSON.stringify(
    points.map((p, k) => ({ k, account_id: p.accountId, as_of: p.asOf.toISOString() })),
  )
  const metric = (name: string, shift: string, days: number) => sql`(
    select m.value from metric_values m where m.workspace_id = ${ws} and m.account_id = v.account_id
      and m.metric = ${name} and m.at <= v.as_of - ${shift}::interval
      and m.at > v.as_of - ${shift}::interval - make_interval(days => ${days}::int)
    order by m.at desc, m.recorded_at desc limit 1)`
  return rowsOf<SignalRow>(
    await tx.execute(sql`
      select v.k, v.account_id, a.tier, a.segment,
        (select h.score from health_snapshots h where h.workspace_id = ${ws} and h.account_id = v.account_id
           and h.computed_at <= v.as_of and h.score is not null order by h.computed_at desc limit 1) as health,
        ${metric('feature_usage', '0 days', 120)} as usage_now,
        ${metric('feature_usage', '90 days', 120)} as usage_before,
        ${metric('nps', '0 days', 365)} as nps,
        (select count(*)::int from tickets t where t.workspace_id = ${ws} and t.account_id = v.account_id
           and t.deleted_at is null and t.created_at <= v.as_of and t.created_at > v.as_of - interval '90 days'
        ) as tickets_90d,
        (select count(*)::int from payments p where p.workspace_id = ${ws} and p.account_id = v.account_id
           and p.deleted_at is null and p.due_date < v.as_of::date
           and (p.paid_date > v.as_of::date or (p.paid_date is null and p.status in ('pending', 'overdue')))
        ) as overdue_payments,
        (select count(*)::int from relationship_signals s where s.workspace_id = ${ws}
           and s.account_id = v.account_id and s.key_contact and s.kind in ('left', 'key_contact_replaced')
           and s.at <= v.as_of and s.at > v.as_of - interval '180 days'
        ) as key_contacts_left
      from jsonb_to_recordset(${json}::jsonb) as v(k int, account_id uuid, as_of timestamptz)
      join accounts a on a.workspace_id = ${ws} and a.id = v.account_id
      order by v.k`),
  )
}

/** The ids of the workspace's live accounts (scored after each training). */
export async function liveAccountIds(tx: Executor, ws: string) {
  const rows = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ws), sql`${accounts.deletedAt} is null`))
  return rows.map((r) => r.id)
}

export async function saveModel(
  tx: Executor,
  ws: string,
  row: {
    status: string
    auc: number | null
    samples: number
    reason: string | null
    model: ChurnModel | ChurnRefusal
  },
) {
  const values = { workspaceId: ws, ...row, trainedAt: new Date() }
  await tx
    .insert(churnModels)
    .values(values)
    .onConflictDoUpdate({ target: churnModels.workspaceId, set: values })
}

export async function findModel(tx: Executor, ws: string) {
  const [row] = await tx.select().from(churnModels).where(eq(churnModels.workspaceId, ws))
  return row
}

/** Replaces every account's score (the model changed: old scores would mislead). */
export async function replaceScores(
  tx: Executor,
  ws: string,
  scores: { accountId: string; probability: number; drivers: ChurnDriver[] }[],
) {
  await tx.delete(churnScores).where(eq(churnScores.workspaceId, ws))
  const at = new Date()
  for (let i = 0; i < scores.length; i += 500)
    await tx
      .insert(churnScores)
      .values(scores.slice(i, i + 500).map((s) => ({ workspaceId: ws, ...s, scoredAt: at })))
}

export async function findScore(tx: Executor, ws: string, accountId: string) {
  const [row] = await tx
    .select()
    .from(churnScores)
    .where(and(eq(churnScores.workspaceId, ws), eq(churnScores.accountId, accountId)))
  return row
}

/** Accounts by risk, highest first, limited to those the person may read. */
export async function scoresByRisk(
  tx: Executor,
  ws: string,
  visible: SQL | undefined,
  page: { limit: number; offset: number },
) {
  const where = and(eq(churnScores.workspaceId, ws), sql`${accounts.deletedAt} is null`, visible)
  const rows = await tx
    .select({
      accountId: churnScores.accountId,
      name: accounts.name,
      tier: accounts.tier,
      healthScore: accounts.healthScore,
      healthBand: accounts.healthBand,
      probability: churnScores.probability,
      drivers: churnScores.drivers,
      scoredAt: churnScores.scoredAt,
    })
    .from(churnScores)
    .innerJoin(
      accounts,
      and(eq(accounts.workspaceId, churnScores.workspaceId), eq(accounts.id, churnScores.accountId)),
    )
    .where(where)
    .orderBy(desc(churnScores.probability), churnScores.accountId)
    .limit(page.limit)
    .offset(page.offset)
  const [{ total }] = (await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(churnScores)
    .innerJoin(
      accounts,
      and(eq(accounts.workspaceId, churnScores.workspaceId), eq(accounts.id, churnScores.accountId)),
    )
    .where(where)) as [{ total: number }]
  return { rows, total }
}

export async function insertTraining(tx: Executor, ws: string, id: string) {
  await tx.insert(churnTrainings).values({ workspaceId: ws, id, status: 'queued' })
}

export async function markTraining(tx: Executor, ws: string, id: string, status: string, error?: string) {
  await tx
    .update(churnTrainings)
    .set({ status, error: error ?? null, ...(status === 'running' ? {} : { finishedAt: new Date() }) })
    .where(and(eq(churnTrainings.workspaceId, ws), eq(churnTrainings.id, id)))
}

/** The newest training asked for (the panel's progress). */
export async function latestTraining(tx: Executor, ws: string) {
  const [row] = await tx
    .select()
    .from(churnTrainings)
    .where(eq(churnTrainings.workspaceId, ws))
    .orderBy(desc(churnTrainings.requestedAt))
    .limit(1)
  return row
}
