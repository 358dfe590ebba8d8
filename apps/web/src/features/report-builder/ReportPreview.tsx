import { Alert, Spin, Typography } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import type { ChartType, ReportMeasure, ReportResult } from '@openkam/contract'
import { ApiError } from '../../shared/api/client'
import { Tabs } from '../../shared/ui/Tabs'
import { EmptyState, LoadingState } from '../../shared/ui/states'
import { ReportTable } from './ReportTable'
import { ReportView } from './ReportView'
import { useFormatContext } from './use-format'

/** The server's message, and each field it names (a 400 says which field is wrong). */
export function errorLines(error: unknown): string[] {
  // The detail repeats the field errors when there are some; each on its own line reads better.
  if (error instanceof ApiError && error.errors.length)
    return error.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message))
  return [error instanceof Error ? error.message : String(error)]
}

/** The preview of the report being built: loading, empty, the server's error, or the chart and its data. */
export function ReportPreview({
  result,
  loading,
  fetching,
  error,
  chart,
  measures,
  onDrill,
  hint,
}: {
  result: ReportResult | undefined
  loading: boolean
  fetching: boolean
  error: unknown
  chart: { type: ChartType; horizontal?: boolean }
  measures?: ReportMeasure[]
  onDrill: (group: Record<string, unknown>, measureIndex?: number) => void
  /** Shown instead of a preview while the report cannot run yet. */
  hint?: string
}) {
  const { t } = useTranslation()
  const ctx = useFormatContext()
  if (hint) return <EmptyState description={hint} />
  if (error)
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        title={t('reportBuilder.previewError')}
        description={errorLines(error).map((l, i) => (
          <div key={i}>{l}</div>
        ))}
      />
    )
  if (loading || !result)
    return (
      <div aria-label={t('reportBuilder.running')}>
        <LoadingState rows={6} />
      </div>
    )
  const drawn = !['table', 'kpi', 'pivot'].includes(chart.type)
  const view = <ReportView result={result} chart={chart} height={360} onDrill={onDrill} measures={measures} />
  return (
    <Spin spinning={fetching} description={t('reportBuilder.running')}>
      <div aria-busy={fetching}>
        {drawn && result.rows.length > 0 ? (
          <Tabs
            size="small"
            items={[
              { key: 'chart', label: t('reportBuilder.sections.chart'), children: view },
              {
                key: 'data',
                label: t('reportBuilder.view.rows'),
                children: <ReportTable result={result} ctx={ctx} height={360} onDrill={onDrill} />,
              },
            ]}
          />
        ) : (
          view
        )}
        <div className="rb-preview-meta">
          <Typography.Text type="secondary">
            {t('reportBuilder.view.asOf', { time: dayjs(result.asOf).format('YYYY-MM-DD HH:mm:ss') })}
            {' · '}
            {t('reportBuilder.view.drillHint')}
          </Typography.Text>
          {result.truncated && (
            <Alert
              type="warning"
              showIcon
              title={t('reportBuilder.view.truncated', { count: result.rows.length })}
            />
          )}
        </div>
      </div>
    </Spin>
  )
}
