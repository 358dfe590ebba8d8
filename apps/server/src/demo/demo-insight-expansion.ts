import { and, asc, eq, isNull } from 'drizzle-orm'
import type { Ctx } from '../core/context'
import type { Executor } from '../core/db/types'
import { accounts } from '../modules/accounts'
import { ACTIVE_USERS, generateSuggestions, LIMIT_USE, MODULE, SEATS } from '../modules/expansion'
import { recordMetricsSilently } from '../modules/health'
import { loadTierRules } from '../modules/tiers'
import type { Lang } from './demo-data'

const DAY = 86_400_000

/**
 * The expansion part of the demo (issue 23, point 4): the usage the suggestions rest on — licensed seats
 * and active users (three accounts near their seat count, others well below), a plan limit nearly used,
 * the modules each account owns (in two industries every account but one owns a module its peers have) —
 * a growth account whose spend crossed the strategic line while its tier has not been re-evaluated yet,
 * then the generator itself, as the nightly job would run it. Renewals within 90 days come from the
 * demo's contracts. Returns how many suggestions were made.
 */
export async function seedExpansionDemo(tx: Executor, ctx: Ctx, _lang: Lang, now = new Date()) {
  const list = await tx
    .select({
      id: accounts.id,
      tier: accounts.tier,
      industry: accounts.industry,
      spend: accounts.annualSpend,
    })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ctx.ws), isNull(accounts.deletedAt)))
    .orderBy(asc(accounts.createdAt), asc(accounts.id))
  const served = list.filter((a) => a.tier === 'strategic' || a.tier === 'growth')
  if (served.length < 10) return 0
  const at = new Date(now.getTime() - 2 * DAY)
  const rows: { accountId: string; metric: string; value: number; at: Date; source: string }[] = []
  const put = (accountId: string, metric: string, value: number) =>
    rows.push({ accountId, metric, value, at, source: 'demo' })

  // Seats: three accounts near their seat count (94 %, 93 %, 88 %), five well below.
  const seats: [number, number][] = [
    [200, 188],
    [150, 140],
    [80, 70],
    [300, 150],
    [120, 66],
    [60, 31],
    [500, 260],
    [100, 48],
  ]
  seats.forEach(([n, active], i) => {
    const a = served[i]!
    put(a.id, SEATS, n)
    put(a.id, ACTIVE_USERS, active)
  })
  // Plan limits: API calls nearly used up at one account, storage half used at another.
  put(served[8]!.id, `${LIMIT_USE}api_calls`, 94)
  put(served[9]!.id, `${LIMIT_USE}storage`, 52)

  // Modules: everyone owns the CRM; in the two largest industries every account but the last owns one more.
  const byIndustry = new Map<string, typeof list>()
  for (const a of list) if (a.industry) byIndustry.set(a.industry, [...(byIndustry.get(a.industry) ?? []), a])
  const largest = [...byIndustry.values()].sort((x, y) => y.length - x.length).slice(0, 2)
  for (const a of list) put(a.id, `${MODULE}crm`, 1)
  largest.forEach((group, k) => {
    const module = k === 0 ? 'analytics' : 'mobile_app'
    group.forEach((a, i) => put(a.id, `${MODULE}${module}`, i === group.length - 1 ? 0 : 1))
  })
  await recordMetricsSilently(tx, ctx.ws, rows)

  // A growth account whose spend grew past the strategic line (the nightly tier evaluation has not run).
  const line = Number((await loadTierRules(tx, ctx.ws)).strategicMin)
  const growth = list.filter((a) => a.tier === 'growth')
  if (!growth.some((a) => Number(a.spend ?? 0) >= line)) {
    const top = growth.sort((x, y) => Number(y.spend ?? 0) - Number(x.spend ?? 0))[0]
    if (top)
      await tx
        .update(accounts)
        .set({ annualSpend: (line * 1.12).toFixed(2) })
        .where(and(eq(accounts.workspaceId, ctx.ws), eq(accounts.id, top.id)))
  }
  return (await generateSuggestions(tx, ctx.events, ctx.ws, now)).created
}
