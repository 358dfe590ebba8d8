import { useMemo } from 'react'
import { Col, Row, Statistic, Tag } from 'antd'
import { useTranslation } from 'react-i18next'
import type { WinLossRow } from '@openkam/contract'
import { formatMoney } from '../records/display'
import { formatRate, winLossChartOption } from './report-charts'
import { ReportSection } from './ReportSection'
import { useWinLoss, type ReportFilter } from './reports.queries'

/** Deals won and lost in the period, by reason, with amounts per currency. */
export function WinLossTab({ filter }: { filter: ReportFilter }) {
  const { t, i18n } = useTranslation()
  const lang = i18n.language
  const query = useWinLoss(filter)
  const data = query.data
  const reason = (r: string) => (r === 'unspecified' ? t('salesReports.winLoss.unspecified') : r)
  const chart = useMemo(
    () =>
      data
        ? winLossChartOption(data.rows, t, (r) =>
            r === 'unspecified' ? t('salesReports.winLoss.unspecified') : r,
          )
        : null,
    [data, t],
  )
  const sums = (key: 'won' | 'lost') =>
    data?.amounts
      .filter((a) => Number(a[key]) !== 0)
      .map((a) => formatMoney(a[key], a.currency, lang))
      .join(' + ') || formatMoney(0, data?.amounts[0]?.currency ?? 'CNY', lang)

  return (
    <ReportSection<WinLossRow>
      title={t('salesReports.winLoss.title')}
      query={query}
      empty={!data || data.won + data.lost === 0}
      emptyText={t('salesReports.winLoss.empty')}
      figures={
        data && (
          <Row gutter={16}>
            <Col xs={12} md={4}>
              <Statistic title={t('salesReports.winLoss.won')} value={data.won} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('salesReports.winLoss.lost')} value={data.lost} />
            </Col>
            <Col xs={12} md={4}>
              <Statistic title={t('salesReports.winLoss.winRate')} value={formatRate(lang, data.winRate)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('salesReports.winLoss.wonAmount')} value={sums('won')} />
            </Col>
            <Col xs={24} md={6}>
              <Statistic title={t('salesReports.winLoss.lostAmount')} value={sums('lost')} />
            </Col>
          </Row>
        )
      }
      chart={chart ?? undefined}
      table={{
        rows: data?.rows ?? [],
        rowKey: (r) => `${r.outcome}|${r.reason}|${r.currency}`,
        columns: [
          {
            title: t('salesReports.winLoss.outcome'),
            key: 'outcome',
            render: (_, r) => (
              <Tag color={r.outcome === 'won' ? 'green' : 'red'}>
                {t(`salesReports.winLoss.${r.outcome}`)}
              </Tag>
            ),
          },
          { title: t('salesReports.winLoss.reason'), key: 'reason', render: (_, r) => reason(r.reason) },
          { title: t('salesReports.currency'), dataIndex: 'currency' },
          { title: t('salesReports.winLoss.count'), dataIndex: 'count', align: 'right' },
          {
            title: t('salesReports.winLoss.amount'),
            key: 'total',
            align: 'right',
            render: (_, r) => formatMoney(r.total, r.currency, lang),
          },
        ],
      }}
      csv={{
        filename: `win-loss-${data?.from ?? ''}-${data?.to ?? ''}.csv`,
        header: [
          t('salesReports.winLoss.outcome'),
          t('salesReports.winLoss.reason'),
          t('salesReports.currency'),
          t('salesReports.winLoss.count'),
          t('salesReports.winLoss.amount'),
        ],
        rows: () =>
          (data?.rows ?? []).map((r) => [
            t(`salesReports.winLoss.${r.outcome}`),
            reason(r.reason),
            r.currency,
            r.count,
            r.total,
          ]),
      }}
      note={t('salesReports.winLoss.note')}
    />
  )
}
