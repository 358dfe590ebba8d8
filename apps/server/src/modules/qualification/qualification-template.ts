import { and, eq } from 'drizzle-orm'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { defaultDimensionWeights, defaultPotentialBands } from './potential-score'
import { scoringModels, type SegmentCellSetting } from './qualification.table'
import { scoringModelCollection } from './scoring-model.collection'
import { installSegmentSettings } from './segment.service'
import { maturityOrder, sizeOrder } from './segment'

type Lang = 'zh-CN' | 'en'

const model = {
  en: {
    name: 'Default potential model',
    description:
      'Strategic fit 30%, profit potential (LTV) 30%, partnership stability 20%, market influence 20%. Total ≥ 4.0 is class A, ≥ 3.0 class B, else C.',
    dims: {
      strategic_fit: [
        'Strategic fit',
        [
          'Outside our target industries; needs we do not serve',
          'Adjacent industry; a few needs fit',
          'Target industry or core needs fit, not both',
          'Target industry and most needs fit our product lines',
          'Ideal profile: target industry, needs match our roadmap',
        ],
      ],
      profit_potential: [
        'Profit potential (LTV)',
        [
          'One small deal, little upsell or renewal',
          'Small first deal, some renewal',
          'Medium first deal, upsell in one product line',
          'Large first deal, upsell and cross-sell likely',
          'Large first deal, several lines, multi-year renewals',
        ],
      ],
      stability: [
        'Partnership stability',
        [
          'Weak finances or high payment risk; frequent churn of vendors',
          'Some payment risk; short vendor relationships',
          'Fair finances; average vendor loyalty',
          'Sound finances; long vendor relationships',
          'Strong finances; multi-year strategic partnerships',
        ],
      ],
      market_influence: [
        'Market influence',
        [
          'Unknown in its market',
          'Known locally',
          'Known in its region or niche',
          'A national reference in its industry',
          'Industry leader: a reference that opens other accounts',
        ],
      ],
    },
  },
  'zh-CN': {
    name: '默认潜力评分模型',
    description:
      '战略契合度 30%，利润潜力（LTV）30%，合作稳定性 20%，市场影响力 20%。总分 ≥ 4.0 为 A 类，≥ 3.0 为 B 类，其余为 C 类。',
    dims: {
      strategic_fit: [
        '战略契合度',
        [
          '不在目标行业，需求与我们的产品不符',
          '相邻行业，少量需求契合',
          '目标行业或核心需求契合（二者之一）',
          '目标行业，大部分需求与产品线契合',
          '理想画像：目标行业，需求与产品路线高度一致',
        ],
      ],
      profit_potential: [
        '利润潜力（LTV）',
        [
          '单笔小额交易，几乎无增购或续约',
          '首单较小，有一定续约可能',
          '首单中等，单一产品线可增购',
          '首单较大，增购与交叉销售可期',
          '首单大，多产品线，多年续约',
        ],
      ],
      stability: [
        '合作稳定性',
        [
          '财务偏弱或回款风险高，频繁更换供应商',
          '有一定回款风险，供应商合作较短',
          '财务一般，供应商忠诚度一般',
          '财务稳健，与供应商长期合作',
          '财务强健，多年战略合作伙伴关系',
        ],
      ],
      market_influence: [
        '市场影响力',
        [
          '在所在市场默默无闻',
          '本地知名',
          '区域或细分领域知名',
          '行业内全国标杆',
          '行业龙头：可带动其他客户的标杆',
        ],
      ],
    },
  },
} as const

const strategy = {
  en: {
    awareness: 'Build awareness: industry content, events and a first needs conversation',
    evaluation: 'Prove value: needs interview, tailored demo, case studies and ROI',
    decision: 'Close: executive sponsor, commercial terms, reference calls',
    retention: 'Grow and renew: health reviews, adoption, upsell and renewal planning',
    large: 'named account team and executive contact',
    growth: 'account manager with presales support',
    small: 'inside sales and digital touches',
    unknown: 'qualify the company size first',
    service: {
      large: 'Strategic (1+N team)',
      growth: 'Standard package',
      small: 'Self-service',
      unknown: 'Standard package',
    },
  },
  'zh-CN': {
    awareness: '建立认知：行业内容、活动与首次需求沟通',
    evaluation: '证明价值：需求访谈、定制演示、案例与 ROI 分析',
    decision: '推动成交：高层发起人、商务条款、标杆客户回访',
    retention: '增长与续约：健康度复盘、使用推广、增购与续约规划',
    large: '专属客户团队与高层对接',
    growth: '客户经理加售前支持',
    small: '电话销售与数字化触达',
    unknown: '先确认企业规模',
    service: { large: '战略级（1+N 团队）', growth: '标准服务包', small: '自助服务', unknown: '标准服务包' },
  },
}

/** The general cells (size × maturity) of the template: a strategy and a service level each. */
export function templateCells(lang: Lang): Record<string, SegmentCellSetting> {
  const s = strategy[lang] ?? strategy.en
  const out: Record<string, SegmentCellSetting> = {}
  for (const size of sizeOrder)
    for (const m of maturityOrder)
      out[`${size}:${m}`] = { strategy: `${s[m]}; ${s[size]}`, serviceLevel: s.service[size] }
  return out
}

/**
 * The template's default potential model (SPEC) and segment settings. Each is skipped
 * when the workspace has or had it, so the part also upgrades older workspaces.
 */
export async function installQualificationTemplate(tx: Executor, ctx: Ctx, lang: Lang) {
  const had = await tx
    .select({ id: scoringModels.id })
    .from(scoringModels)
    .where(and(eq(scoringModels.workspaceId, ctx.ws), eq(scoringModels.template, 'default')))
  if (!had.length) {
    const l = model[lang] ?? model.en
    const rec = await scoringModelCollection.create(tx, ctx, {
      name: l.name,
      description: l.description,
      isDefault: true,
      bands: defaultPotentialBands,
      dimensions: defaultDimensionWeights.map((d) => ({
        key: d.key,
        weight: d.weight,
        label: l.dims[d.key][0],
        rubric: [...l.dims[d.key][1]],
      })),
    })
    await tx
      .update(scoringModels)
      .set({ template: 'default' })
      .where(and(eq(scoringModels.workspaceId, ctx.ws), eq(scoringModels.id, rec.id)))
  }
  await installSegmentSettings(tx, ctx.ws, templateCells(lang))
}
