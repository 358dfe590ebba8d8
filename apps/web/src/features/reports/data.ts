import { opportunityStages } from '@openkam/contract'
import type { TFunction } from 'i18next'
import { get, type Page, type Query } from '../../shared/api/client'
import type { ChartOption } from '../../shared/ui/Chart'
import { formatMoney } from '../records/display'

/** The most records a chart or the board reads (four pages of 500). */
export const SAMPLE_LIMIT = 2000

export type Sample<T> = { rows: T[]; truncated: boolean }

/** Reads a collection page by page (500 a page) up to `max` records; `truncated` says more exist. */
export async function fetchAll<T>(path: string, query: Query = {}, max = SAMPLE_LIMIT): Promise<Sample<T>> {
  const rows: T[] = []
  let cursor: string | null = null
  do {
    const page: Page<T> = await get<Page<T>>(path, {
      ...query,
      limit: Math.min(500, max - rows.length),
      cursor: cursor ?? undefined,
    })
    rows.push(...page.data)
    cursor = page.nextCursor
  } while (cursor && rows.length < max)
  return { rows, truncated: !!cursor }
}

export type Opportunity = {
  id: string
  version: number
  name: string
  accountId: string
  amount: string | number | null
  currency: string | null
  stage: (typeof opportunityStages)[number]
  status: string
  expectedCloseDate: string | null
  ownerId: string | null
}

/** Sums amounts per currency (records without a currency count in `fallback`). */
export function sumByCurrency(
  rows: { amount: string | number | null; currency: string | null }[],
  fallback: string,
) {
  const sums = new Map<string, number>()
  for (const r of rows) {
    const n = Number(r.amount ?? 0)
    if (!Number.isFinite(n)) continue
    const c = r.currency || fallback
    sums.set(c, (sums.get(c) ?? 0) + n)
  }
  return sums
}

/** "¥1,200,000" or, with deals in several currencies, "¥1,200,000 + $50,000" (main currency first). */
export function formatSums(sums: Map<string, number>, main: string, lang: string) {
  if (sums.size === 0) return formatMoney(0, main, lang)
  return [...sums.entries()]
    .sort(([a], [b]) => (a === main ? -1 : b === main ? 1 : a.localeCompare(b)))
    .map(([c, n]) => formatMoney(n, c, lang))
    .join(' + ')
}

export type StageSummary = { stage: Opportunity['stage']; count: number; amount: number }

/** Open pipeline per stage: deal count (all deals) and amount (deals in the main currency). */
export function summariseStages(rows: Opportunity[], currency: string) {
  const byStage = new Map<string, StageSummary>(
    opportunityStages.map((s) => [s, { stage: s, count: 0, amount: 0 }]),
  )
  let otherCurrency = 0
  for (const r of rows) {
    const s = byStage.get(r.stage)
    if (!s) continue
    s.count++
    if ((r.currency || currency) === currency) s.amount += Number(r.amount ?? 0) || 0
    else otherCurrency++
  }
  return { stages: [...byStage.values()], otherCurrency }
}

/** A bar chart of open pipeline amount (left axis) and deal count (right axis) per stage. */
export function pipelineChartOption(
  stages: StageSummary[],
  t: TFunction,
  currency: string,
  lang: string,
  compact = false,
): ChartOption {
  const money = (v: number) => formatMoney(v, currency, lang)
  const short = (v: number) =>
    new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 }).format(v)
  const amountName = t('reports.amountSeries', { currency })
  const countName = t('reports.countSeries')
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const list = Array.isArray(params) ? params : [params]
        const head = list[0]?.name ?? ''
        const lines = list.map((p) => {
          const v = Number(p.value ?? 0)
          return `${p.marker ?? ''} ${p.seriesName}: <b>${p.seriesIndex === 0 ? money(v) : v}</b>`
        })
        return [head, ...lines].join('<br/>')
      },
    },
    legend: { top: 0 },
    grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
    xAxis: {
      type: 'category',
      data: stages.map((s) => t(`enums.stage.${s.stage}`)),
      axisLabel: {
        interval: 0,
        fontSize: compact ? 11 : 12,
        // Chinese has no spaces to break at: break anywhere, in a narrower box.
        ...(lang.startsWith('zh')
          ? { width: compact ? 66 : 78, overflow: 'breakAll' as const }
          : { width: compact ? 80 : 110, overflow: 'break' as const }),
      },
    },
    yAxis: [
      { type: 'value', name: currency, axisLabel: { formatter: (v: number) => short(v) } },
      { type: 'value', name: countName, minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      {
        type: 'bar',
        name: amountName,
        data: stages.map((s) => Math.round(s.amount)),
        barMaxWidth: 36,
      },
      {
        type: 'bar',
        name: countName,
        yAxisIndex: 1,
        data: stages.map((s) => s.count),
        barMaxWidth: 36,
      },
    ],
  }
}

/** Counts rows by a key, in the order of `order` first (then the rest, largest first). */
export function countBy<T>(
  rows: T[],
  key: (r: T) => string | null | undefined,
  order: readonly string[] = [],
) {
  const counts = new Map<string, number>()
  for (const r of rows) {
    const k = key(r) || ''
    counts.set(k, (counts.get(k) ?? 0) + 1)
  }
  const known = order.filter((k) => counts.has(k)).map((k) => ({ key: k, count: counts.get(k)! }))
  const rest = [...counts.entries()]
    .filter(([k]) => !order.includes(k))
    .map(([k, count]) => ({ key: k, count }))
    .sort((a, b) => b.count - a.count)
  return [...known, ...rest]
}
