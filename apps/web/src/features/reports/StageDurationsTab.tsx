import { useMemo } from 'react'
import { Alert } from 'antd'
import { useTranslation } from 'react-i18next'
import type { StageDuration } from '@openkam/contract'
import { durationsChartOption } from './report-charts'
import { ReportSection } from './ReportSection'
import { useStageDurations, type ReportFilter } from './reports.queries'

/** Average and median days per stage, and the bottleneck. */
export function StageDurationsTab({ filter }: { filter: ReportFilter }) {
  const { t } = useTranslation()
  const query = useStageDurations(filter)
  const data = query.data
  const option = useMemo(() => (data ? durationsChartOption(data.stages, data.slowest, t) : null), [data, t])
  const stage = (s: StageDuration) => t(`enums.stage.${s.stage}`)
  const days = (v: number | null) => (v === null ? '—' : t('salesReports.durations.daysValue', { count: v }))
  const slowest = data?.stages.find((s) => s.stage === data.slowest)

  return (
    <ReportSection<StageDuration>
      title={t('salesReports.durations.title')}
      query={query}
      empty={!data?.stages.some((s) => s.count > 0 || s.inProgress > 0)}
      emptyText={t('salesReports.durations.empty')}
      figures={
        slowest && (
          <Alert
            type="warning"
            showIcon
            title={t('salesReports.durations.slowestValue', {
              stage: stage(slowest),
              days: days(slowest.avgDays),
            })}
          />
        )
      }
      chart={option ? { option } : undefined}
      table={{
        rows: data?.stages ?? [],
        rowKey: (s) => s.stage,
        columns: [
          { title: t('salesReports.funnel.stage'), key: 'stage', render: (_, s) => stage(s) },
          {
            title: t('salesReports.durations.avgDays'),
            key: 'avg',
            align: 'right',
            render: (_, s) => days(s.avgDays),
          },
          {
            title: t('salesReports.durations.medianDays'),
            key: 'median',
            align: 'right',
            render: (_, s) => days(s.medianDays),
          },
          { title: t('salesReports.durations.count'), dataIndex: 'count', align: 'right' },
          { title: t('salesReports.durations.inProgress'), dataIndex: 'inProgress', align: 'right' },
        ],
      }}
      csv={{
        filename: `stage-durations-${data?.from ?? ''}-${data?.to ?? ''}.csv`,
        header: [
          t('salesReports.funnel.stage'),
          t('salesReports.durations.avgDays'),
          t('salesReports.durations.medianDays'),
          t('salesReports.durations.count'),
          t('salesReports.durations.inProgress'),
        ],
        rows: () =>
          (data?.stages ?? []).map((s) => [stage(s), s.avgDays, s.medianDays, s.count, s.inProgress]),
      }}
      note={t('salesReports.durations.note')}
    />
  )
}
