import type { LeadScoreBreakdown, LeadScoringConfig } from '@openkam/contract'

type Lang = 'zh-CN' | 'en'
const DAY = 86_400_000

/** Free mailboxes: an address there says nothing about the company. */
export const freeMailDomains = new Set([
  'qq.com',
  'foxmail.com',
  '163.com',
  '126.com',
  'yeah.net',
  'sina.com',
  'sina.cn',
  'sohu.com',
  '139.com',
  'aliyun.com',
  'gmail.com',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'yahoo.com',
  'icloud.com',
])

/** The company domain of an e-mail address, or null for free mailboxes. */
export function companyDomainOf(email: string | null | undefined): string | null {
  const d = email?.split('@')[1]?.trim().toLowerCase()
  return d && !freeMailDomains.has(d) ? d : null
}

/**
 * What behaviour points are worth after `ageDays`: they halve every `halfLifeDays`.
 * @example decayed(10, 14, 14) // 5
 */
export const decayed = (points: number, ageDays: number, halfLifeDays: number) =>
  points * 0.5 ** (Math.max(0, ageDays) / halfLifeDays)

const round1 = (n: number) => Math.round(n * 10) / 10

export type ScoredLead = {
  company?: string | null
  title?: string | null
  email?: string | null
  industry?: string | null
  region?: string | null
  source?: string | null
  employees?: number | null
}

/**
 * A lead's score (0–100) from profile fit and behaviour, with the breakdown of every factor. Profile:
 * industry, the first company-size band reached, the best title keyword, region, source, a company
 * e-mail. Behaviour: each event's points, decayed by age, capped at `behaviour.max`.
 */
export function scoreLead(
  lead: ScoredLead,
  events: { kind: string; at: Date }[],
  c: LeadScoringConfig,
  now: Date,
): { score: number; breakdown: LeadScoreBreakdown } {
  const profile: LeadScoreBreakdown['profile'] = []
  const p = c.profile
  const ind = lead.industry ? p.industries.find((x) => x.industry === lead.industry) : undefined
  if (ind && ind.points) profile.push({ factor: 'industry', value: ind.industry, points: ind.points })
  if (lead.employees !== null && lead.employees !== undefined) {
    const band = [...p.companySize]
      .sort((a, b) => b.minEmployees - a.minEmployees)
      .find((b) => lead.employees! >= b.minEmployees)
    if (band && band.points)
      profile.push({ factor: 'companySize', value: String(lead.employees), points: band.points })
  }
  if (lead.title) {
    const t = lead.title.toLowerCase()
    const best = p.titleKeywords
      .filter((k) => t.includes(k.keyword.toLowerCase()))
      .sort((a, b) => b.points - a.points)[0]
    if (best && best.points) profile.push({ factor: 'title', value: best.keyword, points: best.points })
  }
  if (lead.region) {
    const r = p.regions.find((x) => lead.region!.toLowerCase().includes(x.region.toLowerCase()))
    if (r && r.points) profile.push({ factor: 'region', value: r.region, points: r.points })
  }
  const src = lead.source ? p.sources.find((x) => x.source === lead.source) : undefined
  if (src && src.points) profile.push({ factor: 'source', value: src.source, points: src.points })
  const domain = companyDomainOf(lead.email)
  if (domain && p.businessEmail)
    profile.push({ factor: 'businessEmail', value: domain, points: p.businessEmail })

  const worth = new Map(c.behaviour.points.map((x) => [x.kind, x.points]))
  const byKind = new Map<string, { count: number; points: number; decayed: number }>()
  for (const e of events) {
    const pts = worth.get(e.kind as never) ?? 0
    const b = byKind.get(e.kind) ?? { count: 0, points: 0, decayed: 0 }
    b.count++
    b.points += pts
    b.decayed += decayed(pts, (now.getTime() - e.at.getTime()) / DAY, c.behaviour.halfLifeDays)
    byKind.set(e.kind, b)
  }
  const behaviour = [...byKind.entries()]
    .map(([kind, b]) => ({ kind, count: b.count, points: b.points, decayed: round1(b.decayed) }))
    .sort((a, b) => b.decayed - a.decayed || a.kind.localeCompare(b.kind))
  const profilePoints = profile.reduce((a, x) => a + x.points, 0)
  const behaviourPoints = round1(
    Math.min(
      c.behaviour.max,
      [...byKind.values()].reduce((a, b) => a + b.decayed, 0),
    ),
  )
  const score = Math.max(0, Math.min(100, Math.round(profilePoints + behaviourPoints)))
  return {
    score,
    breakdown: {
      profile,
      behaviour,
      profilePoints,
      behaviourPoints,
      threshold: c.threshold,
      halfLifeDays: c.behaviour.halfLifeDays,
    },
  }
}

/** Whether a score makes a lead hot (closed below: a score equal to the threshold is hot). */
export const isHot = (score: number, threshold: number) => score >= threshold

/** The default points (SPEC R-05), in the workspace's language (title keywords and regions). */
export const defaultScoringConfig = (l: Lang): LeadScoringConfig => ({
  profile: {
    industries: [
      { industry: 'manufacturing', points: 15 },
      { industry: 'finance', points: 15 },
      { industry: 'retail', points: 10 },
      { industry: 'healthcare', points: 10 },
      { industry: 'logistics', points: 10 },
      { industry: 'energy', points: 10 },
      { industry: 'saas', points: 5 },
      { industry: 'education', points: 5 },
    ],
    companySize: [
      { minEmployees: 1000, points: 20 },
      { minEmployees: 200, points: 12 },
      { minEmployees: 50, points: 5 },
    ],
    titleKeywords: [
      { keyword: 'CIO', points: 15 },
      { keyword: 'CTO', points: 15 },
      { keyword: 'CEO', points: 15 },
      { keyword: 'VP', points: 12 },
      { keyword: 'Director', points: 10 },
      { keyword: 'Head', points: 10 },
      { keyword: 'Manager', points: 5 },
      { keyword: '总裁', points: 15 },
      { keyword: '总经理', points: 15 },
      { keyword: '副总', points: 12 },
      { keyword: '总监', points: 10 },
      { keyword: '负责人', points: 10 },
      { keyword: '经理', points: 5 },
    ],
    regions:
      l === 'en'
        ? [
            { region: 'Shanghai', points: 5 },
            { region: 'Beijing', points: 5 },
            { region: 'Shenzhen', points: 5 },
            { region: 'Guangzhou', points: 5 },
            { region: 'Hangzhou', points: 5 },
          ]
        : [
            { region: '上海', points: 5 },
            { region: '北京', points: 5 },
            { region: '深圳', points: 5 },
            { region: '广州', points: 5 },
            { region: '杭州', points: 5 },
          ],
    sources: [
      { source: 'referral', points: 10 },
      { source: 'event', points: 8 },
      { source: 'partner', points: 8 },
      { source: 'website', points: 5 },
      { source: 'ads', points: 3 },
    ],
    businessEmail: 5,
  },
  behaviour: {
    points: [
      { kind: 'page_visited', points: 2 },
      { kind: 'email_opened', points: 1 },
      { kind: 'email_clicked', points: 4 },
      { kind: 'form_submitted', points: 10 },
      { kind: 'content_downloaded', points: 6 },
      { kind: 'event_attended', points: 15 },
      { kind: 'webinar_attended', points: 10 },
      { kind: 'demo_requested', points: 20 },
    ],
    halfLifeDays: 14,
    max: 50,
  },
  threshold: 70,
  routing: {
    enabled: true,
    strategy: 'round_robin',
    teamId: null,
    userIds: [],
    territories: [],
    fallbackUserId: null,
  },
})
