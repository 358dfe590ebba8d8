import { and, desc, eq, gte, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import type { TierPackage } from '@openkam/contract'
import type { Executor } from '../../core/db/types'
import { accounts } from '../accounts'
import { accountTierChanges, accountTiers, tierRules } from './tier.table'

type Row = Record<string, any>

export const findRulesRow = async (tx: Executor, ws: string, forUpdate = false) => {
  const q = tx.select().from(tierRules).where(eq(tierRules.workspaceId, ws))
  return (forUpdate ? await q.for('update') : await q)[0] ?? null
}

export const saveRulesRow = async (
  tx: Executor,
  ws: string,
  v: {
    strategicMin: string
    growthMin: string
    currency: string
    leaderIsStrategic: boolean
    packages: TierPackage[]
    version: number
  },
  userId: string | null,
) =>
  (
    await tx
      .insert(tierRules)
      .values({ workspaceId: ws, ...v, updatedAt: new Date(), updatedBy: userId })
      .onConflictDoUpdate({
        target: tierRules.workspaceId,
        set: {
          strategicMin: sql`excluded.strategic_min`,
          growthMin: sql`excluded.growth_min`,
          currency: sql`excluded.currency`,
          leaderIsStrategic: sql`excluded.leader_is_strategic`,
          packages: sql`excluded.packages`,
          version: sql`excluded.version`,
          updatedAt: sql`excluded.updated_at`,
          updatedBy: sql`excluded.updated_by`,
        },
      })
      .returning()
  )[0]!

export const findAccountTier = async (tx: Executor, ws: string, accountId: string) =>
  (
    await tx
      .select()
      .from(accountTiers)
      .where(and(eq(accountTiers.workspaceId, ws), eq(accountTiers.accountId, accountId)))
  )[0] ?? null

export const upsertAccountTier = (
  tx: Executor,
  ws: string,
  accountId: string,
  set: Partial<typeof accountTiers.$inferInsert>,
) =>
  tx
    .insert(accountTiers)
    .values({ workspaceId: ws, accountId, ...set, updatedAt: new Date() })
    .onConflictDoUpdate({
      target: [accountTiers.workspaceId, accountTiers.accountId],
      set: { ...set, updatedAt: new Date() },
    })

export type TierCandidate = {
  id: string
  tier: string | null
  target: string
  annualSpend: string | null
  leader: boolean
  overridden: boolean
}

/**
 * The accounts whose tier is not what the rules (or their override) say, in one statement: the
 * thresholds go in as parameters, so the whole workspace is checked set-based. `ids` narrows it.
 */
export async function tierMismatches(
  tx: Executor,
  ws: string,
  t: { strategicMin: string; growthMin: string; leaderIsStrategic: boolean },
  ids?: string[],
  limit = 500,
): Promise<TierCandidate[]> {
  const spend = sql`coalesce(${accounts.annualSpend}, 0)`
  const leader = sql`coalesce(${accountTiers.industryLeader}, false)`
  const computed = sql`case when ${spend} >= ${t.strategicMin}::numeric or (${leader} and ${t.leaderIsStrategic}::boolean) then 'strategic' when ${spend} >= ${t.growthMin}::numeric then 'growth' else 'essential' end`
  const target = sql<string>`coalesce(${accountTiers.overrideTier}, ${computed})`
  return tx
    .select({
      id: accounts.id,
      tier: accounts.tier,
      target,
      annualSpend: accounts.annualSpend,
      leader: sql<boolean>`${leader}`,
      overridden: sql<boolean>`${accountTiers.overrideTier} is not null`,
    })
    .from(accounts)
    .leftJoin(
      accountTiers,
      and(eq(accountTiers.workspaceId, accounts.workspaceId), eq(accountTiers.accountId, accounts.id)),
    )
    .where(
      and(
        eq(accounts.workspaceId, ws),
        isNull(accounts.deletedAt),
        ids ? inArray(accounts.id, ids) : undefined,
        // Without a spend figure (and no flag or override) there is nothing to go by: the tier stays as set.
        sql`(${accounts.annualSpend} is not null or ${leader} or ${accountTiers.overrideTier} is not null)`,
        sql`${target} is distinct from ${accounts.tier}`,
      ),
    )
    .orderBy(accounts.id)
    .limit(limit)
}

export const insertChange = (tx: Executor, row: typeof accountTierChanges.$inferInsert) =>
  tx.insert(accountTierChanges).values(row)

/** Tier changes, newest first, of the accounts `visible` lets through, with the account's name. */
export async function listChanges(
  tx: Executor,
  ws: string,
  opts: { accountId?: string; since?: Date; limit: number; visible?: SQL },
): Promise<Row[]> {
  return tx
    .select({ c: accountTierChanges, accountName: accounts.name })
    .from(accountTierChanges)
    .innerJoin(
      accounts,
      and(
        eq(accounts.workspaceId, accountTierChanges.workspaceId),
        eq(accounts.id, accountTierChanges.accountId),
      ),
    )
    .where(
      and(
        eq(accountTierChanges.workspaceId, ws),
        opts.accountId ? eq(accountTierChanges.accountId, opts.accountId) : undefined,
        opts.since ? gte(accountTierChanges.changedAt, opts.since) : undefined,
        opts.visible,
      ),
    )
    .orderBy(desc(accountTierChanges.changedAt), desc(accountTierChanges.id))
    .limit(opts.limit)
}

/** Accounts and annual spend per tier (and overrides), of the accounts `visible` lets through. */
export async function tierTotals(tx: Executor, ws: string, visible?: SQL) {
  return tx
    .select({
      tier: accounts.tier,
      count: sql<number>`count(*)::int`,
      spend: sql<string>`coalesce(sum(${accounts.annualSpend}), 0)::text`,
      overridden: sql<number>`count(${accountTiers.overrideTier})::int`,
    })
    .from(accounts)
    .leftJoin(
      accountTiers,
      and(eq(accountTiers.workspaceId, accounts.workspaceId), eq(accountTiers.accountId, accounts.id)),
    )
    .where(and(eq(accounts.workspaceId, ws), isNull(accounts.deletedAt), visible))
    .groupBy(accounts.tier)
}

/** Upgrades and downgrades since a moment, of the accounts `visible` lets through. */
export async function changeCounts(tx: Executor, ws: string, since: Date, visible?: SQL) {
  const rank = (c: SQL | typeof accountTierChanges.toTier) =>
    sql`case ${c} when 'strategic' then 0 when 'growth' then 1 when 'essential' then 2 else 3 end`
  const [r] = await tx
    .select({
      total: sql<number>`count(*)::int`,
      upgrades: sql<number>`count(*) filter (where ${rank(accountTierChanges.toTier)} < ${rank(sql`${accountTierChanges.fromTier}`)} and ${accountTierChanges.fromTier} is not null)::int`,
      downgrades: sql<number>`count(*) filter (where ${rank(accountTierChanges.toTier)} > ${rank(sql`${accountTierChanges.fromTier}`)} and ${accountTierChanges.fromTier} is not null)::int`,
    })
    .from(accountTierChanges)
    .innerJoin(
      accounts,
      and(
        eq(accounts.workspaceId, accountTierChanges.workspaceId),
        eq(accounts.id, accountTierChanges.accountId),
      ),
    )
    .where(and(eq(accountTierChanges.workspaceId, ws), gte(accountTierChanges.changedAt, since), visible))
  return r ?? { total: 0, upgrades: 0, downgrades: 0 }
}
