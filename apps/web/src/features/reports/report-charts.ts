import * as echarts from 'echarts/core'
import { FunnelChart, type FunnelSeriesOption } from 'echarts/charts'
import type { TFunction } from 'i18next'
import type { FunnelStage, StageDuration, WinLossRow } from '@openkam/contract'
import { chartPalette, type ChartOption } from '../../shared/ui/Chart'
import { formatMoney } from '../records/display'

// The shared chart registers bars and pies; the funnel is only needed here, so it loads with this page.
echarts.use([FunnelChart])

const percent = (lang: string, v: number | null) =>
  v === null ? '—' : new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(v)
export const formatRate = percent

const compact = (lang: string) => (v: number) =>
  new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 }).format(v)

/** Each month from `from` to `to` as YYYY-MM. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = []
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))]
  const end = to.slice(0, 7)
  for (let guard = 0; guard < 48; guard++) {
    const key = `${y}-${String(m).padStart(2, '0')}`
    if (key > end) break
    out.push(key)
    ;[y, m] = m === 12 ? [y + 1, 1] : [y, m + 1]
  }
  return out
}

/** "Jan 2025" / "2025年1月" from YYYY-MM. */
export const monthLabel = (key: string, lang: string) =>
  new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(`${key}-01T00:00:00Z`),
  )

export type ForecastBar = { label: string; total: number; weighted: number; won: number }

/** Open, weighted and won amounts per group, in one currency. */
export function forecastChartOption(bars: ForecastBar[], t: TFunction, currency: string, lang: string) {
  const money = (v: number) => formatMoney(v, currency, lang)
  const option: ChartOption = {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) => money(Number(v ?? 0)),
    },
    legend: { top: 0 },
    grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
    xAxis: {
      type: 'category',
      data: bars.map((b) => b.label),
      axisLabel: { interval: 0, width: 90, overflow: 'truncate', rotate: bars.length > 8 ? 30 : 0 },
    },
    yAxis: { type: 'value', name: currency, axisLabel: { formatter: compact(lang) } },
    series: [
      {
        type: 'bar',
        name: t('salesReports.forecast.total'),
        data: bars.map((b) => b.total),
        barMaxWidth: 28,
      },
      {
        type: 'bar',
        name: t('salesReports.forecast.weighted'),
        data: bars.map((b) => b.weighted),
        barMaxWidth: 28,
      },
      {
        type: 'bar',
        name: t('salesReports.forecast.wonTotal'),
        data: bars.map((b) => b.won),
        barMaxWidth: 28,
      },
    ],
  }
  return option
}

/** A funnel of how many deals entered each stage, with the conversion to the next in the tooltip. */
export function funnelChartOption(stages: FunnelStage[], t: TFunction, lang: string): ChartOption {
  const series: FunnelSeriesOption = {
    type: 'funnel',
    name: t('salesReports.funnel.entered'),
    sort: 'none',
    left: '10%',
    width: '80%',
    top: 8,
    bottom: 8,
    minSize: '8%',
    gap: 2,
    label: { show: true, position: 'inside', formatter: '{b}: {c}' },
    data: stages.map((s) => ({ name: t(`enums.stage.${s.stage}`), value: s.entered })),
  }
  return {
    color: chartPalette,
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const item = Array.isArray(p) ? p[0] : p
        const s = stages[item?.dataIndex ?? 0]
        if (!s) return ''
        const lines = [
          `<b>${item?.name ?? ''}</b>`,
          `${t('salesReports.funnel.entered')}: ${s.entered}`,
          `${t('salesReports.funnel.movedOn')}: ${s.movedOn ?? '—'}`,
          `${t('salesReports.funnel.conversion')}: ${percent(lang, s.conversionRate)}`,
        ]
        return lines.join('<br/>')
      },
    },
    series: [series],
  } as ChartOption
}

/** Average and median days per stage; the slowest stage's bars stand out. */
export function durationsChartOption(
  stages: StageDuration[],
  slowest: string | null,
  t: TFunction,
): ChartOption {
  const highlight = (v: number | null, stage: string) =>
    stage === slowest ? { value: v, itemStyle: { color: '#fa541c' } } : { value: v }
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v) =>
        v === null || v === undefined ? '—' : t('salesReports.durations.daysValue', { count: Number(v) }),
    },
    legend: { top: 0 },
    grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
    xAxis: {
      type: 'category',
      data: stages.map((s) => t(`enums.stage.${s.stage}`)),
      axisLabel: { interval: 0, width: 90, overflow: 'break' },
    },
    yAxis: { type: 'value', name: t('salesReports.durations.days') },
    series: [
      {
        type: 'bar',
        name: t('salesReports.durations.avgDays'),
        data: stages.map((s) => highlight(s.avgDays, s.stage)),
        barMaxWidth: 32,
        label: { show: true, position: 'top' },
      },
      {
        type: 'bar',
        name: t('salesReports.durations.medianDays'),
        data: stages.map((s) => s.medianDays),
        barMaxWidth: 32,
      },
    ],
  }
}

/** Reasons (won and lost) as horizontal bars of deal counts, all currencies together. */
export function winLossChartOption(rows: WinLossRow[], t: TFunction, reasonLabel: (r: string) => string) {
  const reasons = new Map<string, { won: number; lost: number }>()
  for (const r of rows) {
    const e = reasons.get(r.reason) ?? { won: 0, lost: 0 }
    e[r.outcome] += r.count
    reasons.set(r.reason, e)
  }
  // Largest first, drawn top-down.
  const list = [...reasons.entries()].sort((a, b) => a[1].won + a[1].lost - (b[1].won + b[1].lost))
  const option: ChartOption = {
    color: ['#52c41a', '#ff4d4f'],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 24, bottom: 8, top: 40, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: list.map(([r]) => reasonLabel(r)),
      axisLabel: { width: 160, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        stack: 'outcome',
        name: t('salesReports.winLoss.won'),
        data: list.map(([, v]) => v.won),
        barMaxWidth: 22,
      },
      {
        type: 'bar',
        stack: 'outcome',
        name: t('salesReports.winLoss.lost'),
        data: list.map(([, v]) => v.lost),
        barMaxWidth: 22,
      },
    ],
  }
  return { option, height: Math.max(260, 60 + 32 * list.length) }
}
