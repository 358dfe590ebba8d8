import type { MetricDefinition, ReportMetricKey } from '@openkam/contract'
import { metricKeys } from '@openkam/contract'

export type Lang = 'en' | 'zh-CN'
type Text = Record<Lang, string>
type Entry = Omit<MetricDefinition, 'key' | 'label' | 'description'> & { label: Text; description: Text }

/**
 * What each metric means, in both languages. Percent metrics are on a 0–100 scale (a north-star target
 * of 85 is 85%); money is in the amounts' own currency (the workspace's, usually CNY); days are averages.
 */
export const metricCatalogue: Record<ReportMetricKey, Entry> = {
  nps: {
    unit: 'score',
    higherIsBetter: true,
    label: { en: 'NPS', 'zh-CN': '净推荐值（NPS）' },
    description: {
      en: 'Net Promoter Score of the NPS answers of the period: % promoters (9–10) − % detractors (0–6), each contact counted once with their latest answer.',
      'zh-CN':
        '期间内 NPS 问卷答复的净推荐值：推荐者（9–10 分）占比减去贬损者（0–6 分）占比，每位联系人只计其最新一次答复。',
    },
  },
  renewal_rate: {
    unit: 'percent',
    higherIsBetter: true,
    label: { en: 'Renewal rate', 'zh-CN': '续约率' },
    description: {
      en: 'Renewal opportunities won ÷ renewal opportunities closed (won or lost) in the period.',
      'zh-CN': '期间内赢单的续约商机数 ÷ 期间内关闭（赢单或输单）的续约商机数。',
    },
  },
  gross_revenue_retention: {
    unit: 'percent',
    higherIsBetter: true,
    label: { en: 'Gross revenue retention', 'zh-CN': '总收入留存率（GRR）' },
    description: {
      en: 'For accounts with contracts in force on the first day of the period: annualised contract value in force now (capped at each account’s starting value) ÷ the value in force at the start.',
      'zh-CN':
        '以期初有生效合同的客户为基数：当前生效合同的年化金额（每个客户不超过其期初金额）÷ 期初生效合同的年化金额。',
    },
  },
  net_revenue_retention: {
    unit: 'percent',
    higherIsBetter: true,
    label: { en: 'Net revenue retention', 'zh-CN': '净收入留存率（NRR）' },
    description: {
      en: 'For accounts with contracts in force on the first day of the period: annualised contract value in force now, upsell and cross-sell included ÷ the value in force at the start.',
      'zh-CN':
        '以期初有生效合同的客户为基数：当前生效合同的年化金额（含增购与交叉销售）÷ 期初生效合同的年化金额。',
    },
  },
  expansion_revenue: {
    unit: 'money',
    higherIsBetter: true,
    label: { en: 'Expansion revenue', 'zh-CN': '扩展收入' },
    description: {
      en: 'Amount of the upsell and cross-sell opportunities won in the period.',
      'zh-CN': '期间内赢单的增购与交叉销售商机金额合计。',
    },
  },
  new_business_won: {
    unit: 'money',
    higherIsBetter: true,
    label: { en: 'New business won', 'zh-CN': '新业务赢单金额' },
    description: {
      en: 'Amount of the new-business opportunities won in the period.',
      'zh-CN': '期间内赢单的新业务商机金额合计。',
    },
  },
  first_deal_wins: {
    unit: 'count',
    higherIsBetter: true,
    label: { en: 'First-deal wins', 'zh-CN': '首单客户数' },
    description: {
      en: 'Accounts whose first won opportunity was won in the period.',
      'zh-CN': '首个赢单商机落在期间内的客户数。',
    },
  },
  win_rate: {
    unit: 'percent',
    higherIsBetter: true,
    label: { en: 'Win rate', 'zh-CN': '赢单率' },
    description: {
      en: 'Opportunities won ÷ opportunities closed (won or lost) in the period.',
      'zh-CN': '期间内赢单商机数 ÷ 期间内关闭（赢单或输单）的商机数。',
    },
  },
  healthy_share: {
    unit: 'percent',
    higherIsBetter: true,
    label: { en: 'Healthy accounts', 'zh-CN': '健康客户占比' },
    description: {
      en: 'Share of the scored accounts in the healthy band now; the previous value is the share on the first day of the period, from the health history.',
      'zh-CN': '当前已评分客户中处于“健康”区间的占比；上期值取本期首日的健康度历史。',
    },
  },
  at_risk_arr: {
    unit: 'money',
    higherIsBetter: false,
    label: { en: 'At-risk ARR', 'zh-CN': '风险客户年消费额' },
    description: {
      en: 'Annual spend of the accounts in the at-risk band now; the previous value uses the bands on the first day of the period.',
      'zh-CN': '当前处于“风险”区间的客户年消费额合计；上期值按本期首日的健康区间计算。',
    },
  },
  won_to_handoff_days: {
    unit: 'days',
    higherIsBetter: false,
    label: { en: 'Won → handoff (days)', 'zh-CN': '赢单→交接（天）' },
    description: {
      en: 'Average days from winning a deal to the salesperson submitting its handoff to the CSM, for handoffs submitted in the period.',
      'zh-CN': '期间内提交的交接单：从商机赢单到销售向客户成功经理提交交接的平均天数。',
    },
  },
  signed_to_golive_days: {
    unit: 'days',
    higherIsBetter: false,
    label: { en: 'Signed → go-live (days)', 'zh-CN': '签约→上线（天）' },
    description: {
      en: 'Average days from a contract’s signing to the customer confirming the account’s go-live milestone (a milestone titled go-live, live or launch, or 上线), for go-lives confirmed in the period.',
      'zh-CN':
        '期间内客户确认的上线里程碑（标题含“上线”或 go-live / live / launch）：从合同签署到确认上线的平均天数。',
    },
  },
}

/** One metric's definition in a language. */
export const metricDefinition = (key: ReportMetricKey, lang: Lang): MetricDefinition => {
  const e = metricCatalogue[key]
  return {
    key,
    unit: e.unit,
    higherIsBetter: e.higherIsBetter,
    label: e.label[lang],
    description: e.description[lang],
  }
}

/** Every metric's definition in a language, in the contract's order. */
export const metricDefinitions = (lang: Lang): MetricDefinition[] =>
  metricKeys.map((k) => metricDefinition(k, lang))
