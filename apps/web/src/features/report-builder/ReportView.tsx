import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChartType, ReportMeasure, ReportResult } from '@openkam/contract'
import { EmptyState } from '../../shared/ui/states'
import { ReportCanvas } from './ReportCanvas'
import { buildChartOption } from './report-chart-option'
import { splitColumns } from './report-format'
import { ReportKpi } from './ReportKpi'
import { ReportPivot, ReportTable } from './ReportTable'
import { useFormatContext } from './use-format'
import './report-builder.css'

export type ReportViewProps = {
  result: ReportResult
  chart: { type: ChartType; horizontal?: boolean }
  /** Height of the chart or table area in pixels (320 by default). */
  height?: number
  /**
   * Called with the clicked element's grouping values (raw, keyed by the grouping's field path) and the
   * index of the measure it shows; leave out to make nothing clickable.
   */
  onDrill?: (group: Record<string, unknown>, measureIndex?: number) => void
  /** The report's measures, to know which figures a pivot may total (guessed from the columns otherwise). */
  measures?: ReportMeasure[]
}

/**
 * A report result drawn as its chart: bars (stacked by the second grouping), line, area, pie, funnel,
 * table, KPI number or pivot. Numbers are formatted by column type, dates by bucket.
 */
export function ReportView({ result, chart, height = 320, onDrill, measures }: ReportViewProps) {
  const { t } = useTranslation()
  const ctx = useFormatContext()
  const canvas = !['table', 'kpi', 'pivot'].includes(chart.type)
  const { type, horizontal } = chart
  // Built from the chart's fields, not the object, which callers often create inline.
  const built = useMemo(
    () => (canvas ? buildChartOption(result, { type, horizontal }, ctx) : null),
    [canvas, result, type, horizontal, ctx],
  )
  const { measures: measureCols } = splitColumns(result)
  const first = measures?.[0]
  const additive = first ? first.fn === 'count' || first.fn === 'sum' : undefined

  if (chart.type === 'kpi') return <ReportKpi result={result} ctx={ctx} height={height} onDrill={onDrill} />
  if (result.rows.length === 0) return <EmptyState description={t('reportBuilder.view.empty')} />
  if (chart.type === 'table')
    return <ReportTable result={result} ctx={ctx} height={height} onDrill={onDrill} />
  if (chart.type === 'pivot')
    return <ReportPivot result={result} ctx={ctx} height={height} onDrill={onDrill} additive={additive} />
  if (!built) return null
  const label = t('reportBuilder.view.chartAria', {
    chart: t(`reportBuilder.charts.${chart.type}`),
    measure: measureCols.map((m) => m.col.label).join(', '),
  })
  return (
    <ReportCanvas
      option={built.option}
      height={height}
      ariaLabel={label}
      onClick={
        onDrill &&
        ((p) => {
          const target = built.target(p.seriesIndex ?? 0, p.dataIndex ?? -1)
          if (target) onDrill(target.group, target.measureIndex)
        })
      }
    />
  )
}
