import type { DashboardData, MetricValue, ReportResult } from '@openkam/contract'

export type Lang = 'en' | 'zh-CN'
export const SUMMARY_ROWS = 5

const words = {
  en: {
    subject: (name: string) => `Dashboard: ${name}`,
    northStar: 'North-star metrics',
    target: 'target',
    previous: 'previous',
    noData: 'no data',
    more: (n: number) => `… ${n} more`,
    open: 'Open the dashboard',
    filters: 'Filters',
    asOf: 'As of',
    status: { met: 'met', on_track: 'on track', behind: 'behind', no_data: 'no data' } as Record<
      string,
      string
    >,
  },
  'zh-CN': {
    subject: (name: string) => `仪表盘：${name}`,
    northStar: '北极星指标',
    target: '目标',
    previous: '上期',
    noData: '暂无数据',
    more: (n: number) => `…… 另有 ${n} 行`,
    open: '打开仪表盘',
    filters: '筛选',
    asOf: '数据时间',
    status: { met: '已达成', on_track: '进展正常', behind: '落后', no_data: '暂无数据' } as Record<
      string,
      string
    >,
  },
}

const numberText = (v: unknown, lang: Lang, type?: string): string => {
  if (v === null || v === undefined || v === '') return '—'
  const n = typeof v === 'number' ? v : Number(v)
  if (!Number.isFinite(n)) return String(v)
  const fmt = (x: number, digits: number) =>
    x.toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: digits })
  if (type === 'ratio') return `${fmt(n * 100, 1)}%`
  if (type === 'percent') return `${fmt(n, 1)}%`
  return fmt(n, Math.abs(n) >= 100 ? 0 : 2)
}

/** A metric's value in its unit (percentages are points, 85 → 85%). */
export const metricText = (m: Pick<MetricValue, 'value' | 'unit'>, lang: Lang): string => {
  if (m.value === null) return words[lang].noData
  if (m.unit === 'percent') return numberText(m.value, lang, 'percent')
  if (m.unit === 'days')
    return lang === 'en' ? `${numberText(m.value, lang)} days` : `${numberText(m.value, lang)} 天`
  return numberText(m.value, lang)
}

/** The first rows of a report, each as "group · group: measure, measure". */
export function reportLines(r: ReportResult, lang: Lang, max = SUMMARY_ROWS): string[] {
  const lines = r.rows.slice(0, max).map((row) => {
    const groups: string[] = []
    const measures: string[] = []
    r.columns.forEach((c, i) => {
      const v = row[i]
      if (c.role === 'group')
        groups.push(v === null || v === undefined ? '—' : (r.labels[c.key]?.[String(v)] ?? String(v)))
      else
        measures.push(
          `${r.columns.filter((x) => x.role === 'measure').length > 1 ? `${c.label}: ` : ''}${numberText(v, lang, c.type)}`,
        )
    })
    return groups.length ? `${groups.join(' · ')}: ${measures.join(', ')}` : measures.join(', ')
  })
  if (r.rows.length > max) lines.push(words[lang].more(r.rows.length - max))
  return lines
}

type NorthStarLike = {
  metrics?: { label?: string; value?: number | null; target?: number; unit?: string; status?: string }[]
}

/** The north-star progress lines of a north_star view, if the view has that shape. */
function northStarLines(view: unknown, lang: Lang): string[] {
  const ms = (view as NorthStarLike | null)?.metrics
  if (!Array.isArray(ms)) return []
  const w = words[lang]
  return ms.map((m) => {
    const unit = (m.unit ?? 'count') as MetricValue['unit']
    const value = metricText({ value: m.value ?? null, unit }, lang)
    const target =
      m.target === undefined ? '' : ` (${w.target} ${metricText({ value: m.target, unit }, lang)})`
    const status =
      m.status && m.value !== null && m.value !== undefined ? ` — ${w.status[m.status] ?? m.status}` : ''
    return `${m.label ?? ''}: ${value}${target}${status}`
  })
}

export type SummaryInput = {
  lang: Lang
  dashboard: { name: string; widgets: { id: string; title?: string; view?: string }[] }
  data: DashboardData
  /** Titles of the report widgets without their own (the saved report's name). */
  reportNames: Record<string, string>
  link: string | null
  /** The north-star view's data, when the dashboard has no north-star widget of its own. */
  northStar?: unknown
}

/**
 * A dashboard's key numbers as a message: north-star progress first, then each metric, then the first rows
 * of each report widget; widgets in error are left out. Plain text lines, for e-mail and the robots.
 */
export function composeSummary(input: SummaryInput): { subject: string; body: string } {
  const { lang, dashboard, data } = input
  const w = words[lang]
  const byId = new Map(dashboard.widgets.map((x) => [x.id, x]))
  const northStar: string[] = []
  const metrics: string[] = []
  const reports: string[] = []
  for (const d of data.widgets) {
    if (d.error) continue
    const widget = byId.get(d.id)
    if (widget?.view === 'north_star') northStar.push(...northStarLines(d.view, lang))
    if (d.metric) {
      const m = d.metric as MetricValue
      const prev =
        m.previous === null ? '' : ` (${w.previous} ${metricText({ value: m.previous, unit: m.unit }, lang)})`
      metrics.push(`${widget?.title || m.label}: ${metricText(m, lang)}${prev}`)
    }
    if (d.result) {
      const title = widget?.title || input.reportNames[d.id] || ''
      reports.push('', `【${title}】`, ...reportLines(d.result as ReportResult, lang))
    }
  }
  if (!northStar.length && input.northStar) northStar.push(...northStarLines(input.northStar, lang))
  const filters = Object.entries(data.filters)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${v}`)
  const body = [
    ...(northStar.length ? [`【${w.northStar}】`, ...northStar, ''] : []),
    ...metrics,
    ...reports,
    '',
    ...(filters.length ? [`${w.filters}: ${filters.join(', ')}`] : []),
    `${w.asOf}: ${data.asOf.slice(0, 16).replace('T', ' ')} UTC`,
    ...(input.link ? [`${w.open}: ${input.link}`] : []),
  ]
  return {
    subject: w.subject(dashboard.name),
    body: body
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .replace(/^\n+/, ''),
  }
}
