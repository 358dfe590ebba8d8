import type {
  DashboardFilters,
  DashboardWidget,
  ReportFilter,
  ReportMeasure,
  SavedReportCreate,
} from '@openkam/contract'

type Lang = 'en' | 'zh-CN'
type Text = { en: string; zh: string }
const tx = (t: Text, lang: Lang) => (lang === 'en' ? t.en : t.zh)

/** A built-in saved report: its template key, names and query (SPEC R-21). */
export type ReportTemplate = {
  key: string
  name: Text
  report: Omit<SavedReportCreate, 'name' | 'description' | 'sharedWith'>
}
type WidgetTemplate = Omit<DashboardWidget, 'title' | 'reportId'> & { report?: string; title?: Text }
export type DashboardTemplate = {
  key: string
  name: Text
  description: Text
  filters?: DashboardFilters
  widgets: WidgetTemplate[]
}

const eq = (field: string, value: string): ReportFilter => ({ field, op: 'eq', value })
const isIn = (field: string, value: string[]): ReportFilter => ({ field, op: 'in', value })
const closed = isIn('status', ['won', 'lost'])
const won = eq('status', 'won')
const winRate = (key: string, label: string): ReportMeasure => ({
  fn: 'ratio',
  key,
  label,
  numerator: { fn: 'count', filters: [won] },
  denominator: { fn: 'count', filters: [closed] },
})

/** The built-in reports the built-in dashboards show. */
export const reportTemplates: ReportTemplate[] = [
  {
    key: 'accounts_arr_by_health',
    name: { en: 'Accounts and ARR by health band', zh: '各健康度的客户数与年度营收' },
    report: {
      object: 'accounts',
      groupBy: [{ field: 'healthBand' }],
      measures: [
        { fn: 'count', key: 'accounts' },
        { fn: 'sum', field: 'annualSpend', key: 'arr' },
      ],
      chart: { type: 'bar' },
      dateField: null,
    },
  },
  {
    key: 'open_pipeline_by_stage',
    name: { en: 'Open pipeline by stage', zh: '各阶段在途商机金额' },
    report: {
      object: 'opportunities',
      filters: [eq('status', 'open')],
      groupBy: [{ field: 'stage' }],
      measures: [
        { fn: 'sum', field: 'amount', key: 'amount' },
        { fn: 'count', key: 'opportunities' },
      ],
      chart: { type: 'bar' },
      dateField: 'expectedCloseDate',
    },
  },
  {
    key: 'open_pipeline_by_close_month',
    name: { en: 'Forecast: open amount by expected close month', zh: '预测：按预计成交月份的在途金额' },
    report: {
      object: 'opportunities',
      filters: [eq('status', 'open')],
      groupBy: [{ field: 'expectedCloseDate', bucket: 'month' }],
      measures: [{ fn: 'sum', field: 'amount', key: 'amount' }],
      chart: { type: 'line' },
      dateField: 'expectedCloseDate',
    },
  },
  {
    key: 'opportunity_funnel',
    name: { en: 'Conversion funnel: opportunities by stage', zh: '转化漏斗：各阶段商机数' },
    report: {
      object: 'opportunities',
      groupBy: [{ field: 'stage' }],
      measures: [{ fn: 'count', key: 'opportunities' }],
      chart: { type: 'funnel' },
      dateField: 'createdAt',
    },
  },
  {
    key: 'opportunities_by_status',
    name: { en: 'Opportunities won, lost and open', zh: '赢单、输单与在途商机' },
    report: {
      object: 'opportunities',
      groupBy: [{ field: 'status' }],
      measures: [{ fn: 'count', key: 'opportunities' }],
      chart: { type: 'pie' },
      dateField: 'createdAt',
    },
  },
  {
    key: 'renewal_rate_by_tier',
    name: { en: 'Renewal rate by account tier', zh: '各客户等级的续约率' },
    report: {
      object: 'opportunities',
      filters: [eq('type', 'renewal')],
      groupBy: [{ field: 'accountId.tier' }],
      measures: [winRate('renewal_rate', 'Renewal rate')],
      chart: { type: 'bar' },
      dateField: 'expectedCloseDate',
    },
  },
  {
    key: 'expansion_won_by_type',
    name: { en: 'Expansion won: upsell and cross-sell', zh: '扩展赢单：增购与交叉销售' },
    report: {
      object: 'opportunities',
      filters: [won, isIn('type', ['upsell', 'cross_sell'])],
      groupBy: [{ field: 'type' }],
      measures: [{ fn: 'sum', field: 'amount', key: 'amount' }],
      chart: { type: 'pie' },
      dateField: 'wonAt',
    },
  },
  {
    key: 'accounts_by_tier',
    name: { en: 'Accounts by tier', zh: '各等级客户数' },
    report: {
      object: 'accounts',
      groupBy: [{ field: 'tier' }],
      measures: [{ fn: 'count', key: 'accounts' }],
      chart: { type: 'pie' },
      dateField: null,
    },
  },
  {
    key: 'accounts_by_segment',
    name: { en: 'Accounts by segment', zh: '各细分市场客户数' },
    report: {
      object: 'accounts',
      groupBy: [{ field: 'segment' }],
      measures: [{ fn: 'count', key: 'accounts' }],
      sort: '-accounts',
      limit: 20,
      chart: { type: 'bar', horizontal: true },
      dateField: null,
    },
  },
  {
    key: 'arr_by_tier',
    name: { en: 'ARR by tier', zh: '各等级年度营收' },
    report: {
      object: 'accounts',
      groupBy: [{ field: 'tier' }],
      measures: [{ fn: 'sum', field: 'annualSpend', key: 'arr' }],
      chart: { type: 'bar' },
      dateField: null,
    },
  },
  {
    key: 'activities_by_owner',
    name: { en: 'Activities per person', zh: '每人活动数' },
    report: {
      object: 'activities',
      groupBy: [{ field: 'ownerId' }],
      measures: [{ fn: 'count', key: 'activities' }],
      sort: '-activities',
      chart: { type: 'bar', horizontal: true },
      dateField: 'occurredAt',
    },
  },
  {
    key: 'opportunity_results_by_owner',
    name: { en: 'Win rate, renewals and upsell per person', zh: '每人赢单率、续约率与增购金额' },
    report: {
      object: 'opportunities',
      groupBy: [{ field: 'ownerId' }],
      measures: [
        winRate('win_rate', 'Win rate'),
        {
          fn: 'ratio',
          key: 'renewal_rate',
          label: 'Renewal rate',
          numerator: { fn: 'count', filters: [won, eq('type', 'renewal')] },
          denominator: { fn: 'count', filters: [closed, eq('type', 'renewal')] },
        },
        {
          fn: 'sum',
          field: 'amount',
          key: 'upsell_won',
          label: 'Upsell won',
          filters: [won, eq('type', 'upsell')],
        },
      ],
      chart: { type: 'table' },
      dateField: 'expectedCloseDate',
    },
  },
  {
    key: 'activity_hours_by_segment',
    name: { en: 'Logged effort (minutes) by segment', zh: '各细分市场投入时长（分钟）' },
    report: {
      object: 'activities',
      groupBy: [{ field: 'accountId.segment' }],
      measures: [{ fn: 'sum', field: 'durationMinutes', key: 'minutes' }],
      sort: '-minutes',
      limit: 20,
      chart: { type: 'bar', horizontal: true },
      dateField: 'occurredAt',
    },
  },
]

const at = (x: number, y: number, w: number, h: number) => ({ x, y, w, h })

/** The built-in dashboards (issue 17.6): editable copies, shared with everyone in the workspace. */
export const dashboardTemplates: DashboardTemplate[] = [
  {
    key: 'health_board',
    name: { en: 'Health board', zh: '客户健康看板' },
    description: {
      en: 'Accounts and ARR by health band, the movers and the accounts at risk',
      zh: '各健康度的客户数与年度营收、健康度变化最大的客户与风险客户',
    },
    widgets: [
      { id: 'north_star', view: 'north_star', ...at(0, 0, 12, 3) },
      { id: 'healthy_share', metric: 'healthy_share', ...at(0, 3, 6, 3) },
      { id: 'at_risk_arr', metric: 'at_risk_arr', ...at(6, 3, 6, 3) },
      { id: 'by_band', report: 'accounts_arr_by_health', ...at(0, 6, 6, 6) },
      { id: 'movers', view: 'health_movers', ...at(6, 6, 6, 6) },
      { id: 'at_risk', view: 'at_risk_accounts', ...at(0, 12, 12, 6) },
    ],
  },
  {
    key: 'pipeline_forecast',
    name: { en: 'Pipeline and forecast', zh: '销售管道与预测' },
    description: {
      en: 'Open opportunities by stage and by expected close month',
      zh: '按阶段和预计成交月份的在途商机',
    },
    widgets: [
      { id: 'new_business', metric: 'new_business_won', ...at(0, 0, 6, 3) },
      { id: 'win_rate', metric: 'win_rate', ...at(6, 0, 6, 3) },
      { id: 'by_stage', report: 'open_pipeline_by_stage', ...at(0, 3, 6, 6) },
      { id: 'by_month', report: 'open_pipeline_by_close_month', ...at(6, 3, 6, 6) },
    ],
  },
  {
    key: 'conversion_funnel',
    name: { en: 'Conversion funnel', zh: '转化漏斗' },
    description: {
      en: 'Opportunities by stage, the win rate and the time spent between milestones',
      zh: '各阶段商机数、赢单率与里程碑间耗时',
    },
    filters: { period: 'this_year' },
    widgets: [
      { id: 'win_rate', metric: 'win_rate', ...at(0, 0, 4, 3) },
      { id: 'funnel', report: 'opportunity_funnel', ...at(0, 3, 8, 7) },
      { id: 'status', report: 'opportunities_by_status', ...at(8, 0, 4, 5) },
      { id: 'cycle_times', view: 'cycle_times', ...at(8, 5, 4, 5) },
    ],
  },
  {
    key: 'renewals_retention',
    name: { en: 'Renewals and retention', zh: '续约与留存' },
    description: {
      en: 'Gross and net revenue retention, renewal rate (also by tier) and expansion revenue',
      zh: '总收入留存率、净收入留存率、续约率（含各等级）与扩展收入',
    },
    widgets: [
      { id: 'grr', metric: 'gross_revenue_retention', ...at(0, 0, 3, 3) },
      { id: 'nrr', metric: 'net_revenue_retention', ...at(3, 0, 3, 3) },
      { id: 'renewal_rate', metric: 'renewal_rate', ...at(6, 0, 3, 3) },
      { id: 'expansion', metric: 'expansion_revenue', ...at(9, 0, 3, 3) },
      { id: 'renewal_by_tier', report: 'renewal_rate_by_tier', ...at(0, 3, 6, 6) },
      { id: 'expansion_by_type', report: 'expansion_won_by_type', ...at(6, 3, 6, 6) },
    ],
  },
  {
    key: 'lifecycle_cycle_times',
    name: { en: 'Lifecycle cycle times', zh: '生命周期耗时' },
    description: {
      en: 'Days from won to handoff and from contract signed to go-live',
      zh: '从赢单到交接、从合同签署到上线的天数',
    },
    widgets: [
      { id: 'won_to_handoff', metric: 'won_to_handoff_days', ...at(0, 0, 6, 3) },
      { id: 'signed_to_golive', metric: 'signed_to_golive_days', ...at(6, 0, 6, 3) },
      { id: 'cycle_times', view: 'cycle_times', ...at(0, 3, 12, 7) },
    ],
  },
  {
    key: 'tier_segment_mix',
    name: { en: 'Tier and segment mix', zh: '客户等级与细分市场结构' },
    description: {
      en: 'Accounts by tier and by segment, ARR by tier',
      zh: '各等级与细分市场的客户数、各等级年度营收',
    },
    widgets: [
      { id: 'by_tier', report: 'accounts_by_tier', ...at(0, 0, 4, 6) },
      { id: 'arr_by_tier', report: 'arr_by_tier', ...at(4, 0, 4, 6) },
      { id: 'by_segment', report: 'accounts_by_segment', ...at(8, 0, 4, 6) },
    ],
  },
  {
    key: 'team_performance',
    name: { en: 'Team performance', zh: '团队业绩' },
    description: {
      en: 'Per person: activities, win rate, renewal rate and upsell won this quarter',
      zh: '每人本季度的活动数、赢单率、续约率与增购赢单金额',
    },
    filters: { period: 'this_quarter' },
    widgets: [
      { id: 'results', report: 'opportunity_results_by_owner', ...at(0, 0, 12, 6) },
      { id: 'activities', report: 'activities_by_owner', ...at(0, 6, 6, 6) },
      { id: 'cycle_times', view: 'cycle_times', ...at(6, 6, 6, 6) },
    ],
  },
  {
    key: 'roi_of_effort',
    name: { en: 'ROI of effort', zh: '投入产出' },
    description: {
      en: 'Revenue against logged effort and marketing spend, per segment and for new versus existing accounts',
      zh: '按细分市场及新老客户的收入与投入（活动工时与市场费用）对比',
    },
    widgets: [
      { id: 'roi', view: 'roi_of_effort', ...at(0, 0, 12, 7) },
      { id: 'effort_by_segment', report: 'activity_hours_by_segment', ...at(0, 7, 6, 6) },
      { id: 'expansion', metric: 'expansion_revenue', ...at(6, 7, 6, 3) },
      { id: 'new_business', metric: 'new_business_won', ...at(6, 10, 6, 3) },
    ],
  },
]

/** A report template's create body in a language (its measures' labels too). */
export function reportBody(t: ReportTemplate, lang: Lang): SavedReportCreate & { template: string } {
  const labels: Record<string, Text> = {
    'Win rate': { en: 'Win rate', zh: '赢单率' },
    'Renewal rate': { en: 'Renewal rate', zh: '续约率' },
    'Upsell won': { en: 'Upsell won', zh: '增购赢单金额' },
  }
  const measures = (t.report.measures ?? []).map((m) =>
    m.label && labels[m.label] ? { ...m, label: tx(labels[m.label]!, lang) } : m,
  )
  return {
    ...t.report,
    measures,
    name: tx(t.name, lang),
    sharedWith: { roles: ['*'], teams: [] },
    template: t.key,
  }
}

/** A dashboard template's create body in a language, its report widgets pointing at `reportIds` (by template key). */
export function dashboardBody(t: DashboardTemplate, lang: Lang, reportIds: Map<string, string>) {
  return {
    name: tx(t.name, lang),
    description: tx(t.description, lang),
    filters: t.filters ?? {},
    sharedWith: { roles: ['*'], teams: [] },
    widgets: t.widgets.flatMap(({ report, title, ...w }): DashboardWidget[] => {
      if (!report) return [{ ...w, ...(title ? { title: tx(title, lang) } : {}) }]
      const id = reportIds.get(report)
      return id ? [{ ...w, reportId: id, ...(title ? { title: tx(title, lang) } : {}) }] : []
    }),
  }
}
