import { buyingRoles } from '@openkam/contract'
import { defaultGapRules, type GapRules, type Lang } from './gaps'

export type RolePlay = { approach: string; materials: string[] }
export type Playbook = Record<(typeof buyingRoles)[number], RolePlay>

/** SPEC R-06 defaults, in the workspace's language. */
export const defaultPlaybook: Record<Lang, Playbook> = {
  en: {
    user: {
      approach: 'Show how daily work gets easier',
      materials: ['Product demo', 'Customer case studies'],
    },
    technical_evaluator: {
      approach: 'Prove fit with their architecture and security needs',
      materials: ['White papers', 'API documentation'],
    },
    influencer: {
      approach: 'Share industry insight and make them look good internally',
      materials: ['Industry reports', 'Reference calls'],
    },
    financial_controller: {
      approach: 'Quantify cost, payback and risk',
      materials: ['ROI analysis', 'Total cost of ownership'],
    },
    economic_buyer: {
      approach: 'Tie the project to their strategic goals',
      materials: ['Strategic value summary', 'Executive briefing'],
    },
  },
  'zh-CN': {
    user: { approach: '展示日常工作如何更轻松', materials: ['产品演示', '客户案例'] },
    technical_evaluator: { approach: '证明与其架构和安全要求匹配', materials: ['技术白皮书', 'API 文档'] },
    influencer: { approach: '分享行业洞察，帮助其在内部建立影响力', materials: ['行业报告', '标杆客户交流'] },
    financial_controller: { approach: '量化成本、回报周期与风险', materials: ['ROI 分析', '总拥有成本测算'] },
    economic_buyer: { approach: '将项目与其战略目标挂钩', materials: ['战略价值汇报', '高层简报'] },
  },
}

export const nextActionCodes = [
  'find_successor',
  'identify_person',
  'qualify_role',
  'address_concerns',
  'reconnect',
  'leverage_champion',
  'share_material',
] as const
export type NextActionCode = (typeof nextActionCodes)[number]
export type NextAction = { code: NextActionCode; message: string }

export type ActionContact = {
  buyingRole: string | null
  stance: string | null
  active: boolean
  placeholder?: boolean | null
  lastContactAt: Date | null
}

/**
 * Days without contact after which reconnecting comes first: champions when the workspace's
 * champion-silent threshold is reached (the gap appears then too), economic buyers after 30 days (or
 * sooner when the workspace's economic-buyer threshold is shorter), everyone else after 60.
 */
export const reconnectDays = { key: 30, other: 60 }
const DAY_MS = 86_400_000

const texts: Record<Lang, Record<NextActionCode, (p: RolePlay | undefined) => string>> = {
  en: {
    find_successor: () => 'Has left: find out who took over and introduce yourself.',
    identify_person: () => 'Identify the person in this role and ask for an introduction.',
    qualify_role: () => 'Find out what role this contact plays in the buying decision.',
    address_concerns: (p) =>
      `Meet one-to-one to understand the objections${p ? `; bring ${p.materials.join(', ')}` : ''}.`,
    reconnect: (p) => `Get back in touch${p ? `: ${p.approach.toLowerCase()}` : ''}.`,
    leverage_champion: () => 'Ask the champion for an introduction to the economic buyer or other roles.',
    share_material: (p) => (p ? `${p.approach}: share ${p.materials.join(', ')}.` : 'Keep in touch.'),
  },
  'zh-CN': {
    find_successor: () => '已离职：确认接任者并尽快建立联系。',
    identify_person: () => '识别该角色的具体人选，并请人引荐。',
    qualify_role: () => '确认此联系人在采购决策中的角色。',
    address_concerns: (p) => `安排一对一沟通，了解其顾虑${p ? `；准备${p.materials.join('、')}` : ''}。`,
    reconnect: (p) => `尽快重新联系${p ? `：${p.approach}` : ''}。`,
    leverage_champion: () => '请支持者引荐经济决策者或其他关键角色。',
    share_material: (p) => (p ? `${p.approach}：提供${p.materials.join('、')}。` : '保持联系。'),
  },
}

/**
 * The next best action with one contact (pure), from who they are, where they stand and when we last
 * spoke: former → find the successor; placeholder → identify; no role → qualify; opposed → address
 * concerns; silent too long → reconnect; champion → leverage; otherwise → the role's playbook material.
 */
export function nextBestAction(
  c: ActionContact,
  playbook: Playbook,
  now: Date,
  lang: Lang,
  rules: Pick<GapRules, 'championSilentDays' | 'economicBuyerDays'> = defaultGapRules,
): NextAction {
  const play = c.buyingRole ? playbook[c.buyingRole as keyof Playbook] : undefined
  const t = texts[lang]
  const out = (code: NextActionCode) => ({ code, message: t[code](play) })
  if (!c.active) return out('find_successor')
  if (c.placeholder) return out('identify_person')
  if (!c.buyingRole) return out('qualify_role')
  if (c.stance === 'skeptic' || c.stance === 'blocker') return out('address_concerns')
  const days =
    c.stance === 'champion'
      ? rules.championSilentDays
      : c.buyingRole === 'economic_buyer'
        ? Math.min(reconnectDays.key, rules.economicBuyerDays)
        : reconnectDays.other
  const limit = days * DAY_MS
  if (!c.lastContactAt || now.getTime() - c.lastContactAt.getTime() > limit) return out('reconnect')
  if (c.stance === 'champion') return out('leverage_champion')
  return out('share_material')
}

/** A stored playbook over the defaults: roles missing from it keep their default. */
export const mergePlaybook = (stored: Partial<Playbook> | null | undefined, lang: Lang): Playbook => ({
  ...defaultPlaybook[lang],
  ...(stored ?? {}),
})

/**
 * The reporting chain that re-parenting `id` under `managerId` would close (pure), as contact ids from
 * `id` up to `id` again, or null when there is no loop.
 */
export function reportingLoop(
  reportsTo: Map<string, string | null>,
  id: string,
  managerId: string | null,
): string[] | null {
  if (!managerId) return null
  if (managerId === id) return [id, id]
  const chain = [id, managerId]
  let cur: string | null | undefined = reportsTo.get(managerId)
  const seen = new Set(chain)
  while (cur) {
    chain.push(cur)
    if (cur === id) return chain
    if (seen.has(cur)) return null // an existing loop above, not through this contact
    seen.add(cur)
    cur = reportsTo.get(cur)
  }
  return null
}
