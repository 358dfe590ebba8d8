import type { TierKey, TierPackage } from '@openkam/contract'

type Lang = 'zh-CN' | 'en'

export type TierThresholds = { strategicMin: number; growthMin: number; leaderIsStrategic: boolean }

export const DEFAULT_STRATEGIC_MIN = '1000000.00'
export const DEFAULT_GROWTH_MIN = '100000.00'

/**
 * The tier an annual spend earns (SPEC: bands are closed below): strategic from
 * `strategicMin` (or an industry leader when leaders count as strategic), growth from `growthMin`,
 * essential below. No known spend counts as 0 (the evaluation leaves accounts without a spend figure,
 * flag or override as they are).
 * @example tierFor(1_000_000, false, { strategicMin: 1e6, growthMin: 1e5, leaderIsStrategic: true }) // 'strategic'
 */
export function tierFor(spend: number | null, leader: boolean, t: TierThresholds): TierKey {
  const s = spend ?? 0
  if (s >= t.strategicMin || (leader && t.leaderIsStrategic)) return 'strategic'
  if (s >= t.growthMin) return 'growth'
  return 'essential'
}

/** Field errors of a set of thresholds: amounts ≥ 0 and strategic above growth. */
export function thresholdErrors(strategicMin: number, growthMin: number) {
  const errors: { path: string; message: string }[] = []
  if (!(growthMin >= 0)) errors.push({ path: 'growthMin', message: 'must be 0 or more' })
  if (!(strategicMin >= 0)) errors.push({ path: 'strategicMin', message: 'must be 0 or more' })
  if (errors.length === 0 && !(strategicMin > growthMin))
    errors.push({
      path: 'strategicMin',
      message: `must be above the growth threshold (${growthMin}): tiers are ordered strategic > growth > essential`,
    })
  return errors
}

/** Order of the tiers, highest first: a lower index is an upgrade. */
export const tierRank: Record<TierKey, number> = { strategic: 0, growth: 1, essential: 2 }

/** The default service packages (SPEC R-04), in the workspace's language. */
export const defaultPackages = (l: Lang): TierPackage[] => [
  {
    tier: 'strategic',
    name: l === 'en' ? 'Strategic: 1+N team' : '战略客户：1+N 专属服务',
    description:
      l === 'en'
        ? 'A dedicated CSM plus product, engineering and industry experts; quarterly business reviews; first response within 1 business hour, resolution within 8.'
        : '专属客户成功经理 + 产品、技术、行业专家组成的服务团队；季度业务复盘；1 个工作小时内首次响应，8 个工作小时内解决。',
    entitlements: {
      dedicatedCsm: true,
      team1PlusN: true,
      quarterlyReview: true,
      responseHours: 1,
      resolutionHours: 8,
      selfService: true,
    },
  },
  {
    tier: 'growth',
    name: l === 'en' ? 'Growth: standard service' : '成长客户：标准服务包',
    description:
      l === 'en'
        ? 'A named CSM, the standard service package and a quarterly needs review; first response within 4 business hours, resolution within 24.'
        : '指定客户成功经理、标准服务包与季度需求回顾；4 个工作小时内首次响应，24 个工作小时内解决。',
    entitlements: {
      dedicatedCsm: true,
      team1PlusN: false,
      quarterlyReview: true,
      responseHours: 4,
      resolutionHours: 24,
      selfService: true,
    },
  },
  {
    tier: 'essential',
    name: l === 'en' ? 'Essential: self-service' : '基础客户：自助服务',
    description:
      l === 'en'
        ? 'Self-service help centre, community and automated support; first response within 24 business hours, resolution within 72.'
        : '自助帮助中心、社区与自动化支持；24 个工作小时内首次响应，72 个工作小时内解决。',
    entitlements: {
      dedicatedCsm: false,
      team1PlusN: false,
      quarterlyReview: false,
      responseHours: 24,
      resolutionHours: 72,
      selfService: true,
    },
  },
]
