import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import * as echarts from 'echarts/core'
import {
  BarChart,
  FunnelChart,
  LineChart,
  PieChart,
  type BarSeriesOption,
  type FunnelSeriesOption,
  type LineSeriesOption,
  type PieSeriesOption,
} from 'echarts/charts'
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type AriaComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'
import { chartPalette } from '../../shared/ui/Chart'

// The report charts add lines and funnels to the shared chart's bars and pies; only these parts load.
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  FunnelChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  AriaComponent,
  CanvasRenderer,
])

export type ReportChartOption = echarts.ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | FunnelSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | AriaComponentOption
>

/** What ECharts tells about a clicked bar, slice or point. */
export type ChartClick = { seriesIndex?: number; dataIndex?: number }

const withDefaults = (option: ReportChartOption, label: string): ReportChartOption => ({
  color: chartPalette,
  aria: { enabled: true, label: { general: { withTitle: `${label}. `, withoutTitle: `${label}. ` } } },
  ...option,
})

/**
 * An ECharts canvas for reports: like the shared Chart, with lines and funnels, and clicks on the
 * data reported through `onClick`.
 */
export function ReportCanvas({
  option,
  height,
  ariaLabel,
  onClick,
}: {
  option: ReportChartOption
  height: number
  ariaLabel: string
  onClick?: (p: ChartClick) => void
}) {
  const { i18n } = useTranslation()
  const el = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.EChartsType | null>(null)
  const latest = useRef({ option, label: ariaLabel, onClick })
  latest.current = { option, label: ariaLabel, onClick }

  useEffect(() => {
    const node = el.current
    if (!node) return
    const c = echarts.init(node, undefined, {
      renderer: 'canvas',
      locale: i18n.language === 'zh-CN' ? 'ZH' : 'EN',
    })
    chart.current = c
    c.setOption(withDefaults(latest.current.option, latest.current.label))
    c.on('click', (p) => latest.current.onClick?.(p as ChartClick))
    const resize = () => c.resize()
    window.addEventListener('resize', resize)
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => c.resize())
    observer?.observe(node)
    return () => {
      window.removeEventListener('resize', resize)
      observer?.disconnect()
      c.dispose()
      chart.current = null
    }
  }, [i18n.language])

  useEffect(() => {
    chart.current?.setOption(withDefaults(option, ariaLabel), { notMerge: true })
  }, [option, ariaLabel])

  return (
    <div
      ref={el}
      className="report-canvas"
      role="img"
      aria-label={ariaLabel}
      style={{ width: '100%', height }}
    />
  )
}

/**
 * The chart inside `root` as a PNG data URL on a white background (null when `root` holds no chart,
 * e.g. a table or a KPI).
 */
export function chartPngOf(root: HTMLElement | null): string | null {
  const node = root?.querySelector<HTMLElement>('.report-canvas')
  const instance = node ? echarts.getInstanceByDom(node) : undefined
  return instance ? instance.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }) : null
}
