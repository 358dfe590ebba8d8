import { useMemo, type ReactNode } from 'react'
import { Table, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { RoiOfEffortView, RoiRow } from '@openkam/contract'
import { Chart, type ChartOption } from '../../shared/ui/Chart'
import { formatMoney } from '../records/display'

/** A ROI row's name: new and existing customers in the app's language, a segment as it is written. */
const roiLabel = (r: RoiRow, t: (k: string) => string) =>
  r.key === 'new' || r.key === 'existing'
    ? t(`dashboards.roi.${r.key}`)
    : r.key === null
      ? t('dashboards.roi.noSegment')
      : r.label

export function RoiView({ data }: { data: RoiOfEffortView }) {
  const { t, i18n } = useTranslation()
  const money = (v: number) => formatMoney(v, data.currency, i18n.language)
  const label = (r: RoiRow) => roiLabel(r, t)
  // ROI (revenue ÷ cost) per group: new and existing customers, then the segments that won most.
  const chartRows = useMemo(
    () =>
      [
        ...data.byCustomerType,
        ...[...data.bySegment].sort((a, b) => b.revenue - a.revenue).slice(0, 8),
      ].filter((r) => r.roi !== null),
    [data],
  )
  const option = useMemo<ChartOption>(() => {
    const nf = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 })
    return {
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (ps: unknown) => {
          const r = chartRows[(ps as { dataIndex: number }[])[0]?.dataIndex ?? 0]
          if (!r) return ''
          const m = (v: number) => formatMoney(v, data.currency, i18n.language)
          return `${roiLabel(r, t)}<br/>${t('dashboards.roi.roi')}: ${nf.format(r.roi ?? 0)}×<br/>${t('dashboards.roi.revenue')}: ${m(r.revenue)}<br/>${t('dashboards.roi.cost')}: ${m(r.cost)}`
        },
      },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      yAxis: {
        type: 'category',
        inverse: true,
        data: chartRows.map((r) => roiLabel(r, t)),
        axisLabel: { overflow: 'truncate', width: 170 },
      },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${nf.format(v)}×` } },
      series: [
        {
          type: 'bar',
          name: t('dashboards.roi.roi'),
          barMaxWidth: 18,
          data: chartRows.map((r, i) => ({
            value: r.roi,
            itemStyle: { color: i < data.byCustomerType.length ? '#13a8a8' : '#1f56d6' },
          })),
        },
      ],
    }
  }, [chartRows, data, t, i18n.language])
  const ratio = (v: number | null) =>
    v === null ? '—' : `${new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(v)}×`
  const columns = [
    { key: 'group', title: t('dashboards.roi.group'), render: (_: unknown, r: RoiRow) => label(r) },
    {
      key: 'accounts',
      title: t('dashboards.roi.accounts'),
      dataIndex: 'accounts',
      align: 'right' as const,
      className: 'num',
    },
    {
      key: 'revenue',
      title: t('dashboards.roi.revenue'),
      dataIndex: 'revenue',
      align: 'right' as const,
      className: 'num',
      render: money,
    },
    {
      key: 'hours',
      title: t('dashboards.roi.hours'),
      dataIndex: 'activityHours',
      align: 'right' as const,
      className: 'num',
    },
    {
      key: 'activityCost',
      title: t('dashboards.roi.activityCost'),
      dataIndex: 'activityCost',
      align: 'right' as const,
      className: 'num',
      render: money,
    },
    {
      key: 'campaignCost',
      title: t('dashboards.roi.campaignCost'),
      dataIndex: 'campaignCost',
      align: 'right' as const,
      className: 'num',
      render: money,
    },
    {
      key: 'cost',
      title: t('dashboards.roi.cost'),
      dataIndex: 'cost',
      align: 'right' as const,
      className: 'num',
      render: money,
    },
    {
      key: 'roi',
      title: t('dashboards.roi.roi'),
      dataIndex: 'roi',
      align: 'right' as const,
      className: 'num',
      render: ratio,
    },
  ]
  const total = data.total
  const totals: Record<string, ReactNode> = {
    group: t('dashboards.roi.total'),
    accounts: total.accounts,
    revenue: money(total.revenue),
    hours: total.activityHours,
    activityCost: money(total.activityCost),
    campaignCost: money(total.campaignCost),
    cost: money(total.cost),
    roi: ratio(total.roi),
  }
  const noCost = data.total.cost === 0
  return (
    <div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('dashboards.roi.period', { from: data.from, to: data.to })}
      </Typography.Text>
      {noCost && (
        <Typography.Paragraph type="warning" style={{ fontSize: 12, marginBottom: 4 }}>
          {t('dashboards.roi.noCosts')}
        </Typography.Paragraph>
      )}
      {chartRows.length > 0 && (
        <Chart option={option} height={chartRows.length * 26 + 40} ariaLabel={t('dashboards.roi.chart')} />
      )}
      <Table
        size="small"
        scroll={{ x: 'max-content' }}
        rowKey={(r) => `${r.key}:${r.label}`}
        pagination={false}
        columns={columns}
        dataSource={data.bySegment}
        title={() => <Typography.Text strong>{t('dashboards.roi.bySegment')}</Typography.Text>}
        summary={() => (
          // The whole period's totals under each column.
          <Table.Summary.Row>
            {columns.map((c, n) => (
              <Table.Summary.Cell
                key={c.key}
                index={n}
                align={n ? 'right' : undefined}
                className={n ? 'num' : undefined}
              >
                {totals[c.key]}
              </Table.Summary.Cell>
            ))}
          </Table.Summary.Row>
        )}
      />
      <Table
        size="small"
        scroll={{ x: 'max-content' }}
        rowKey={(r) => `${r.key}:${r.label}`}
        pagination={false}
        columns={columns}
        dataSource={data.byCustomerType}
        title={() => <Typography.Text strong>{t('dashboards.roi.byCustomerType')}</Typography.Text>}
      />
    </div>
  )
}
