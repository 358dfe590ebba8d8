import { useMemo } from 'react'
import { Col, Row, Statistic } from 'antd'
import { useTranslation } from 'react-i18next'
import type { FunnelStage } from '@openkam/contract'
import { formatRate, funnelChartOption } from './report-charts'
import { ReportSection } from './ReportSection'
import { useFunnel, type ReportFilter } from './reports.queries'

/** How many deals that started in the period reached each stage, moved on, and were won or lost. */
export function FunnelTab({ filter }: { filter: ReportFilter }) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const query = useFunnel(filter)
  const data = query.data
  const option = useMemo(() => (data ? funnelChartOption(data.stages, t, lang) : null), [data, t, lang])
  const stage = (s: FunnelStage) => t(`enums.stage.${s.stage}`)

  return (
    <ReportSection<FunnelStage>
      title={t('salesReports.funnel.title')}
      query={query}
      empty={!data?.opportunities}
      emptyText={t('salesReports.funnel.empty')}
      figures={
        data && (
          <Row gutter={16}>
            <Col xs={12} md={5}>
              <Statistic title={t('salesReports.funnel.opportunities')} value={data.opportunities} />
            </Col>
            <Col xs={12} md={5}>
              <Statistic title={t('salesReports.funnel.won')} value={data.won} />
            </Col>
            <Col xs={12} md={5}>
              <Statistic title={t('salesReports.funnel.lostTotal')} value={data.lost} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('salesReports.funnel.open')} value={data.open} />
            </Col>
            <Col xs={12} md={5}>
              <Statistic title={t('salesReports.funnel.winRate')} value={formatRate(lang, data.winRate)} />
            </Col>
          </Row>
        )
      }
      chart={option ? { option, height: 340 } : undefined}
      table={{
        rows: data?.stages ?? [],
        rowKey: (s) => s.stage,
        columns: [
          { title: t('salesReports.funnel.stage'), key: 'stage', render: (_, s) => stage(s) },
          { title: t('salesReports.funnel.entered'), dataIndex: 'entered', align: 'right' },
          {
            title: t('salesReports.funnel.movedOn'),
            key: 'movedOn',
            align: 'right',
            render: (_, s) => s.movedOn ?? '—',
          },
          {
            title: t('salesReports.funnel.conversion'),
            key: 'conversion',
            align: 'right',
            render: (_, s) => formatRate(lang, s.conversionRate),
          },
          { title: t('salesReports.funnel.lost'), dataIndex: 'lost', align: 'right' },
        ],
      }}
      csv={{
        filename: `funnel-${data?.from ?? ''}-${data?.to ?? ''}.csv`,
        header: [
          t('salesReports.funnel.stage'),
          t('salesReports.funnel.entered'),
          t('salesReports.funnel.movedOn'),
          t('salesReports.funnel.conversion'),
          t('salesReports.funnel.lost'),
        ],
        rows: () =>
          (data?.stages ?? []).map((s) => [stage(s), s.entered, s.movedOn, s.conversionRate, s.lost]),
      }}
      note={t('salesReports.funnel.note')}
    />
  )
}
