import type { leadSources, leadStatuses } from '@openkam/contract'
import { mobile, personName } from './demo-contacts'
import { baseRow, workMinute, type AccountPlan, type Gen, type LeadRow, type UserKey } from './demo-model'
import { cities, suffixes } from './demo-names'
import type { T } from './demo-random'
import { leadNotes } from './demo-text'
import { industryWords, leads as leadPositions, staff, type DemoIndustry } from './demo-words'

type Source = (typeof leadSources)[number]
type Status = (typeof leadStatuses)[number]

const LEADS = 40

/**
 * Leads from every channel: new and in work, qualified, disqualified, and a few converted into the
 * prospects they became.
 */
export function buildLeads(g: Gen, spareBrands: T[], accounts: AccountPlan[]): LeadRow[] {
  const { rng, clock } = g
  const prospects = accounts.filter((a) => !a.customer).slice(0, 4)
  // A new lead from a company that is a customer already: converting it offers to link to that account.
  const known = accounts.filter((a) => a.customer)[5]
  const industries = Object.keys(industryWords) as DemoIndustry[]
  const reps: UserKey[] = ['salesA', 'salesB', 'salesC', 'salesD']
  const out: LeadRow[] = []
  for (let i = 0; i < LEADS; i++) {
    const converted = prospects[i]
    const match = i === LEADS - 5 ? known : undefined
    // The last four arrive without an owner: lead routing assigns the hot ones (demo-lead-scenes.ts).
    const unowned = i >= LEADS - 4
    const industry = converted?.industry ?? match?.industry ?? rng.pick(industries)
    const brand = spareBrands[i % spareBrands.length]!
    const word = rng.pick(industryWords[industry].subs).word
    const suffix = rng.pick(suffixes)
    const company = converted
      ? converted.row.name
      : match
        ? match.row.name
        : g.lang === 'zh-CN'
          ? brand['zh-CN'] + word['zh-CN'] + suffix['zh-CN']
          : `${brand.en} ${word.en} ${suffix.en}`
    const domain =
      converted?.row.domain ??
      match?.row.domain ??
      `${brand.en.toLowerCase().replace(/[^a-z0-9]+/g, '')}.com.cn`
    const person = personName(g)
    const city = converted?.city ?? rng.pick(cities)
    const owner = converted?.owner ?? rng.pick(reps)
    const status: Status = converted
      ? 'converted'
      : match || unowned
        ? 'new'
        : rng.weighted<Status>([
            ['new', 30],
            ['working', 30],
            ['qualified', 20],
            ['disqualified', 20],
          ])
    const createdDay = converted ? converted.createdDay - rng.int(10, 40) : rng.int(-180, -1)
    const at = clock.at(createdDay, workMinute(g))
    out.push(
      Object.assign(
        baseRow(g, g.users[owner], at, converted ? converted.row.createdAt! : at),
        unowned ? { ownerId: null } : {},
        {
          name: person.name,
          company,
          title: g.tr(rng.pick([...leadPositions, ...staff]).title),
          email: `${person.local}@${domain}`,
          phone: mobile(g),
          source: rng.weighted<Source>([
            ['website', 30],
            ['event', 20],
            ['ads', 15],
            ['referral', 12],
            ['partner', 10],
            ['import', 8],
            ['other', 5],
          ]),
          industry,
          region: g.tr(city.name),
          // Scored by the lead-scoring engine after insertion (demo-lead-scenes.ts).
          score: null,
          employees: Math.round(10 ** rng.float(1, 3.6)),
          domain,
          status,
          notes: rng.chance(0.6) ? g.tr(rng.pick(leadNotes)) : null,
          convertedAccountId: converted?.row.id ?? null,
          convertedAt: converted ? converted.row.createdAt! : null,
        },
      ),
    )
  }
  return out
}
