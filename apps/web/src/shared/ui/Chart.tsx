import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import * as echarts from 'echarts/core'
import { BarChart, PieChart, type BarSeriesOption, type PieSeriesOption } from 'echarts/charts'
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

// Only what the app's charts use, so the chunk stays small.
echarts.use([
  BarChart,
  PieChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  AriaComponent,
  CanvasRenderer,
])

export type ChartOption = echarts.ComposeOption<
  | BarSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | AriaComponentOption
>

export const chartPalette = [
  '#1f56d6',
  '#13a8a8',
  '#fa8c16',
  '#eb2f96',
  '#52c41a',
  '#722ed1',
  '#faad14',
  '#2f54eb',
]

/** The app's palette, and an accessible description: our label, then ECharts' summary of the data. */
const withDefaults = (option: ChartOption, label: string): ChartOption => ({
  color: chartPalette,
  aria: { enabled: true, label: { general: { withTitle: `${label}. `, withoutTitle: `${label}. ` } } },
  ...option,
})

/**
 * An ECharts chart in a div: initialised once per language, updated with `setOption` when the option
 * changes, resized with its container and the window, disposed on unmount.
 */
export function Chart({
  option,
  height = 300,
  ariaLabel,
}: {
  option: ChartOption
  height?: number
  /** What the chart shows, for screen readers. */
  ariaLabel: string
}) {
  const { i18n } = useTranslation()
  const el = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.EChartsType | null>(null)
  const latest = useRef({ option, label: ariaLabel })
  latest.current = { option, label: ariaLabel }

  useEffect(() => {
    const node = el.current
    if (!node) return
    const c = echarts.init(node, undefined, {
      renderer: 'canvas',
      locale: i18n.language === 'zh-CN' ? 'ZH' : 'EN',
    })
    chart.current = c
    c.setOption(withDefaults(latest.current.option, latest.current.label))
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

  return <div ref={el} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} />
}
