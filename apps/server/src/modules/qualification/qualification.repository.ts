import { and, asc, eq, gt, isNull, sql, type SQL } from 'drizzle-orm'
import type { Db, Executor } from '../../core/db/types'
import { accounts } from '../accounts'
import {
  accountIcpFits,
  icps,
  segmentSettings,
  type IcpDimensionResult,
  type SegmentCellSetting,
  type SizeThresholds,
} from './qualification.table'

const ids = (list: string[]) => sql`any(${sql.param(list)}::uuid[])`

export type IcpRow = typeof icps.$inferSelect

/** The active, live ICPs of a workspace, oldest first. */
export const activeIcps = (tx: Executor, ws: string): Promise<IcpRow[]> =>
  tx
    .select()
    .from(icps)
    .where(and(eq(icps.workspaceId, ws), eq(icps.active, true), isNull(icps.deletedAt)))
    .orderBy(asc(icps.createdAt), asc(icps.id))

/** Live account rows by id (whole rows: the fit reads any field, custom ones too). */
export const accountRows = (tx: Executor, ws: string, accountIds: string[]) =>
  accountIds.length
    ? tx
        .select()
        .from(accounts)
        .where(
          and(
            eq(accounts.workspaceId, ws),
            sql`${accounts.id} = ${ids(accountIds)}`,
            isNull(accounts.deletedAt),
          ),
        )
    : Promise.resolve([])

/** A page of live account ids after `after`, in id order (for jobs over every account). */
export const accountIdPage = async (db: Executor, ws: string, after: string | null, limit: number) =>
  (
    await db
      .select({ id: accounts.id })
      .from(accounts)
      .where(
        and(
          eq(accounts.workspaceId, ws),
          isNull(accounts.deletedAt),
          after ? gt(accounts.id, after) : undefined,
        ),
      )
      .orderBy(asc(accounts.id))
      .limit(limit)
  ).map((r) => r.id)

export const workspacesWithAccounts = async (db: Db): Promise<string[]> =>
  (
    (await db.execute(
      sql`select distinct workspace_id from accounts where deleted_at is null`,
    )) as unknown as {
      rows: { workspace_id: string }[]
    }
  ).rows.map((r) => r.workspace_id)

export type NewFit = {
  accountId: string
  icpId: string
  icpVersion: number
  fit: number
  incomplete: boolean
  details: IcpDimensionResult[]
}

/**
 * Replaces the stored fits of some accounts: upserts the given ones and drops fits of ICPs no longer
 * active; then sets each account's best fit (icp_fit, icp_id; null without an active ICP).
 */
export async function storeFits(
  tx: Executor,
  ws: string,
  accountIds: string[],
  fits: NewFit[],
  best: { id: string; fit: number | null; icpId: string | null }[],
  now: Date,
) {
  if (!accountIds.length) return
  const icpIds = [...new Set(fits.map((f) => f.icpId))]
  await tx.execute(sql`
    delete from account_icp_fits where workspace_id = ${ws} and account_id = ${ids(accountIds)}
    and not (icp_id = ${ids(icpIds)})`)
  if (fits.length)
    await tx.execute(sql`
      insert into account_icp_fits (workspace_id, account_id, icp_id, fit, incomplete, details, icp_version, computed_at)
      select ${ws}, v.account_id, v.icp_id, v.fit, v.incomplete, v.details, v.icp_version, ${now}
      from jsonb_to_recordset(${JSON.stringify(fits.map(toFitRow))}::jsonb)
        as v(account_id uuid, icp_id uuid, fit numeric, incomplete boolean, details jsonb, icp_version int)
      on conflict (workspace_id, account_id, icp_id) do update set fit = excluded.fit,
        incomplete = excluded.incomplete, details = excluded.details, icp_version = excluded.icp_version,
        computed_at = excluded.computed_at`)
  await tx.execute(sql`
    update accounts a set icp_fit = v.fit, icp_id = v.icp_id
    from jsonb_to_recordset(${JSON.stringify(best.map((b) => ({ id: b.id, fit: b.fit, icp_id: b.icpId })))}::jsonb)
      as v(id uuid, fit numeric, icp_id uuid)
    where a.workspace_id = ${ws} and a.id = v.id
      and (a.icp_fit is distinct from v.fit or a.icp_id is distinct from v.icp_id)`)
}

const toFitRow = (f: NewFit) => ({
  account_id: f.accountId,
  icp_id: f.icpId,
  fit: f.fit,
  incomplete: f.incomplete,
  details: f.details,
  icp_version: f.icpVersion,
})

/** The stored fits of one account with their ICP's name, best first. */
export const fitsOf = (tx: Executor, ws: string, accountId: string) =>
  tx
    .select({
      icpId: accountIcpFits.icpId,
      icpName: icps.name,
      fit: accountIcpFits.fit,
      incomplete: accountIcpFits.incomplete,
      details: accountIcpFits.details,
      computedAt: accountIcpFits.computedAt,
    })
    .from(accountIcpFits)
    .innerJoin(icps, and(eq(icps.workspaceId, accountIcpFits.workspaceId), eq(icps.id, accountIcpFits.icpId)))
    .where(and(eq(accountIcpFits.workspaceId, ws), eq(accountIcpFits.accountId, accountId)))
    .orderBy(sql`${accountIcpFits.fit} desc`, asc(icps.name))

export type SegmentInputRow = {
  id: string
  industry: string | null
  employees: number | null
  annual_revenue: string | null
  size_band: string | null
  segment: string | null
  demand_maturity: string | null
  customer: boolean
  open_stages: string[] | null
}

/**
 * What the segment of some accounts depends on, in one query: the size fields, and whether the account
 * is a customer (an active or approved contract not yet ended, or a deal won within 365 days) and the
 * stages of its open deals. Locks the accounts.
 */
export async function segmentInputs(tx: Executor, ws: string, accountIds: string[], today: string) {
  if (!accountIds.length) return []
  const res = (await tx.execute(sql`
    select a.id, a.industry, a.employees, a.annual_revenue, a.size_band, a.segment, a.demand_maturity,
      (exists (select 1 from contracts c where c.workspace_id = a.workspace_id and c.account_id = a.id
                 and c.deleted_at is null and c.status in ('active', 'approved')
                 and (c.end_date is null or c.end_date >= ${today}::date))
       or exists (select 1 from opportunities o where o.workspace_id = a.workspace_id and o.account_id = a.id
                 and o.deleted_at is null and o.status = 'won'
                 and coalesce(o.won_at, o.updated_at) >= ${today}::date - 365)) as customer,
      (select array_agg(distinct o.stage) from opportunities o where o.workspace_id = a.workspace_id
         and o.account_id = a.id and o.deleted_at is null and o.status = 'open') as open_stages
    from accounts a
    where a.workspace_id = ${ws} and a.id = ${ids(accountIds)} and a.deleted_at is null
    order by a.id
    for update of a`)) as unknown as { rows: SegmentInputRow[] }
  return res.rows
}

/** Sets segment and demand maturity of some accounts. */
export async function setSegments(
  tx: Executor,
  ws: string,
  rows: { id: string; segment: string; maturity: string }[],
) {
  if (!rows.length) return
  await tx.execute(sql`
    update accounts a set segment = v.segment, demand_maturity = v.maturity
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(id uuid, segment text, maturity text)
    where a.workspace_id = ${ws} and a.id = v.id`)
}

export type SegmentSettingsRow = typeof segmentSettings.$inferSelect

export async function findSegmentSettings(
  tx: Executor,
  ws: string,
  forUpdate = false,
): Promise<SegmentSettingsRow | null> {
  const q = tx.select().from(segmentSettings).where(eq(segmentSettings.workspaceId, ws))
  return (forUpdate ? await q.for('update') : await q)[0] ?? null
}

export async function updateSegmentSettingsRow(
  tx: Executor,
  ctx: { ws: string; principal: { userId: string | null } },
  thresholds: SizeThresholds,
  cells: Record<string, SegmentCellSetting>,
) {
  const [row] = await tx
    .update(segmentSettings)
    .set({
      thresholds,
      cells,
      version: sql`${segmentSettings.version} + 1`,
      updatedAt: new Date(),
      updatedBy: ctx.principal.userId,
    })
    .where(eq(segmentSettings.workspaceId, ctx.ws))
    .returning()
  return row!
}

export async function insertSegmentSettings(
  tx: Executor,
  ws: string,
  v: { thresholds: SizeThresholds; cells: Record<string, SegmentCellSetting>; template: string | null },
) {
  await tx
    .insert(segmentSettings)
    .values({ workspaceId: ws, ...v })
    .onConflictDoNothing()
}

/** The matrix counts: accounts, annual spend and average health per segment key (visible accounts only). */
export async function segmentCounts(tx: Executor, ws: string, visibility: SQL | undefined) {
  const rows = await tx
    .select({
      segment: accounts.segment,
      industry: accounts.industry,
      count: sql<number>`count(*)::int`,
      arr: sql<string>`coalesce(sum(${accounts.annualSpend}), 0)::text`,
      healthSum: sql<string | null>`sum(${accounts.healthScore})::text`,
      healthCount: sql<number>`count(${accounts.healthScore})::int`,
    })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ws), isNull(accounts.deletedAt), visibility))
    .groupBy(accounts.segment, accounts.industry)
  return rows
}
