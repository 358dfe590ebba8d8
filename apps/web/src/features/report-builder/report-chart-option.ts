import type { ChartType, ReportResult } from '@openkam/contract'
import type { ReportChartOption } from './ReportCanvas'
import {
  formatAxis,
  formatMeasure,
  groupLabel,
  groupOf,
  measureValue,
  splitColumns,
  type FormatContext,
} from './report-format'

/** The records behind one drawn element: the grouping values (by field path) and which measure. */
export type DrillTarget = { group: Record<string, unknown>; measureIndex: number }

export type BuiltChart = {
  option: ReportChartOption
  /** The element ECharts reports as clicked → what to drill into (null when it stands for no records). */
  target: (seriesIndex: number, dataIndex: number) => DrillTarget | null
}

const keyOf = (v: unknown) => (v === null || v === undefined ? '\u0000' : String(v))

/** Distinct values in first-seen order. */
function distinct(values: unknown[]): unknown[] {
  const seen = new Map<string, unknown>()
  for (const v of values) if (!seen.has(keyOf(v))) seen.set(keyOf(v), v)
  return [...seen.values()]
}

/**
 * An ECharts option for a report result: the first grouping along the axis (or as slices), the second
 * grouping as series (stacked for `stacked_bar`), otherwise one series per measure.
 */
export function buildChartOption(
  result: ReportResult,
  chart: { type: ChartType; horizontal?: boolean },
  ctx: FormatContext & { total: string },
): BuiltChart {
  const { groups, measures } = splitColumns(result)
  const [g1, g2] = groups
  const m0 = measures[0]
  const rows = result.rows

  if (chart.type === 'pie' || chart.type === 'funnel') {
    const label = (row: unknown[]) =>
      groups.map((g) => groupLabel(result, g.col, row[g.index], ctx)).join(' · ') || ctx.total
    const data = rows.map((row) => ({ name: label(row), value: (m0 && measureValue(row[m0.index])) ?? 0 }))
    const format = (v: unknown) => (m0 ? formatMeasure(v, m0.col.type, ctx) : '')
    const option: ReportChartOption = {
      tooltip: { trigger: 'item', valueFormatter: (v) => format(v) },
      legend: { type: 'scroll', bottom: 0 },
      series: [
        chart.type === 'pie'
          ? {
              type: 'pie',
              name: m0?.col.label,
              radius: ['35%', '65%'],
              center: ['50%', '45%'],
              data,
              label: { formatter: '{b}: {d}%' },
            }
          : {
              type: 'funnel',
              name: m0?.col.label,
              sort: 'descending',
              left: '10%',
              width: '80%',
              top: 8,
              bottom: 40,
              gap: 2,
              label: { show: true, position: 'inside', formatter: (p) => `${p.name}: ${format(p.value)}` },
              data,
            },
      ],
    }
    return {
      option,
      target: (_s, i) => (rows[i] ? { group: groupOf(result, rows[i]), measureIndex: 0 } : null),
    }
  }

  const categories = g1 ? distinct(rows.map((r) => r[g1.index])) : [null]
  const categoryNames = g1 ? categories.map((v) => groupLabel(result, g1.col, v, ctx)) : [ctx.total]
  const catIndex = new Map(categories.map((v, i) => [keyOf(v), i]))
  const kind = chart.type === 'line' || chart.type === 'area' ? 'line' : 'bar'
  const stacked = chart.type === 'stacked_bar' || (chart.type === 'area' && !!g2)
  const axisType = m0?.col.type ?? 'number'

  type Series = { name: string; data: (number | null)[]; targets: (DrillTarget | null)[]; type: string }
  const series: Series[] = []
  if (g2 && m0) {
    // One series per value of the second grouping, over the first measure.
    for (const s of distinct(rows.map((r) => r[g2.index]))) {
      const data: (number | null)[] = categories.map(() => null)
      const targets: (DrillTarget | null)[] = categories.map(() => null)
      for (const row of rows) {
        if (keyOf(row[g2.index]) !== keyOf(s)) continue
        const i = catIndex.get(keyOf(row[g1!.index]))!
        data[i] = measureValue(row[m0.index])
        targets[i] = { group: groupOf(result, row), measureIndex: 0 }
      }
      series.push({ name: groupLabel(result, g2.col, s, ctx), data, targets, type: m0.col.type })
    }
  } else {
    measures.forEach((m, mi) => {
      const data: (number | null)[] = categories.map(() => null)
      const targets: (DrillTarget | null)[] = categories.map(() => null)
      for (const row of rows) {
        const i = g1 ? catIndex.get(keyOf(row[g1.index]))! : 0
        data[i] = measureValue(row[m.index])
        targets[i] = { group: groupOf(result, row), measureIndex: mi }
      }
      series.push({ name: m.col.label, data, targets, type: m.col.type })
    })
  }

  const categoryAxis = {
    type: 'category' as const,
    data: categoryNames,
    axisLabel: chart.horizontal
      ? { width: 140, overflow: 'truncate' as const }
      : {
          interval: 0,
          width: 90,
          overflow: 'truncate' as const,
          rotate: categoryNames.length > 8 ? 30 : 0,
        },
  }
  // Shares (ratios, percent fields) beside counts or amounts get an axis of their own, on the right.
  const isShare = (type: string) => type === 'ratio' || type === 'percent'
  const mixed =
    !chart.horizontal && series.some((x) => isShare(x.type)) && series.some((x) => !isShare(x.type))
  const axisIndex = (x: Series) => (mixed && isShare(x.type) ? 1 : 0)
  // One series is named by its measure on the axis; several by the legend.
  const axisName = series.length === 1 ? series[0]!.name : undefined
  const valueAxis = (type: string, name?: string) => ({
    type: 'value' as const,
    name: chart.horizontal ? undefined : name,
    nameTextStyle: { align: 'left' as const },
    axisLabel: { formatter: (v: number) => formatAxis(v, type as never, ctx) },
  })
  const mainType = series.find((x) => !isShare(x.type))?.type ?? axisType
  const shareType = series.find((x) => isShare(x.type))?.type ?? 'ratio'
  const valueAxes = mixed
    ? [valueAxis(mainType), { ...valueAxis(shareType), splitLine: { show: false } }]
    : valueAxis(axisType, axisName)
  const option: ReportChartOption = {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: kind === 'bar' ? 'shadow' : 'line' },
      formatter: (params) => {
        const list = Array.isArray(params) ? params : [params]
        const head = `<b>${escapeHtml(String(list[0]?.name ?? ''))}</b>`
        const lines = list.map(
          (p) =>
            `${p.marker ?? ''}${escapeHtml(p.seriesName ?? '')}: ${formatMeasure(p.value, (series[p.seriesIndex ?? 0]?.type ?? axisType) as never, ctx)}`,
        )
        return [head, ...lines].join('<br/>')
      },
    },
    legend: series.length > 1 ? { type: 'scroll', top: 0 } : undefined,
    grid: { left: 8, right: 24, bottom: 8, top: 40, containLabel: true },
    xAxis: chart.horizontal ? valueAxis(axisType) : categoryAxis,
    yAxis: chart.horizontal ? { ...categoryAxis, inverse: true } : valueAxes,
    series: series.map((s) =>
      kind === 'bar'
        ? {
            type: 'bar' as const,
            name: s.name,
            yAxisIndex: axisIndex(s),
            data: s.data,
            stack: stacked ? 'total' : undefined,
            barMaxWidth: 36,
          }
        : {
            type: 'line' as const,
            name: s.name,
            yAxisIndex: axisIndex(s),
            // A stacked area needs a figure at every point; a missing group counts nothing there.
            data: stacked ? s.data.map((v) => v ?? 0) : s.data,
            stack: stacked ? 'total' : undefined,
            areaStyle: chart.type === 'area' ? {} : undefined,
            smooth: false,
            symbolSize: 8,
            connectNulls: true,
          },
    ),
  }
  return { option, target: (s, i) => series[s]?.targets[i] ?? null }
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
