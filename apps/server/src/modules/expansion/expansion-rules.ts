import type { Evidence } from './expansion.table'

export type SuggestionKind = 'upsell' | 'cross_sell'
export type SuggestionRule =
  'seat_pressure' | 'feature_limit' | 'peer_module' | 'renewal_window' | 'tier_line'

/** What the generator knows of one account (usage from its metric values and usage events, contracts, tier). */
export type AccountFacts = {
  id: string
  tier: string | null
  industry: string | null
  annualSpend: number | null
  currency: string
  /** Licensed seats (metric `licensed_seats`) and active users (metric `active_users`), newest values. */
  seats: number | null
  activeUsers: number | null
  /** Share of a plan limit used, per feature (metrics `limit_use_<feature>`, 0–100+). */
  limitUse: { feature: string; percent: number }[]
  /** Modules it owns: metrics `module_<key>` > 0, and features used in 180 days (usage events `feature_used`). */
  modules: string[]
  /** Its running contract ending soonest within the renewal window, if any. */
  renewal: { contractId: string; number: string; endDate: string; daysLeft: number } | null
}

export type Candidate = {
  accountId: string
  kind: SuggestionKind
  rule: SuggestionRule
  basis: string
  evidence: Evidence
}

export type ExpansionSettings = {
  /** Active users ÷ seats at or above this share suggests more seats. */
  seatShare: number
  /** A feature's limit used at or above this percentage suggests a larger plan. */
  limitPercent: number
  /** A module used by at least this share of the account's peers (same industry)… */
  peerShare: number
  /** …counted only with at least this many peers. */
  minPeers: number
  /** At most this many peer-module suggestions per account, the most common first. */
  maxPeerModules: number
  /** Tiers whose renewal within the window is an occasion to propose more. */
  renewalTiers: string[]
  /** The annual spend from which an account is strategic (the tier rules' line). */
  strategicMin: number
}

export const defaultExpansionSettings = (strategicMin: number): ExpansionSettings => ({
  seatShare: 0.85,
  limitPercent: 85,
  peerShare: 0.5,
  minPeers: 3,
  maxPeerModules: 2,
  renewalTiers: ['strategic', 'growth'],
  strategicMin,
})

const round = (v: number, digits = 0) => Math.round(v * 10 ** digits) / 10 ** digits
/** A first estimate of the deal: a share of the account's annual spend (none without one). */
const estimate = (a: AccountFacts, share: number) =>
  a.annualSpend && a.annualSpend > 0 ? round(a.annualSpend * share) : null

/** The modules most of an account's peers (same industry, itself excluded) use, with how many do. */
function peerModules(a: AccountFacts, all: AccountFacts[], s: ExpansionSettings) {
  if (!a.industry) return []
  const peers = all.filter((p) => p.id !== a.id && p.industry === a.industry && p.modules.length > 0)
  if (peers.length < s.minPeers) return []
  const counts = new Map<string, number>()
  for (const p of peers) for (const m of new Set(p.modules)) counts.set(m, (counts.get(m) ?? 0) + 1)
  const own = new Set(a.modules)
  return [...counts]
    .filter(([m, n]) => !own.has(m) && n / peers.length >= s.peerShare)
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
    .slice(0, s.maxPeerModules)
    .map(([module, n]) => ({ module, withIt: n, peers: peers.length }))
}

/**
 * The expansion suggestions the facts support, each with its basis and the figures behind it (pure: the
 * caller drops those already open or recently dismissed).
 * @example candidatesFor([{ …, seats: 100, activeUsers: 92 }], settings) // [{ rule: 'seat_pressure', … }]
 */
export function candidatesFor(all: AccountFacts[], s: ExpansionSettings): Candidate[] {
  const out: Candidate[] = []
  for (const a of all) {
    const add = (kind: SuggestionKind, rule: SuggestionRule, basis: string, evidence: Evidence) =>
      out.push({ accountId: a.id, kind, rule, basis, evidence: { ...evidence, tier: a.tier } })
    if (a.seats && a.seats > 0 && a.activeUsers !== null && a.activeUsers / a.seats >= s.seatShare)
      add('upsell', 'seat_pressure', 'seats', {
        activeUsers: a.activeUsers,
        seats: a.seats,
        sharePercent: round((100 * a.activeUsers) / a.seats, 1),
        estimatedAmount: estimate(a, 0.1),
      })
    for (const f of a.limitUse)
      if (f.percent >= s.limitPercent)
        add('upsell', 'feature_limit', `feature:${f.feature}`, {
          feature: f.feature,
          usedPercent: round(f.percent, 1),
          estimatedAmount: estimate(a, 0.1),
        })
    for (const m of peerModules(a, all, s))
      add('cross_sell', 'peer_module', `module:${m.module}`, {
        module: m.module,
        industry: a.industry,
        peersWithModule: m.withIt,
        peers: m.peers,
        estimatedAmount: estimate(a, 0.15),
      })
    if (a.renewal && a.tier && s.renewalTiers.includes(a.tier))
      add('upsell', 'renewal_window', `renewal:${a.renewal.contractId}`, {
        contract: a.renewal.number,
        endDate: a.renewal.endDate,
        daysLeft: a.renewal.daysLeft,
        estimatedAmount: estimate(a, 0.1),
      })
    if (a.tier === 'growth' && a.annualSpend !== null && a.annualSpend >= s.strategicMin)
      add('upsell', 'tier_line', 'tier_line', {
        annualSpend: a.annualSpend,
        strategicMin: s.strategicMin,
        currency: a.currency,
        estimatedAmount: estimate(a, 0.2),
      })
  }
  return out
}

/**
 * The candidates still to be suggested: none on a basis that is open for the account, nor on one accepted
 * or dismissed within the quiet period (`closed`: the bases so settled, as `accountId basis`).
 */
export const newCandidates = (candidates: Candidate[], open: Set<string>, closed: Set<string>) =>
  candidates.filter((c) => !open.has(`${c.accountId} ${c.basis}`) && !closed.has(`${c.accountId} ${c.basis}`))
