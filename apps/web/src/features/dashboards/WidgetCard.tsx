import { useRef, type ReactNode } from 'react'
import { Alert, Button, Dropdown, Skeleton, type MenuProps } from 'antd'
import { DragOutlined, MoreOutlined } from '@ant-design/icons'
import { useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { DashboardViewData, DashboardWidget, SavedReport } from '@openkam/contract'
import { EmptyState } from '../../shared/ui/states'
import {
  ReportView,
  downloadChartPng,
  downloadResultCsv,
  downloadResultXlsx,
  useFormatContext,
} from '../report-builder'
import type { Nudge } from './dashboard-layout'
import type { WidgetData } from './dashboards.queries'
import { FixedView } from './FixedViews'
import { MetricKpi } from './MetricKpi'

/** The name a widget shows: its own title, else its report's, metric's or view's name. */
export function useWidgetTitle() {
  const { t } = useTranslation()
  return (w: DashboardWidget, report?: SavedReport, data?: WidgetData) =>
    w.title ||
    (w.reportId
      ? (report?.name ?? t('dashboards.widget.deletedReport'))
      : w.metric
        ? t(`dashboards.metricNames.${w.metric}`, { defaultValue: data?.metric?.label ?? w.metric })
        : t(`dashboards.views.${w.view!}`))
}

export const HEADER = 40

/**
 * One widget: a title bar (the drag handle while editing, with the widget's actions) and its content —
 * a report drawn as its chart, a metric as a KPI card or a fixed view — with loading, error and empty
 * states.
 */
export function WidgetCard({
  widget: w,
  report,
  data,
  loading,
  bodyHeight,
  editing,
  onDrill,
  onRename,
  onRemove,
  onNudge,
}: {
  widget: DashboardWidget
  report?: SavedReport
  data?: WidgetData
  loading: boolean
  bodyHeight: number
  editing: boolean
  onDrill?: (widget: DashboardWidget, group: Record<string, unknown>, measureIndex?: number) => void
  onRename?: () => void
  onRemove?: () => void
  onNudge?: (how: Nudge) => void
}) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const ctx = useFormatContext()
  const body = useRef<HTMLDivElement>(null)
  const title = useWidgetTitle()(w, report, data)
  const result = data?.result
  const chartLike = !!result && !!report && !['table', 'kpi', 'pivot'].includes(report.chart.type)

  const items: MenuProps['items'] = editing
    ? [
        { key: 'rename', label: t('dashboards.rename') },
        { type: 'divider' },
        ...(['up', 'down', 'left', 'right', 'wider', 'narrower', 'taller', 'shorter'] as const).map((k) => ({
          key: `nudge:${k}`,
          label: t(`dashboards.widget.nudge.${k}`),
        })),
        { type: 'divider' },
        { key: 'remove', danger: true, label: t('dashboards.widget.remove') },
      ]
    : result
      ? [
          { key: 'csv', label: t('dashboards.widget.exportCsv') },
          { key: 'xlsx', label: t('dashboards.widget.exportXlsx') },
          ...(chartLike ? [{ key: 'png', label: t('dashboards.widget.exportPng') }] : []),
          ...(report
            ? [{ type: 'divider' as const }, { key: 'open', label: t('dashboards.widget.openReport') }]
            : []),
        ]
      : []
  const onMenu: MenuProps['onClick'] = ({ key }) => {
    if (key === 'rename') onRename?.()
    else if (key === 'remove') onRemove?.()
    else if (key.startsWith('nudge:')) onNudge?.(key.slice(6) as Nudge)
    else if (key === 'csv' && result) downloadResultCsv(title, result, ctx)
    else if (key === 'xlsx' && result) downloadResultXlsx(title, result, ctx)
    else if (key === 'png') downloadChartPng(title, body.current)
    else if (key === 'open' && report) navigate(`/reports/builder/${report.id}`)
  }

  let content: ReactNode
  if (loading && !data) content = <Skeleton active paragraph={{ rows: 3 }} aria-busy="true" />
  else if (data?.error)
    content = <Alert type="warning" showIcon title={t('dashboards.widget.error')} description={data.error} />
  else if (!data) content = <EmptyState description={t('dashboards.widget.empty')} />
  else if (result)
    content = (
      <ReportView
        result={result}
        chart={report?.chart ?? { type: 'bar' }}
        measures={report?.measures}
        height={bodyHeight}
        onDrill={editing || !onDrill ? undefined : (group, m) => onDrill(w, group, m)}
      />
    )
  else if (data.metric) content = <MetricKpi metric={data.metric} />
  else if (data.view) content = <FixedView data={data.view as DashboardViewData} height={bodyHeight} />
  else content = <EmptyState description={t('dashboards.widget.empty')} />

  return (
    <article className={`dashboard-widget${editing ? ' editing' : ''}`} aria-label={title} data-widget={w.id}>
      <header className="dashboard-widget-head">
        {editing && <DragOutlined aria-hidden style={{ color: '#1f56d6' }} />}
        <h2 title={title}>{title}</h2>
        {items.length > 0 && (
          <Dropdown menu={{ items, onClick: onMenu }} trigger={['click']}>
            <Button
              size="small"
              type="text"
              className="no-drag"
              icon={<MoreOutlined />}
              aria-label={t('dashboards.widget.actions', { name: title })}
            />
          </Dropdown>
        )}
      </header>
      <div className="dashboard-widget-body" ref={body}>
        {content}
      </div>
    </article>
  )
}
