import { and, asc, desc, eq, gt, gte, isNull, lte, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'
import { newId } from '../../core/ids'
import { accounts } from '../accounts'
import { healthModels, healthOverrides, healthSnapshots } from './health.table'
import type { MetricContribution } from './health.table'

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows
const ids = (list: string[]) => sql`any(${sql.param(list)}::uuid[])`

export type ModelRow = typeof healthModels.$inferSelect
export type AccountHealthRow = {
  id: string
  name: string
  tier: string | null
  segment: string | null
  healthScore: string | null
  healthBand: string | null
}

/** Published, live models of a workspace (only published models score accounts). */
export const publishedModels = (tx: Executor, ws: string): Promise<ModelRow[]> =>
  tx
    .select()
    .from(healthModels)
    .where(
      and(
        eq(healthModels.workspaceId, ws),
        eq(healthModels.status, 'published'),
        isNull(healthModels.deletedAt),
      ),
    )
    .orderBy(asc(healthModels.createdAt), asc(healthModels.id))

/** The metric keys the workspace's live models (draft or published) name. */
export const modelMetricKeys = async (tx: Executor, ws: string): Promise<Set<string>> => {
  const rows = await tx
    .select({ metrics: healthModels.metrics })
    .from(healthModels)
    .where(and(eq(healthModels.workspaceId, ws), isNull(healthModels.deletedAt)))
  return new Set(rows.flatMap((r) => (r.metrics as { metric: string }[]).map((m) => m.metric)))
}

export const findModel = async (tx: Executor, ws: string, id: string): Promise<ModelRow | undefined> =>
  (
    await tx
      .select()
      .from(healthModels)
      .where(and(eq(healthModels.workspaceId, ws), eq(healthModels.id, id), isNull(healthModels.deletedAt)))
  )[0]

const accountCols = {
  id: accounts.id,
  name: accounts.name,
  tier: accounts.tier,
  segment: accounts.segment,
  healthScore: accounts.healthScore,
  healthBand: accounts.healthBand,
}

/** Some live accounts, locked for the recompute so two workers never score one account at once. */
export const lockAccounts = (tx: Executor, ws: string, accountIds: string[]): Promise<AccountHealthRow[]> =>
  tx
    .select(accountCols)
    .from(accounts)
    .where(
      and(eq(accounts.workspaceId, ws), sql`${accounts.id} = ${ids(accountIds)}`, isNull(accounts.deletedAt)),
    )
    .orderBy(asc(accounts.id))
    .for('update')

/**
 * The newest value of each metric of some accounts, recorded at or before `asOf` and after `since`:
 * one set-based pass (`distinct on`, served by metric_values_account_idx).
 */
export async function newestValues(
  tx: Executor,
  ws: string,
  accountIds: string[],
  metrics: string[],
  since: Date,
  asOf: Date,
) {
  if (!accountIds.length || !metrics.length) return []
  return rowsOf<{ account_id: string; metric: string; value: string; at: Date | string }>(
    await tx.execute(sql`
      select distinct on (account_id, metric) account_id, metric, value, at
      from metric_values
      where workspace_id = ${ws} and account_id = ${ids(accountIds)}
        and metric = any(${sql.param(metrics)}::text[]) and at > ${since} and at <= ${asOf}
      order by account_id, metric, at desc, recorded_at desc`),
  )
}

export type SnapshotRow = typeof healthSnapshots.$inferSelect

/** The newest snapshot of each of some accounts. */
export async function latestSnapshots(tx: Executor, ws: string, accountIds: string[]) {
  if (!accountIds.length) return []
  return rowsOf<{
    account_id: string
    score: string | null
    band: string | null
    status: string
    incomplete: boolean
    contributions: MetricContribution[]
    computed_at: Date | string
    model_id: string
  }>(
    await tx.execute(sql`
      select distinct on (account_id) account_id, score, band, status, incomplete, contributions, computed_at,
        model_id
      from health_snapshots where workspace_id = ${ws} and account_id = ${ids(accountIds)}
      order by account_id, computed_at desc, id desc`),
  )
}

export type NewSnapshot = {
  accountId: string
  modelId: string
  modelVersion: number
  score: number | null
  band: string | null
  status: string
  incomplete: boolean
  contributions: MetricContribution[]
  reason: string
}

export async function insertSnapshots(tx: Executor, ws: string, rows: NewSnapshot[], at: Date) {
  for (let i = 0; i < rows.length; i += 1000) {
    await tx.insert(healthSnapshots).values(
      rows.slice(i, i + 1000).map((r) => ({
        id: newId(),
        workspaceId: ws,
        accountId: r.accountId,
        modelId: r.modelId,
        modelVersion: r.modelVersion,
        score: r.score === null ? null : r.score.toFixed(2),
        band: r.band,
        status: r.status,
        incomplete: r.incomplete,
        contributions: r.contributions,
        computedAt: at,
        reason: r.reason,
      })),
    )
  }
}

/** Sets the stored (effective) health of many accounts in one statement. */
export async function setAccountHealth(
  tx: Executor,
  ws: string,
  rows: { id: string; score: number | null; band: string | null }[],
) {
  if (!rows.length) return
  await tx.execute(sql`
    update accounts a set health_score = v.score, health_band = v.band
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, score numeric, band text)
    where a.workspace_id = ${ws} and a.id = v.id`)
}

export type OverrideRow = typeof healthOverrides.$inferSelect

/** The active (not ended, not expired at `now`) overrides of some accounts. */
export const activeOverrides = (
  tx: Executor,
  ws: string,
  accountIds: string[],
  now: Date,
): Promise<OverrideRow[]> =>
  accountIds.length
    ? tx
        .select()
        .from(healthOverrides)
        .where(
          and(
            eq(healthOverrides.workspaceId, ws),
            sql`${healthOverrides.accountId} = ${ids(accountIds)}`,
            isNull(healthOverrides.endedAt),
            gt(healthOverrides.expiresAt, now),
          ),
        )
    : Promise.resolve([])

/** The open override of an account, expired or not (the unique index allows one). */
export const openOverride = async (tx: Executor, ws: string, accountId: string) =>
  (
    await tx
      .select()
      .from(healthOverrides)
      .where(
        and(
          eq(healthOverrides.workspaceId, ws),
          eq(healthOverrides.accountId, accountId),
          isNull(healthOverrides.endedAt),
        ),
      )
      .for('update')
  )[0]

/** Overrides whose expiry has passed but that are not ended yet. */
export const expiredOverrides = (tx: Executor, ws: string, now: Date) =>
  tx
    .select()
    .from(healthOverrides)
    .where(
      and(
        eq(healthOverrides.workspaceId, ws),
        isNull(healthOverrides.endedAt),
        lte(healthOverrides.expiresAt, now),
      ),
    )

export const snapshotsBetween = (tx: Executor, ws: string, accountId: string, from?: Date, to?: Date) =>
  tx
    .select()
    .from(healthSnapshots)
    .where(
      and(
        eq(healthSnapshots.workspaceId, ws),
        eq(healthSnapshots.accountId, accountId),
        from ? gte(healthSnapshots.computedAt, from) : undefined,
        to ? lte(healthSnapshots.computedAt, to) : undefined,
      ),
    )
    .orderBy(asc(healthSnapshots.computedAt), asc(healthSnapshots.id))
    .limit(5000)

/** The newest snapshot at or before a moment (the "before" side of a what-changed diff). */
export const snapshotAt = async (tx: Executor, ws: string, accountId: string, at: Date) =>
  (
    await tx
      .select()
      .from(healthSnapshots)
      .where(
        and(
          eq(healthSnapshots.workspaceId, ws),
          eq(healthSnapshots.accountId, accountId),
          lte(healthSnapshots.computedAt, at),
        ),
      )
      .orderBy(desc(healthSnapshots.computedAt), desc(healthSnapshots.id))
      .limit(1)
  )[0]

/**
 * The board's band distribution over the accounts the person may read (`visible` narrows): an account
 * with no band is `insufficient_data` when its newest snapshot says so (some data, too little), else
 * `unscored`.
 */
export async function bandDistribution(tx: Executor, ws: string, visible: SQL | undefined) {
  return tx
    .select({
      band: sql<string>`coalesce(${accounts.healthBand}, (
        select case when s.status = 'insufficient_data' then s.status end from health_snapshots s
        where s.workspace_id = accounts.workspace_id and s.account_id = accounts.id
        order by s.computed_at desc, s.id desc limit 1), 'unscored')`,
      count: sql<number>`count(*)::int`,
      spend: sql<string>`coalesce(sum(${accounts.annualSpend}), 0)::text`,
    })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ws), isNull(accounts.deletedAt), visible))
    .groupBy(sql`1`)
}

/** Score change per account: the current stored score against the newest snapshot at or before `since`. */
export async function movers(tx: Executor, ws: string, visible: SQL | undefined, since: Date, limit: number) {
  // Not aliased: the visibility fragment names the accounts table by its own name.
  const base = sql`
    select accounts.id, accounts.name, accounts.health_score::float8 as score, accounts.health_band as band,
      p.score::float8 as previous
    from accounts
    join lateral (
      select s.score from health_snapshots s
      where s.workspace_id = accounts.workspace_id and s.account_id = accounts.id and s.computed_at <= ${since}
        and s.score is not null
      order by s.computed_at desc limit 1
    ) p on true
    where accounts.workspace_id = ${ws} and accounts.deleted_at is null and accounts.health_score is not null
      and ${visible ?? sql`true`}`
  const drops = rowsOf<{ id: string; name: string; score: number; band: string; previous: number }>(
    await tx.execute(
      sql`select * from (${base}) m where score < previous order by score - previous asc, id limit ${limit}`,
    ),
  )
  const rises = rowsOf<{ id: string; name: string; score: number; band: string; previous: number }>(
    await tx.execute(
      sql`select * from (${base}) m where score > previous order by score - previous desc, id limit ${limit}`,
    ),
  )
  return { drops, rises }
}

/** The newest value of each metric per account as of a moment of its own (backtests), in one pass. */
export async function newestValuesAsOf(
  tx: Executor,
  ws: string,
  points: { accountId: string; asOf: Date }[],
  metrics: string[],
  lookbackDays: number,
) {
  if (!points.length || !metrics.length) return []
  const json = JSON.stringify(points.map((p) => ({ account_id: p.accountId, as_of: p.asOf.toISOString() })))
  return rowsOf<{ account_id: string; metric: string; value: string; at: Date | string }>(
    await tx.execute(sql`
      select distinct on (v.account_id, m.metric) v.account_id, m.metric, m.value, m.at
      from jsonb_to_recordset(${json}::jsonb) as v(account_id uuid, as_of timestamptz)
      join metric_values m on m.workspace_id = ${ws} and m.account_id = v.account_id
        and m.metric = any(${sql.param(metrics)}::text[])
        and m.at <= v.as_of and m.at > v.as_of - make_interval(days => ${lookbackDays}::int)
      order by v.account_id, m.metric, m.at desc, m.recorded_at desc`),
  )
}

/**
 * Past outcomes for backtests: per account, its latest contract that ended (before today, within three
 * years); `renewed` when a later contract follows it (starting at most 60 days before its end), else
 * churned — unless a contract is still running. Limited to the accounts the person may read.
 */
export async function pastOutcomes(tx: Executor, ws: string, visible: SQL | undefined, today: string) {
  return rowsOf<{ account_id: string; name: string; end_date: string; renewed: boolean; running: boolean }>(
    await tx.execute(sql`
      with ended as (
        select distinct on (c.account_id) c.account_id, c.id, c.end_date
        from contracts c
        where c.workspace_id = ${ws} and c.deleted_at is null and c.end_date < ${today}::date
          and c.end_date >= ${today}::date - 1095 and c.status in ('approved', 'active', 'ended')
        order by c.account_id, c.end_date desc, c.id
      )
      select e.account_id, accounts.name, e.end_date::text as end_date,
        exists (
          select 1 from contracts n where n.workspace_id = ${ws} and n.account_id = e.account_id
            and n.deleted_at is null and n.id <> e.id and n.status in ('approved', 'active', 'ended')
            and n.start_date >= e.end_date - 60 and coalesce(n.end_date, 'infinity'::date) > e.end_date
        ) as renewed,
        exists (
          select 1 from contracts r where r.workspace_id = ${ws} and r.account_id = e.account_id
            and r.deleted_at is null and r.status = 'active' and r.end_date >= ${today}::date
        ) as running
      from ended e join accounts on accounts.workspace_id = ${ws} and accounts.id = e.account_id
      where accounts.deleted_at is null and ${visible ?? sql`true`}
      order by e.end_date desc, e.account_id
      limit 5000`),
  )
}
