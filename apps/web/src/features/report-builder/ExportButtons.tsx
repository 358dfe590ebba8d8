import type { RefObject } from 'react'
import { App, Button, Space, Tooltip } from 'antd'
import { DownloadOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { ChartType, ReportResult } from '@openkam/contract'
import { downloadChartPng, downloadResultCsv, downloadResultXlsx } from './report-export'
import { useFormatContext } from './use-format'

const canvasTypes: ChartType[] = ['bar', 'stacked_bar', 'line', 'area', 'pie', 'funnel']

/** Export of a result's data (CSV, Excel) and of its chart (PNG, for drawn charts). */
export function ExportButtons({
  name,
  result,
  chartType,
  chartRoot,
}: {
  name: string
  result: ReportResult | undefined
  chartType: ChartType
  /** The element the chart is drawn in. */
  chartRoot: RefObject<HTMLElement | null>
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const ctx = useFormatContext()
  const run = (fn: () => void) => {
    try {
      fn()
    } catch (e) {
      void message.error(t('reportBuilder.exportFailed', { message: (e as Error).message }))
    }
  }
  const png = canvasTypes.includes(chartType)
  return (
    <Space.Compact>
      <Button
        icon={<DownloadOutlined />}
        disabled={!result}
        aria-label={`${t('reportBuilder.export')} ${t('reportBuilder.exportCsv')}`}
        onClick={() => result && run(() => downloadResultCsv(name, result, ctx))}
      >
        {t('reportBuilder.exportCsv')}
      </Button>
      <Button
        disabled={!result}
        aria-label={`${t('reportBuilder.export')} ${t('reportBuilder.exportExcel')}`}
        onClick={() => result && run(() => downloadResultXlsx(name, result, ctx))}
      >
        {t('reportBuilder.exportExcel')}
      </Button>
      <Tooltip title={png ? undefined : t('reportBuilder.noChartImage')}>
        <Button
          disabled={!result || !png}
          aria-label={`${t('reportBuilder.export')} ${t('reportBuilder.exportPng')}`}
          onClick={() => run(() => void downloadChartPng(name, chartRoot.current))}
        >
          {t('reportBuilder.exportPng')}
        </Button>
      </Tooltip>
    </Space.Compact>
  )
}
