import { flagshipAccounts } from './demo-data'
import {
  baseRow,
  workMinute,
  type AccountPlan,
  type Gen,
  type Level,
  type TeamKey,
  type UserKey,
} from './demo-model'
import { brands, cities, roads, suffixes, type City } from './demo-names'
import { fill, money, type T } from './demo-random'
import { accountDescription } from './demo-text'
import {
  commonPains,
  competitorProducts,
  decisionDepartments,
  decisionMakers,
  industryWords,
  maturityLabels,
  products,
  sizeLabels,
  type DemoIndustry,
} from './demo-words'

/** How many accounts are generated besides the flagship ones. */
const GENERATED = 76

const owners: Record<TeamKey, readonly (readonly [UserKey, number])[]> = {
  east: [
    ['salesA', 45],
    ['salesB', 40],
    ['mgrEast', 15],
  ],
  north: [
    ['salesC', 45],
    ['salesD', 40],
    ['mgrNorth', 15],
  ],
}
const csmOf: Record<TeamKey, UserKey> = { east: 'csmA', north: 'csmB' }
const teamOf = (u: UserKey): TeamKey => (['salesA', 'salesB', 'mgrEast'].includes(u) ? 'east' : 'north')

const CC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]

/** A valid unified social credit code (GB 32100): enterprise, the city's division, org code, check. */
export function creditCode(g: Gen, division: string): string {
  let org = ''
  for (let i = 0; i < 8; i++) org += String(g.rng.int(0, 9))
  const s = [...org].reduce((sum, c, i) => sum + Number(c) * ORG_WEIGHTS[i]!, 0)
  const c = 11 - (s % 11)
  const body = `91${division}${org}${c === 10 ? 'X' : c === 11 ? '0' : String(c)}`
  const total = [...body].reduce((sum, ch, i) => sum + CC_CHARS.indexOf(ch) * CC_WEIGHTS[i]!, 0)
  return body + CC_CHARS[(31 - (total % 31)) % 31]
}

/** A log-uniform amount: small values as likely as large ones, per order of magnitude. */
const logUniform = (g: Gen, min: number, max: number) => Math.exp(g.rng.float(Math.log(min), Math.log(max)))

const sizeFromSpend = (spend: number): AccountPlan['size'] =>
  spend >= 1_000_000 ? 'large' : spend >= 100_000 ? 'growth' : 'small'
export const tierOf = (spend: number): AccountPlan['tier'] =>
  spend >= 1_000_000 ? 'strategic' : spend >= 100_000 ? 'growth' : 'essential'

type Spec = {
  name: T
  short: T
  brand: string
  industry: DemoIndustry
  sub: T
  city?: City
  owner?: UserKey
  spend?: number
}

/** The generated companies: every main industry ten times, a few energy, in a shuffled order. */
function generatedSpecs(g: Gen, pool: readonly T[]): Spec[] {
  const main: DemoIndustry[] = [
    'manufacturing',
    'finance',
    'retail',
    'healthcare',
    'education',
    'saas',
    'logistics',
  ]
  const list: DemoIndustry[] = [...main.flatMap((i) => Array<DemoIndustry>(10).fill(i))]
  while (list.length < GENERATED) list.push(list.length % 2 ? 'energy' : 'manufacturing')
  return g.rng.shuffle(list).map((industry, i) => {
    const brand = pool[i]!
    const s = g.rng.pick(industryWords[industry].subs)
    const city = g.rng.chance(0.35) ? g.rng.pick(cities) : null
    const suffix = g.rng.pick(suffixes)
    const cityPart = (l: 'zh-CN' | 'en') => (city ? city.name[l] + (l === 'en' ? ' ' : '') : '')
    return {
      brand: brand.en,
      industry,
      sub: s.sub,
      short: { 'zh-CN': brand['zh-CN'] + s.word['zh-CN'], en: `${brand.en} ${s.word.en}` },
      name: {
        'zh-CN': cityPart('zh-CN') + brand['zh-CN'] + s.word['zh-CN'] + suffix['zh-CN'],
        en: `${cityPart('en')}${brand.en} ${s.word.en} ${suffix.en}`,
      },
      city: city ?? undefined,
    }
  })
}

const flagshipSpecs = (g: Gen): Spec[] =>
  flagshipAccounts.map((f) => ({
    name: f.name,
    short: {
      'zh-CN': f.name['zh-CN'].replace(/(股份有限公司|集团有限公司|有限公司|集团)$/, ''),
      en: f.name.en.replace(/ (Group|Co\., Ltd\.)$/, ''),
    },
    brand: f.name.en.split(' ')[0]!,
    industry: f.industry,
    sub: g.rng.pick(industryWords[f.industry].subs).sub,
    owner: f.owner,
    spend: Number(f.annualSpend),
  }))

/**
 * The demo accounts with every ICP dimension: flagship accounts first, then generated ones.
 * Also returns the brands left over, for leads.
 */
export function buildAccounts(g: Gen): { accounts: AccountPlan[]; spareBrands: T[] } {
  const { rng } = g
  const taken = new Set(flagshipAccounts.map((f) => f.name.en.split(' ')[0]))
  const pool = rng.shuffle(brands.filter((b) => !taken.has(b.en)))
  const specs = [...flagshipSpecs(g), ...generatedSpecs(g, pool)]
  const codes = new Set<string>()
  const domains = new Set<string>()
  const accounts = specs.map((spec): AccountPlan => {
    const customer = spec.spend !== undefined || rng.chance(0.84)
    const size: AccountPlan['size'] =
      spec.spend !== undefined
        ? sizeFromSpend(spec.spend)
        : rng.weighted([
            ['large', 30],
            ['growth', 42],
            ['small', 28],
          ])
    const spendRange = { large: [350_000, 4_800_000], growth: [90_000, 1_300_000], small: [22_000, 240_000] }
    const [lo, hi] = spendRange[size]
    const drawn = Math.round(logUniform(g, lo!, hi!) / 1000) * 1000
    const spend = spec.spend ?? (customer ? drawn : 0)
    const team = spec.owner ? teamOf(spec.owner) : (spec.city?.team ?? rng.pick<TeamKey>(['east', 'north']))
    const owner = spec.owner ?? rng.weighted(owners[team])
    const city = spec.city ?? rng.pick(cities.filter((c) => c.team === team))
    const csm = customer && (spend >= 1_000_000 || rng.chance(0.85)) ? csmOf[team] : null
    const employees =
      size === 'large' ? rng.int(2_000, 48_000) : size === 'growth' ? rng.int(300, 1_990) : rng.int(25, 290)
    const revenuePerHead = rng.float(0.6, 2.4) * 1_000_000
    const branches = size === 'large' ? rng.int(12, 160) : size === 'growth' ? rng.int(3, 24) : rng.int(0, 4)
    const createdDay = customer ? rng.int(-900, -110) : rng.int(-330, -20)
    const levels: Level[] = ['low', 'medium', 'high']
    const profitability = rng.weighted<Level>([
      ['low', 25],
      ['medium', 45],
      ['high', 30],
    ])
    const cashFlow = rng.weighted<Level>([
      ['low', 20],
      ['medium', 50],
      ['high', 30],
    ])
    const paymentRisk = rng.weighted<Level>([
      ['low', 50],
      ['medium', 32],
      ['high', 18],
    ])
    const health = levels.indexOf(profitability) + levels.indexOf(cashFlow) + 2 - levels.indexOf(paymentRisk)
    let code = creditCode(g, city.division)
    while (codes.has(code)) code = creditCode(g, city.division)
    codes.add(code)
    const slug = spec.brand.toLowerCase().replace(/[^a-z0-9]+/g, '')
    const tld = rng.weighted([
      ['.com.cn', 4],
      ['.cn', 3],
      ['.com', 3],
    ])
    let domain = slug + tld
    for (let n = 2; domains.has(domain); n++) domain = `${slug}${n}${tld}`
    domains.add(domain)
    const ind = industryWords[spec.industry]
    const pains = rng.sample([...ind.pains, ...rng.sample(commonPains, 2)], rng.int(2, 4))
    const tier = tierOf(spend)
    const at = g.clock.at(createdDay, workMinute(g))
    const ownerId = g.users[owner]
    const scope =
      size === 'large'
        ? rng.pick(['national', 'international'] as const)
        : size === 'growth'
          ? rng.pick(['regional', 'national'] as const)
          : rng.pick(['local', 'regional'] as const)
    const road = rng.pick(roads)
    const number = rng.int(1, 999)
    const phone = String(rng.int(5000_0000, 8999_9999))
    return {
      short: g.tr(spec.short),
      industry: spec.industry,
      city,
      team,
      owner,
      csm,
      size,
      tier,
      spend,
      customer,
      createdDay,
      sinceDay: customer ? createdDay + rng.int(20, 100) : null,
      paymentRisk,
      product: rng.pick(products),
      contacts: [],
      row: Object.assign(baseRow(g, ownerId, at), {
        name: g.tr(spec.name),
        industry: spec.industry,
        subIndustry: g.tr(spec.sub),
        creditCode: code,
        domain,
        website: `https://www.${domain}`,
        phone:
          g.lang === 'zh-CN'
            ? `0${city.area}-${phone}`
            : `+86 ${city.area} ${phone.slice(0, 4)} ${phone.slice(4)}`,
        address:
          g.lang === 'zh-CN'
            ? `${city.name['zh-CN']}市${city.district['zh-CN']}${road['zh-CN']}${number}号`
            : `${number} ${road.en}, ${city.district.en}, ${city.name.en}`,
        annualRevenue: money(employees * revenuePerHead, 100_000),
        annualRevenueCurrency: 'CNY',
        employees,
        branches,
        sizeBand: size,
        region: g.tr(city.name),
        marketScope: scope,
        techMaturity: rng.weighted<Level>([
          ['low', spec.industry === 'saas' ? 5 : 25],
          ['medium', 45],
          ['high', spec.industry === 'saas' || spec.industry === 'finance' ? 50 : 25],
        ]),
        competitorProducts: rng.sample(competitorProducts, rng.int(0, 3)).map(g.tr),
        decisionDepartment: g.tr(rng.pick(decisionDepartments)),
        decisionMakers: g.tr(rng.pick(decisionMakers)),
        decisionCycleDays:
          size === 'large' ? rng.int(90, 240) : size === 'growth' ? rng.int(45, 120) : rng.int(14, 60),
        painPoints: pains.map(g.tr),
        profitability,
        cashFlow,
        paymentRisk,
        financialHealth: health >= 4 ? 'strong' : health >= 2 ? 'fair' : 'weak',
        annualSpend: money(spend),
        currency: 'CNY',
        tier,
        csmId: csm ? g.users[csm] : null,
        teamId: g.teams[team],
        description: fill(g.tr(accountDescription), {
          city: g.tr(city.name),
          sub: g.tr(spec.sub),
          employees: String(employees).replace(/\B(?=(\d{3})+(?!\d))/g, ','),
          branches,
        }),
      }),
    }
  })
  return { accounts, spareBrands: pool.slice(GENERATED) }
}

/** Segment, demand maturity and lifecycle stage, once the deals tell where each account stands. */
export function placeAccount(
  g: Gen,
  a: AccountPlan,
  stage: 'lead_nurturing' | 'opportunity' | 'delivery' | 'value_operations' | 'renewal',
) {
  const maturity =
    stage === 'lead_nurturing'
      ? 'awareness'
      : stage === 'opportunity'
        ? g.rng.pick(['evaluation', 'decision'] as const)
        : stage === 'delivery'
          ? 'decision'
          : 'retention'
  a.row.lifecycleStage = stage
  a.row.demandMaturity = maturity
  a.row.segment = [industryWords[a.industry].label, sizeLabels[a.size], maturityLabels[maturity]]
    .map(g.tr)
    .join(' / ')
}
