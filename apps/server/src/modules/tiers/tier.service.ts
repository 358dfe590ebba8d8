import { sql } from 'drizzle-orm'
import type { AccountTier, TierChange, TierKey, TierRules, TierSummary } from '@openkam/contract'
import { scopeFor, systemPrincipal } from '../../core/access/permissions'
import { recordAudit } from '../../core/audit/audit'
import type { Ctx } from '../../core/context'
import type { Db, Executor } from '../../core/db/types'
import { AppError, notFound } from '../../core/errors'
import type { EventSink } from '../../core/events/bus'
import { newId } from '../../core/ids'
import { accountCollection } from '../accounts'
import { tierFor } from './tier-rules'
import { loadTierRules, thresholdsOf } from './tier-settings.service'
import {
  changeCounts,
  findAccountTier,
  insertChange,
  listChanges,
  tierMismatches,
  tierTotals,
  upsertAccountTier,
} from './tier.repository'

type Row = Record<string, any>
type Reason = TierChange['reason']

const DAY = 86_400_000
/** Accounts changed per transaction by the nightly evaluation. */
const BATCH = 200

export const tierSystemCtx = (ws: string, events: EventSink): Ctx => ({
  ws,
  principal: systemPrincipal(ws),
  events,
})

/** The permission key of tier overrides: administrators and sales managers (SPEC R-04). */
export const TIER_OVERRIDE_PERMISSION = 'tier_overrides'

const packageName = (rules: TierRules, tier: string | null) =>
  tier ? (rules.packages.find((p) => p.tier === tier)?.name ?? tier) : null

/**
 * Moves one account to a tier: the account's `tier` (audited, `account.updated` — which is what
 * template rules on `field_changed tier` react to, creating the package's tasks), the history row with
 * the rule values, and `account.tier_changed`, all in the caller's transaction. `ctx` writes the account:
 * the system for evaluations, the manager for an override.
 */
async function applyTierChange(
  tx: Executor,
  ctx: Ctx,
  rules: TierRules,
  c: { id: string; to: TierKey; reason: Reason; note?: string | null; leader: boolean },
) {
  const before = (await accountCollection.get(tx, ctx, c.id)) as Row
  if (before.tier === c.to) return false
  await accountCollection.update(tx, ctx, c.id, { version: before.version, tier: c.to })
  const spend = (before.annualSpend?.amount as string | undefined) ?? null
  const id = newId()
  await insertChange(tx, {
    id,
    workspaceId: ctx.ws,
    accountId: c.id,
    fromTier: before.tier ?? null,
    toTier: c.to,
    reason: c.reason,
    note: c.note ?? null,
    annualSpend: spend,
    industryLeader: c.leader,
    rule: { strategicMin: rules.strategicMin, growthMin: rules.growthMin, currency: rules.currency },
    fromPackage: packageName(rules, before.tier ?? null),
    toPackage: packageName(rules, c.to)!,
    changedBy: ctx.principal.userId,
    changedAt: new Date(),
  })
  await ctx.events.emit(tx, ctx, [
    {
      type: 'account.tier_changed',
      entityType: 'account',
      entityId: c.id,
      payload: { from: before.tier ?? null, to: c.to, annualSpend: spend, reason: c.reason, changeId: id },
    },
  ])
  return true
}

/**
 * Brings accounts of a workspace to the tier their rules say (or their override), in the caller's
 * transaction: the mismatches are found in one statement, then each changed account is written. Returns
 * the number changed. Running it again changes nothing.
 */
export async function evaluateTiers(
  tx: Executor,
  ctx: Ctx,
  opts: { ids?: string[]; reason?: Reason; limit?: number } = {},
): Promise<{ changed: number; more: boolean }> {
  const rules = await loadTierRules(tx, ctx.ws)
  const limit = opts.limit ?? 100_000
  const list = await tierMismatches(tx, ctx.ws, rules, opts.ids, limit)
  const sys = tierSystemCtx(ctx.ws, ctx.events)
  let changed = 0
  for (const m of list) {
    const reason: Reason = opts.reason ?? (m.overridden ? 'override' : 'evaluation')
    if (
      await applyTierChange(tx, sys, rules, { id: m.id, to: m.target as TierKey, reason, leader: m.leader })
    )
      changed++
  }
  return { changed, more: list.length >= limit }
}

/** The nightly (and manual) evaluation of every workspace, or of one, a batch of accounts per transaction. */
export async function evaluateAllTiers(db: Db, events: EventSink, ws?: string) {
  const list = ws
    ? [ws]
    : (
        (await db.execute(
          sql`select distinct workspace_id as ws from accounts where deleted_at is null`,
        )) as unknown as { rows: { ws: string }[] }
      ).rows.map((r) => r.ws)
  let changed = 0
  for (const w of list) {
    for (;;) {
      const r = await db.transaction((tx) => evaluateTiers(tx, tierSystemCtx(w, events), { limit: BATCH }))
      changed += r.changed
      if (!r.more || r.changed === 0) break
    }
  }
  return { workspaces: list.length, changed }
}

function mayOverride(ctx: Ctx) {
  if (scopeFor(ctx.principal, TIER_OVERRIDE_PERMISSION, 'create') === 'none')
    throw new AppError('forbidden', 'forbidden', 'Your role may not override service tiers (tier_overrides)')
}

/**
 * A manager pins an account's tier with a reason (kept until cleared; the evaluator does not overwrite
 * it). The manager must be allowed to change the account.
 */
export async function setTierOverride(
  tx: Executor,
  ctx: Ctx,
  accountId: string,
  input: { tier: TierKey; reason: string },
) {
  mayOverride(ctx)
  const account = (await accountCollection.get(tx, ctx, accountId)) as Row
  const state = await findAccountTier(tx, ctx.ws, accountId)
  await upsertAccountTier(tx, ctx.ws, accountId, {
    overrideTier: input.tier,
    overrideReason: input.reason,
    overrideBy: ctx.principal.userId,
    overrideAt: new Date(),
  })
  await recordAudit(tx, ctx, [
    {
      action: 'tier_overridden',
      entityType: 'account',
      entityId: accountId,
      before: {
        override: state?.overrideTier ? { tier: state.overrideTier, reason: state.overrideReason } : null,
      },
      after: { override: { tier: input.tier, reason: input.reason } },
    },
  ])
  if (account.tier !== input.tier) {
    const rules = await loadTierRules(tx, ctx.ws)
    await applyTierChange(tx, ctx, rules, {
      id: accountId,
      to: input.tier,
      reason: 'override',
      note: input.reason,
      leader: state?.industryLeader ?? false,
    })
  }
  return accountTier(tx, ctx, accountId)
}

/** Ends the override: the account goes back to the tier its spend earns. */
export async function clearTierOverride(tx: Executor, ctx: Ctx, accountId: string) {
  mayOverride(ctx)
  await accountCollection.get(tx, ctx, accountId)
  const state = await findAccountTier(tx, ctx.ws, accountId)
  if (!state?.overrideTier) throw notFound('A tier override of this account')
  await upsertAccountTier(tx, ctx.ws, accountId, {
    overrideTier: null,
    overrideReason: null,
    overrideBy: null,
    overrideAt: null,
  })
  await recordAudit(tx, ctx, [
    {
      action: 'tier_override_cleared',
      entityType: 'account',
      entityId: accountId,
      before: { override: { tier: state.overrideTier, reason: state.overrideReason } },
      after: { override: null },
    },
  ])
  await evaluateTiers(tx, ctx, { ids: [accountId], reason: 'override_cleared' })
  return accountTier(tx, ctx, accountId)
}

/**
 * Flags (or unflags) an account as an industry leader, which makes it strategic by default. A judgement
 * like an override, so it needs the same permission.
 */
export async function setIndustryLeader(tx: Executor, ctx: Ctx, accountId: string, industryLeader: boolean) {
  mayOverride(ctx)
  await accountCollection.get(tx, ctx, accountId)
  const state = await findAccountTier(tx, ctx.ws, accountId)
  if ((state?.industryLeader ?? false) !== industryLeader) {
    await upsertAccountTier(tx, ctx.ws, accountId, { industryLeader })
    await recordAudit(tx, ctx, [
      {
        action: 'update',
        entityType: 'account',
        entityId: accountId,
        before: { industryLeader: !industryLeader },
        after: { industryLeader },
      },
    ])
    await evaluateTiers(tx, ctx, { ids: [accountId] })
  }
  return accountTier(tx, ctx, accountId)
}

const changeOut = (r: Row): TierChange => ({
  id: r.c.id,
  accountId: r.c.accountId,
  accountName: r.accountName ?? null,
  fromTier: r.c.fromTier,
  toTier: r.c.toTier,
  reason: r.c.reason,
  note: r.c.note,
  annualSpend: r.c.annualSpend,
  industryLeader: r.c.industryLeader,
  rule: r.c.rule,
  fromPackage: r.c.fromPackage,
  toPackage: r.c.toPackage,
  changedBy: r.c.changedBy,
  changedAt: (r.c.changedAt as Date).toISOString(),
})

/** An account's tier: current, computed from the rules, the flag, the override, its package and history. */
export async function accountTier(tx: Executor, ctx: Ctx, accountId: string): Promise<AccountTier> {
  const account = (await accountCollection.get(tx, ctx, accountId)) as Row
  const rules = await loadTierRules(tx, ctx.ws)
  const state = await findAccountTier(tx, ctx.ws, accountId)
  const spend = (account.annualSpend?.amount as string | undefined) ?? null
  const leader = state?.industryLeader ?? false
  const changes = await listChanges(tx, ctx.ws, { accountId, limit: 50 })
  return {
    accountId,
    tier: account.tier ?? null,
    computedTier:
      spend === null && !leader
        ? null
        : tierFor(spend === null ? null : Number(spend), leader, thresholdsOf(rules)),
    annualSpend: spend,
    currency: (account.annualSpend?.currency as string | undefined) ?? rules.currency,
    industryLeader: leader,
    override:
      state?.overrideTier && state.overrideAt
        ? {
            tier: state.overrideTier as TierKey,
            reason: state.overrideReason ?? '',
            by: state.overrideBy,
            at: state.overrideAt.toISOString(),
          }
        : null,
    package: rules.packages.find((p) => p.tier === account.tier) ?? null,
    changes: changes.map(changeOut),
  }
}

const visibleAccounts = (ctx: Ctx) => accountCollection.visibility(ctx, accountCollection.scope(ctx, 'read'))

/** Tier changes of the accounts the caller sees, newest first. */
export async function tierChanges(tx: Executor, ctx: Ctx, q: { accountId?: string; limit: number }) {
  const rows = await listChanges(tx, ctx.ws, { ...q, visible: visibleAccounts(ctx) })
  return { data: rows.map(changeOut) }
}

/** Accounts and annual spend per tier, and the changes of the last 90 days (accounts the caller sees). */
export async function tierSummary(tx: Executor, ctx: Ctx): Promise<TierSummary> {
  const rules = await loadTierRules(tx, ctx.ws)
  const visible = visibleAccounts(ctx)
  const totals = await tierTotals(tx, ctx.ws, visible)
  const since = new Date(Date.now() - 90 * DAY)
  const counts = await changeCounts(tx, ctx.ws, since, visible)
  const recent = await listChanges(tx, ctx.ws, { since, limit: 20, visible })
  const of = (t: string | null) => totals.find((x) => x.tier === t)
  return {
    currency: rules.currency,
    tiers: (['strategic', 'growth', 'essential'] as const).map((tier) => ({
      tier,
      accounts: of(tier)?.count ?? 0,
      arr: Number(of(tier)?.spend ?? 0).toFixed(2),
      overridden: of(tier)?.overridden ?? 0,
    })),
    unassigned: totals.filter((x) => !x.tier).reduce((a, x) => a + x.count, 0),
    changes90d: { total: counts.total, upgrades: counts.upgrades, downgrades: counts.downgrades },
    recent: recent.map(changeOut),
  }
}
