import { useEffect, useRef, useState, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import type * as echarts from 'echarts/core'
import type { BarSeriesOption, PieSeriesOption } from 'echarts/charts'
import type {
  AriaComponentOption,
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
} from 'echarts/components'

/** ECharts (its own chunk, the app's largest library), fetched the first time a chart is about to show. */
const loadECharts = () => import('./echarts-setup').then((m) => m.echarts)

/**
 * Whether the chart's library should load: at once when `el` is on screen or within a quarter of a screen's
 * height of it (or without IntersectionObserver), else 2 s after the page showed — so the page's first load
 * never waits for it, and a chart further down is drawn by the time it is scrolled to.
 */
function useNearView(el: RefObject<HTMLDivElement | null>) {
  const [near, setNear] = useState(typeof IntersectionObserver === 'undefined')
  useEffect(() => {
    const node = el.current
    if (near || !node) return
    const io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setNear(true), {
      rootMargin: '25% 0px',
    })
    io.observe(node)
    const later = setTimeout(() => setNear(true), 2000)
    return () => {
      io.disconnect()
      clearTimeout(later)
    }
  }, [el, near])
  return near
}

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

  const near = useNearView(el)

  useEffect(() => {
    const node = el.current
    if (!node || !near) return
    let c: echarts.EChartsType | null = null
    let gone = false
    const resize = () => c?.resize()
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(resize)
    void loadECharts().then((lib) => {
      if (gone) return
      c = lib.init(node, undefined, {
        renderer: 'canvas',
        locale: i18n.language === 'zh-CN' ? 'ZH' : 'EN',
      })
      chart.current = c
      c.setOption(withDefaults(latest.current.option, latest.current.label))
      window.addEventListener('resize', resize)
      observer?.observe(node)
    })
    return () => {
      gone = true
      window.removeEventListener('resize', resize)
      observer?.disconnect()
      c?.dispose()
      chart.current = null
    }
  }, [i18n.language, near])

  useEffect(() => {
    chart.current?.setOption(withDefaults(option, ariaLabel), { notMerge: true })
  }, [option, ariaLabel])

  return <div ref={el} role="img" aria-label={ariaLabel} style={{ width: '100%', height }} />
}
