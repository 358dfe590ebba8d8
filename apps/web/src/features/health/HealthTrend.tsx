import { useMemo } from 'react'
import * as echarts from 'echarts/core'
import { LineChart } from 'echarts/charts'
import dayjs from 'dayjs'
import { Chart, type ChartOption } from '../../shared/ui/Chart'
import type { HealthSnapshot } from './health.queries'

// The trend needs a line series, which the shared chart does not load.
echarts.use([LineChart])

/** The score over time; the y axis is split at the band thresholds. */
export function HealthTrend({
  data,
  bands,
  label,
}: {
  data: HealthSnapshot[]
  bands: { healthy: number; watch: number }
  label: string
}) {
  const option = useMemo(
    () =>
      ({
        grid: { left: 36, right: 12, top: 12, bottom: 24 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'time' },
        yAxis: { type: 'value', min: 0, max: 100, splitLine: { show: true } },
        series: [
          {
            type: 'line',
            step: 'end',
            showSymbol: data.length < 40,
            // A snapshot with too little data has no score: a gap in the line, not a fall to 0.
            connectNulls: false,
            data: data.map((s) => [dayjs(s.computedAt).valueOf(), s.score ?? null]),
          },
        ],
      }) as unknown as ChartOption,
    [data, bands],
  )
  return <Chart option={option} height={200} ariaLabel={label} />
}
