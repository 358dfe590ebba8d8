import { buyingRoles } from '@openkam/contract'

export type Lang = 'zh-CN' | 'en'
export const gapCodes = [
  'role_uncovered',
  'economic_buyer_not_met',
  'high_influence_blocker',
  'single_threaded',
  'champion_silent',
] as const
export type GapCode = (typeof gapCodes)[number]
export type BuyingRole = (typeof buyingRoles)[number]
export type Gap = { code: GapCode; role?: BuyingRole; contactId?: string; message: string }

/** What the gap rules need of a contact. */
export type GapContact = {
  id: string
  name: string
  buyingRole: string | null
  influence: number | null
  stance: string | null
  active: boolean
  placeholder?: boolean | null
  /** The newest activity with this contact. */
  lastContactAt: Date | null
}

/** Activities of the last `singleThreadDays` that name at least one contact: how many, and whom. */
export type RecentActivity = { count: number; contactIds: string[] }

export const defaultGapRules = {
  economicBuyerDays: 90,
  championSilentDays: 30,
  blockerInfluence: 4,
  singleThreadDays: 90,
  /** Fewer activities than this are too little to call the account single-threaded. */
  singleThreadMinActivities: 3,
}
export type GapRules = typeof defaultGapRules

/** A workspace's stored overrides over the defaults; anything missing or not a number keeps its default. */
export const mergeGapRules = (
  stored: Partial<Record<keyof GapRules, unknown>> | null | undefined,
): GapRules =>
  Object.fromEntries(
    Object.entries(defaultGapRules).map(([k, d]) => {
      const v = stored?.[k as keyof GapRules]
      return [k, typeof v === 'number' && Number.isInteger(v) ? v : d]
    }),
  ) as GapRules

const DAY_MS = 86_400_000

const roleNames: Record<Lang, Record<string, string>> = {
  en: {
    user: 'user',
    technical_evaluator: 'technical evaluator',
    influencer: 'influencer',
    financial_controller: 'financial controller',
    economic_buyer: 'economic buyer',
  },
  'zh-CN': {
    user: '使用者',
    technical_evaluator: '技术评估者',
    influencer: '影响者',
    financial_controller: '财务/采购把关者',
    economic_buyer: '经济决策者',
  },
}

const texts: Record<
  Lang,
  Record<GapCode, (v: { role: string; name: string; days: number; n: number }) => string>
> = {
  en: {
    role_uncovered: (v) => `Nobody covers the ${v.role} role; identify and meet one.`,
    economic_buyer_not_met: (v) => `The economic buyer ${v.name} has not been met in ${v.days} days.`,
    high_influence_blocker: (v) =>
      `${v.name} has high influence and opposes us; plan how to address their concerns.`,
    single_threaded: (v) =>
      `All ${v.n} interactions of the last ${v.days} days went through ${v.name}; widen the relationship.`,
    champion_silent: (v) => `No contact with the champion ${v.name} in ${v.days} days.`,
  },
  'zh-CN': {
    role_uncovered: (v) => `尚无联系人覆盖「${v.role}」角色，请识别并接触。`,
    economic_buyer_not_met: (v) => `经济决策者 ${v.name} 已 ${v.days} 天未见面沟通。`,
    high_influence_blocker: (v) => `${v.name} 影响力高且持反对态度，请制定化解方案。`,
    single_threaded: (v) => `近 ${v.days} 天的 ${v.n} 次互动都只通过 ${v.name}，请拓展多线关系。`,
    champion_silent: (v) => `已 ${v.days} 天未联系支持者${v.name}。`,
  },
}

const since = (d: Date | null, now: Date, days: number) => !!d && now.getTime() - d.getTime() <= days * DAY_MS

/**
 * The gaps of one account's buying committee (pure). Former contacts and placeholder personas cover no
 * role and raise no gap of their own; an economic buyer who is missing altogether is a `role_uncovered`.
 * @example decisionMapGaps([], { count: 0, contactIds: [] }, new Date(), 'en') // five role_uncovered
 */
export function decisionMapGaps(
  contacts: GapContact[],
  recent: RecentActivity,
  now: Date,
  lang: Lang,
  rules: GapRules = defaultGapRules,
): Gap[] {
  const t = texts[lang]
  const v = (o: Partial<{ role: string; name: string; days: number; n: number }>) => ({
    role: '',
    name: '',
    days: 0,
    n: 0,
    ...o,
  })
  const people = contacts.filter((c) => c.active && !c.placeholder)
  const gaps: Gap[] = []
  for (const role of buyingRoles) {
    if (!people.some((c) => c.buyingRole === role)) {
      gaps.push({
        code: 'role_uncovered',
        role,
        message: t.role_uncovered(v({ role: roleNames[lang][role] })),
      })
    }
  }
  const buyers = people.filter((c) => c.buyingRole === 'economic_buyer')
  if (buyers.length && !buyers.some((c) => since(c.lastContactAt, now, rules.economicBuyerDays))) {
    const b = buyers[0]!
    gaps.push({
      code: 'economic_buyer_not_met',
      role: 'economic_buyer',
      contactId: b.id,
      message: t.economic_buyer_not_met(v({ name: b.name, days: rules.economicBuyerDays })),
    })
  }
  for (const c of people) {
    if ((c.influence ?? 0) >= rules.blockerInfluence && (c.stance === 'skeptic' || c.stance === 'blocker')) {
      gaps.push({
        code: 'high_influence_blocker',
        contactId: c.id,
        message: t.high_influence_blocker(v({ name: c.name })),
      })
    }
  }
  const threads = new Set(recent.contactIds)
  if (recent.count >= rules.singleThreadMinActivities && threads.size === 1) {
    const only = contacts.find((c) => threads.has(c.id))
    gaps.push({
      code: 'single_threaded',
      contactId: [...threads][0],
      message: t.single_threaded(
        v({ name: only?.name ?? '?', days: rules.singleThreadDays, n: recent.count }),
      ),
    })
  }
  for (const c of people) {
    if (c.stance === 'champion' && !since(c.lastContactAt, now, rules.championSilentDays)) {
      gaps.push({
        code: 'champion_silent',
        contactId: c.id,
        message: t.champion_silent(v({ name: c.name, days: rules.championSilentDays })),
      })
    }
  }
  return gaps
}

export const roleName = (lang: Lang, role: string) => roleNames[lang][role] ?? role
