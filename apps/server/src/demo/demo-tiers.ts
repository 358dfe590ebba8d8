import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm'
import type { Ctx } from '../core/context'
import type { Executor } from '../core/db/types'
import { newId } from '../core/ids'
import { recordAudit } from '../core/audit/audit'
import { accountCollection, accounts } from '../modules/accounts'
import { accountTierChanges, accountTiers, defaultPackages } from '../modules/tiers'
import type { Lang } from './demo-data'

const DAY = 86_400_000
const rule = { strategicMin: '1000000.00', growthMin: '100000.00', currency: 'CNY' }

/**
 * The service-tier part of the demo (SPEC R-04): a history of past upgrades and downgrades, then a few
 * changes played through the engine now — two upgrades, a downgrade, a manager's override and an industry
 * leader — whose package tasks the template rules create once the seed commits. All set-based.
 */
export async function seedTierDemo(
  tx: Executor,
  ctx: Ctx,
  lang: Lang,
  opts: { managerId: string; now?: Date },
) {
  const now = opts.now ?? new Date()
  const pkgs = defaultPackages(lang)
  const pkg = (t: string | null) => (t ? (pkgs.find((p) => p.tier === t)?.name ?? t) : null)
  const list = await tx
    .select({ id: accounts.id, tier: accounts.tier, spend: accounts.annualSpend })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ctx.ws), isNull(accounts.deletedAt), isNotNull(accounts.annualSpend)))
    .orderBy(asc(accounts.createdAt), asc(accounts.id))
  const of = (tier: string) => list.filter((a) => a.tier === tier)
  const [strategic, growth, essential] = [of('strategic'), of('growth'), of('essential')]
  if (strategic.length < 4 || growth.length < 6 || essential.length < 4) return { history: 0, live: 0 }

  // History: how some accounts reached the tier they are in.
  const past: [(typeof list)[number], string, number][] = [
    [strategic[1]!, 'growth', 75],
    [strategic[2]!, 'growth', 200],
    [growth[1]!, 'essential', 20],
    [growth[2]!, 'strategic', 130],
    [essential[1]!, 'growth', 60],
    [growth[3]!, 'essential', 300],
  ]
  await tx.insert(accountTierChanges).values(
    past.map(([a, from, days]) => ({
      id: newId(),
      workspaceId: ctx.ws,
      accountId: a.id,
      fromTier: from,
      toTier: a.tier!,
      reason: 'evaluation',
      annualSpend: a.spend,
      rule,
      fromPackage: pkg(from),
      toPackage: pkg(a.tier)!,
      changedAt: new Date(now.getTime() - days * DAY),
    })),
  )

  // Live: five changes as the evaluation makes them — set-based here, with the same history rows, audit
  // entries and events, so that the template rules create the package tasks once the seed commits.
  const note =
    lang === 'en'
      ? 'Group headquarters pilot: a strategic reference customer for the industry'
      : '集团总部试点项目：行业战略标杆客户'
  const live: { a: (typeof list)[number]; from: string; to: string; reason: string; note?: string }[] = [
    { a: strategic[3]!, from: 'growth', to: 'strategic', reason: 'evaluation' },
    { a: growth[4]!, from: 'essential', to: 'growth', reason: 'evaluation' },
    { a: essential[2]!, from: 'growth', to: 'essential', reason: 'evaluation' },
    { a: growth[5]!, from: 'growth', to: 'strategic', reason: 'override', note },
    { a: essential[3]!, from: 'essential', to: 'strategic', reason: 'evaluation' },
  ]
  const pinned = live[3]!.a
  const leader = live[4]!.a
  await tx.insert(accountTiers).values([
    {
      workspaceId: ctx.ws,
      accountId: pinned.id,
      overrideTier: 'strategic',
      overrideReason: note,
      overrideBy: opts.managerId,
      overrideAt: now,
    },
    { workspaceId: ctx.ws, accountId: leader.id, industryLeader: true },
  ])
  const ids = live.map((x) => x.a.id)
  await tx
    .update(accounts)
    .set({
      tier: sql`case when ${accounts.id} in (${sql.join(
        [pinned.id, leader.id].map((i) => sql`${i}::uuid`),
        sql`, `,
      )}) then 'strategic' else ${accounts.tier} end`,
      version: sql`${accounts.version} + 1`,
      updatedAt: now,
    })
    .where(and(eq(accounts.workspaceId, ctx.ws), inArray(accounts.id, ids)))
  const changeIds = live.map(() => newId())
  await tx.insert(accountTierChanges).values(
    live.map((x, i) => ({
      id: changeIds[i]!,
      workspaceId: ctx.ws,
      accountId: x.a.id,
      fromTier: x.from,
      toTier: x.to,
      reason: x.reason,
      note: x.note ?? null,
      annualSpend: x.a.spend,
      industryLeader: x.a.id === leader.id,
      rule,
      fromPackage: pkg(x.from),
      toPackage: pkg(x.to)!,
      changedBy: x.reason === 'override' ? opts.managerId : null,
      changedAt: now,
    })),
  )
  await recordAudit(
    tx,
    ctx,
    live.map((x) => ({
      action: 'update',
      entityType: 'account',
      entityId: x.a.id,
      before: { tier: x.from },
      after: { tier: x.to },
    })),
  )
  const records = (await accountCollection.list(tx, ctx, { limit: 10, id: ids.join(',') })).data
  await ctx.events.emit(
    tx,
    ctx,
    live.flatMap((x, i) => [
      {
        type: 'account.updated',
        entityType: 'account',
        entityId: x.a.id,
        payload: {
          record: records.find((r) => r.id === x.a.id)!,
          changed: ['tier'],
          before: { tier: x.from },
        },
      },
      {
        type: 'account.tier_changed',
        entityType: 'account',
        entityId: x.a.id,
        payload: {
          from: x.from,
          to: x.to,
          annualSpend: x.a.spend,
          reason: x.reason,
          changeId: changeIds[i]!,
        },
      },
    ]),
  )
  return { history: past.length, live: live.length }
}
