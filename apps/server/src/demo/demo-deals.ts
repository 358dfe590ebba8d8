import { placeAccount } from './demo-accounts'
import {
  baseRow,
  workMinute,
  type AccountPlan,
  type ContractPlan,
  type DealPlan,
  type Gen,
  type QuoteRow,
} from './demo-model'
import { fill, money, pad, type T } from './demo-random'
import { billingPeriods, contractTerms } from './demo-text'
import { sopPipeline } from '../modules/pipelines/template'
import { addOns, lossReasons, opportunitySources, products } from './demo-words'

type Stage = 'discovery' | 'solution' | 'negotiation' | 'implementation' | 'account_management'
type Status = 'open' | 'won' | 'lost'
type OppType = 'new_business' | 'upsell' | 'cross_sell' | 'renewal'

/**
 * Which of the default pipeline's loss reasons each demo loss story (demo-words `lossReasons`) files
 * under: the story goes in the close note, the reason in the list the win/loss report counts.
 */
const lossReasonOf = [1, 2, 4, 6, 5, 1]
const t = (zh: string, en: string): T => ({ 'zh-CN': zh, en })
const renewalName = t('{short} · {product}续约（第 {year} 年）', '{short} - {product} renewal (year {year})')
const dealName = t('{short} · {product}', '{short} - {product}')

export type Deals = { deals: DealPlan[]; quotes: QuoteRow[]; contracts: ContractPlan[] }

/** Installments a year for a main subscription, by tier. */
export const installments = (a: AccountPlan, main: boolean): 1 | 2 | 4 =>
  !main ? 1 : a.tier === 'strategic' ? 4 : a.tier === 'growth' ? 2 : 1

/**
 * The pipeline and its contracts: each customer's yearly subscription chain (new business, then
 * renewals; a few customers churned), upsell and cross-sell deals, prospects' open deals, quotes for
 * deals that reached negotiation, and draft contracts for some deals still in negotiation.
 */
export function buildDeals(g: Gen, accounts: AccountPlan[]): Deals {
  const { rng, clock } = g
  const out: Deals = { deals: [], quotes: [], contracts: [] }
  let seq = 0
  // Probabilities and reasons as the workspace's default pipeline has them.
  const pipeline = sopPipeline(g.lang)
  const lost = pipeline.lossReasons ?? []
  const wins = pipeline.winReasons ?? []
  const probability = Object.fromEntries(pipeline.stages.map((s) => [s.key, s.probability])) as Record<
    Stage,
    number
  >
  const reasonFor = (story: string) => {
    const i = lossReasons.findIndex((r) => g.tr(r) === story)
    return lost[lossReasonOf[i] ?? -1] ?? lost[0] ?? story
  }

  const deal = (
    a: AccountPlan,
    o: { type: OppType; name: string; amount: number; createdDay: number; closeDay: number },
    status: Status,
    stage: Stage,
    lossReason: string | null = null,
  ): DealPlan => {
    const closedAt = clock.at(o.closeDay, workMinute(g))
    const updatedDay = status === 'open' ? rng.int(Math.min(o.createdDay, -1), -1) : o.closeDay
    const plan: DealPlan = {
      account: a,
      createdDay: o.createdDay,
      closeDay: o.closeDay,
      row: Object.assign(
        baseRow(g, g.users[a.owner], clock.at(o.createdDay, workMinute(g)), clock.at(updatedDay, 18 * 60)),
        {
          accountId: a.row.id,
          name: o.name,
          amount: money(o.amount, 1000),
          currency: 'CNY',
          stage,
          status,
          type: o.type,
          probability: status === 'lost' ? 0 : probability[stage],
          expectedCloseDate: clock.date(o.closeDay),
          wonAt: status === 'won' ? closedAt : null,
          lostAt: status === 'lost' ? closedAt : null,
          lossReason: lossReason && reasonFor(lossReason),
          // Without drawing from the random stream, so the rest of the demo stays as it was.
          winReason: status === 'won' ? (wins[out.deals.length % wins.length] ?? null) : null,
          closeNote: lossReason,
          source: o.type === 'new_business' ? rng.pick(opportunitySources.slice(0, 3)) : 'existing_customer',
          description: null,
        },
      ),
    }
    out.deals.push(plan)
    return plan
  }

  const contract = (d: DealPlan, startDay: number, endDay: number, main: boolean, status?: string) => {
    const a = d.account
    const signed = status === 'draft' || status === 'pending_approval' ? null : d.closeDay
    const st = status ?? (endDay < 0 ? 'ended' : startDay > 0 ? 'approved' : 'active')
    const seats =
      a.size === 'large' ? rng.int(200, 900) : a.size === 'growth' ? rng.int(50, 200) : rng.int(10, 50)
    const plan: ContractPlan = {
      account: a,
      startDay,
      endDay,
      signedDay: signed,
      main,
      row: Object.assign(
        baseRow(
          g,
          g.users[a.owner],
          clock.at(signed ?? Math.max(d.createdDay, -rng.int(1, 10)), workMinute(g)),
        ),
        {
          accountId: a.row.id,
          number: `CT-${pad(30_001 + out.contracts.length, 5)}`,
          amount: d.row.amount!,
          currency: 'CNY',
          status: st,
          notes: null,
          opportunityId: d.row.id,
          startDate: clock.date(startDay),
          endDate: clock.date(endDay),
          signedDate: signed === null ? null : clock.date(signed),
          terms: fill(g.tr(contractTerms), { period: g.tr(billingPeriods[installments(a, main)]), seats }),
          autoRenew: rng.chance(0.3),
        },
      ),
    }
    out.contracts.push(plan)
    return plan
  }

  // Per size band, one prospect is in awareness (see prospectDeals): every matrix cell has accounts.
  const unaware = new Set<AccountPlan['size']>(['large', 'growth', 'small'])
  for (const a of accounts) {
    const vars = { short: a.short, product: g.tr(a.product) }
    if (!a.customer) {
      prospectDeals(g, a, deal, unaware)
      continue
    }
    // The subscription chain: one won deal and one contract a year from the first win.
    const since = a.sinceDay!
    const churn = a.tier !== 'strategic' && rng.chance(0.08)
    const first = since + rng.int(5, 15)
    const years = Math.floor(-first / 365) + 1
    const mains: ContractPlan[] = []
    let churned = false
    for (let k = 0; k < years; k++) {
      const start = first + k * 365
      if (churn && k > 0 && start + 364 >= 0) {
        churned = true
        break
      }
      const wonDay = start - rng.int(3, 12)
      const createdDay =
        k === 0 ? Math.max(a.createdDay, wonDay - rng.int(60, 140)) : wonDay - rng.int(40, 80)
      const amount = a.spend * 0.85 * 0.93 ** (years - 1 - k)
      const name = k === 0 ? fill(g.tr(dealName), vars) : fill(g.tr(renewalName), { ...vars, year: k + 1 })
      const stage = start < -60 ? 'account_management' : 'implementation'
      const d = deal(
        a,
        { type: k ? 'renewal' : 'new_business', name, amount, createdDay, closeDay: wonDay },
        'won',
        stage,
      )
      mains.push(contract(d, start, start + 364, true))
    }
    const current = mains.at(-1)!
    const renewal = { ...vars, year: mains.length + 1 }
    if (churned) {
      const closeDay = Math.min(-1, current.endDay + rng.int(-10, 5))
      const o = {
        type: 'renewal' as const,
        amount: a.spend * 0.9,
        createdDay: current.endDay - rng.int(90, 120),
      }
      const reason = g.tr(rng.pick(lossReasons))
      deal(a, { ...o, name: fill(g.tr(renewalName), renewal), closeDay }, 'lost', 'negotiation', reason)
    } else if (current.endDay <= 120) {
      const o = { type: 'renewal' as const, name: fill(g.tr(renewalName), renewal), amount: a.spend * 0.95 }
      const createdDay = Math.min(-1, current.endDay - rng.int(110, 140))
      if (current.endDay <= 60 && rng.chance(0.3)) {
        const wonDay = rng.int(Math.max(createdDay + 10, -30), -1)
        const d = deal(a, { ...o, createdDay, closeDay: wonDay }, 'won', 'implementation')
        mains.push(contract(d, current.endDay + 1, current.endDay + 365, true))
      } else {
        const closeDay = Math.max(1, current.endDay - rng.int(0, 10))
        deal(a, { ...o, createdDay, closeDay }, 'open', current.endDay <= 45 ? 'negotiation' : 'solution')
      }
    }
    // Upsell and cross-sell.
    const extras =
      a.tier === 'strategic' ? rng.int(2, 3) : a.tier === 'growth' ? rng.int(1, 2) : rng.int(0, 1)
    for (let i = 0; i < extras; i++) {
      const from = Math.max(since + 60, -540)
      if (from > -8) break
      const createdDay = rng.int(from, -8)
      const upsell = rng.chance(0.55)
      const what = upsell ? rng.pick(addOns) : rng.pick(products.filter((p) => p !== a.product))
      const o = {
        type: upsell ? ('upsell' as const) : ('cross_sell' as const),
        name: fill(g.tr(dealName), { ...vars, product: g.tr(what) }),
        amount: a.spend * rng.float(0.08, 0.35),
        createdDay,
      }
      if (createdDay < -110) {
        const closeDay = Math.min(-1, createdDay + rng.int(25, 80))
        if (rng.chance(0.6)) {
          const start = closeDay + rng.int(5, 15)
          const main = mains.find((m) => m.startDay <= start && start <= m.endDay - 30)
          const d = deal(a, { ...o, closeDay }, 'won', start < -60 ? 'account_management' : 'implementation')
          contract(d, start, main?.endDay ?? start + 364, false)
        } else {
          const stage = rng.pick<Stage>(['discovery', 'solution', 'negotiation'])
          deal(a, { ...o, closeDay }, 'lost', stage, g.tr(rng.pick(lossReasons)))
        }
      } else {
        const stage = rng.weighted<Stage>([
          ['discovery', 35],
          ['solution', 35],
          ['negotiation', 30],
        ])
        deal(a, { ...o, closeDay: rng.int(10, 120) }, 'open', stage)
      }
    }
    const recent = out.contracts.some((c) => c.account === a && c.startDay > -90 && c.row.status !== 'draft')
    const stage = churned || current.endDay <= 90 ? 'renewal' : recent ? 'delivery' : 'value_operations'
    placeAccount(g, a, stage)
  }

  // Quotes for deals that reached negotiation; draft contracts for some still negotiating.
  for (const d of out.deals) {
    const { status, stage } = d.row
    const reached = status === 'won' || stage === 'negotiation'
    const draft = !reached && status === 'open' && stage === 'solution' && rng.chance(0.25)
    if (!reached && !draft) continue
    const issueDay = Math.max(
      d.createdDay,
      status === 'open' ? rng.int(Math.max(d.createdDay, -40), -1) : d.closeDay - rng.int(7, 25),
    )
    const quoteStatus = draft
      ? 'draft'
      : status === 'won'
        ? 'accepted'
        : status === 'lost'
          ? 'rejected'
          : issueDay + 30 < 0
            ? 'expired'
            : 'sent'
    const a = d.account
    out.quotes.push(
      Object.assign(baseRow(g, g.users[a.owner], clock.at(issueDay, workMinute(g))), {
        accountId: a.row.id,
        number: `QT-${pad(20_001 + seq++, 5)}`,
        amount: d.row.amount!,
        currency: 'CNY',
        status: quoteStatus,
        notes: null,
        opportunityId: d.row.id,
        issueDate: clock.date(issueDay),
        validUntil: clock.date(issueDay + 30),
        discountPercent: rng.int(0, 30) / 2,
      }),
    )
    if (status === 'open' && stage === 'negotiation' && rng.chance(0.45)) {
      const start = d.closeDay + 7
      contract(d, start, start + 364, true, rng.chance(0.5) ? 'draft' : 'pending_approval')
    }
  }
  lateStages(out, probability)
  return out
}

/**
 * Open deals in the pipeline's late stages, so that every column of the board holds some: of the open
 * upsell and cross-sell deals in negotiation without a contract yet (the add-on was agreed, the quote
 * accepted), half are being implemented and a quarter are in account management — both still
 * open until the customer signs off, at the stage's probability. Chosen in order, without drawing from
 * the random stream, so the rest of the demo stays as it was.
 */
function lateStages(out: Deals, probability: Record<Stage, number>) {
  const contracted = new Set(out.contracts.map((c) => c.row.opportunityId))
  const candidates = out.deals.filter(
    (d) =>
      d.row.status === 'open' &&
      d.row.stage === 'negotiation' &&
      (d.row.type === 'upsell' || d.row.type === 'cross_sell') &&
      !contracted.has(d.row.id),
  )
  candidates.forEach((d, i) => {
    const stage: Stage | null =
      i % 4 === 0 || i % 4 === 2 ? 'implementation' : i % 4 === 1 ? 'account_management' : null
    if (!stage) return
    d.row.stage = stage
    d.row.probability = probability[stage]
    for (const q of out.quotes) if (q.opportunityId === d.row.id) q.status = 'accepted'
  })
}

type DealFn = (
  a: AccountPlan,
  o: { type: OppType; name: string; amount: number; createdDay: number; closeDay: number },
  status: Status,
  stage: Stage,
  lossReason?: string | null,
) => DealPlan

/**
 * A prospect has one or two new-business deals: open ones, and sometimes an older lost one.
 *
 * The first prospect in discovery of each size band in `unaware` (taken out of it) lost that deal
 * yesterday instead — budget frozen, nothing open: the account is back in *awareness*, so that every
 * size × maturity cell of the segment matrix (SPEC R-03) has accounts; the large one went back to
 * marketing without an owner (an A-class account nobody owns on the potential ranking,
 * demo-qualification.ts). It draws from the random stream exactly as the open deal would, and a deal
 * in discovery has no quote, so the rest of the demo stays as it was.
 */
function prospectDeals(g: Gen, a: AccountPlan, deal: DealFn, unaware: Set<AccountPlan['size']>) {
  const { rng } = g
  const [lo, hi] = a.size === 'large' ? [600, 3000] : a.size === 'growth' ? [150, 800] : [40, 200]
  const amount = () => rng.int(lo!, hi!) * 1000
  const name = (p: T) => fill(g.tr(dealName), { short: a.short, product: g.tr(p) })
  const createdDay = rng.int(Math.max(a.createdDay, -200), -5)
  const stage = rng.weighted<Stage>([
    ['discovery', 40],
    ['solution', 35],
    ['negotiation', 25],
  ])
  const o = { type: 'new_business' as const, name: name(a.product), amount: amount(), createdDay }
  const closeDay = rng.int(20, 150)
  if (stage === 'discovery' && unaware.delete(a.size)) {
    rng.int(Math.min(createdDay, -1), -1) // the open deal's last-update day, drawn all the same
    deal(a, { ...o, closeDay: -1 }, 'lost', stage, g.tr(lossReasons[1]!))
    if (a.size === 'large') a.row.ownerId = null
  } else deal(a, { ...o, closeDay }, 'open', stage)
  if (a.createdDay < -150 && rng.chance(0.6)) {
    const created = rng.int(a.createdDay, -120)
    const other = rng.pick(products.filter((p) => p !== a.product))
    const lost = { type: 'new_business' as const, name: name(other), amount: amount(), createdDay: created }
    const closeDay = created + rng.int(20, 60)
    deal(
      a,
      { ...lost, closeDay },
      'lost',
      rng.pick<Stage>(['discovery', 'solution']),
      g.tr(rng.pick(lossReasons)),
    )
  }
  placeAccount(g, a, stage === 'discovery' ? 'lead_nurturing' : 'opportunity')
}
