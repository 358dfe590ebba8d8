import { useMemo, useState } from 'react'
import { Card, Segmented, Space, Table, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Chart, type ChartOption } from '../../../shared/ui/Chart'
import { EmptyState, ErrorState, LoadingState } from '../../../shared/ui/states'
import { useRevenueRetention, type RetentionQuery, type RevenueRetention } from './expansion.queries'

type Row = RevenueRetention['periods'][number]['groups'][number] & { period: string; rowKey: string }
const pct = (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}%`)
const money = (v: number) => v.toLocaleString(undefined, { maximumFractionDigits: 0 })

/** Expansion revenue, GRR and NRR per period, for all accounts or per tier or owner: a chart and a table. */
export function RetentionCard() {
  const { t } = useTranslation()
  const [q, setQ] = useState<RetentionQuery>({ period: 'quarter', groupBy: 'none' })
  const r = useRevenueRetention(q)
  const label = (p: { from: string; to: string }) =>
    q.period === 'year'
      ? p.from.slice(0, 4)
      : q.period === 'month'
        ? p.from.slice(0, 7)
        : `${p.from.slice(0, 4)} Q${Math.floor(Number(p.from.slice(5, 7)) / 3) + 1}`
  const groupName = (g: { key: string | null; label: string | null }) =>
    q.groupBy === 'tier'
      ? g.key
        ? t(`insightExpansion.tier.${g.key}`, { defaultValue: g.key })
        : t('insightExpansion.noTier')
      : q.groupBy === 'owner'
        ? (g.label ?? t('insightExpansion.noOwner'))
        : t('insightExpansion.allAccounts')
  const rows: Row[] = useMemo(
    () =>
      (r.data?.periods ?? [])
        .slice()
        .reverse()
        .flatMap((p) => p.groups.map((g) => ({ ...g, period: label(p), rowKey: `${p.from} ${g.key}` }))),
    [r.data],
  )
  const option: ChartOption | null = useMemo(() => {
    const periods = r.data?.periods ?? []
    if (!periods.some((p) => p.groups.length)) return null
    const total = (
      p: (typeof periods)[number],
      k: 'startArr' | 'endArr' | 'expansion' | 'contraction' | 'churned',
    ) => p.groups.reduce((s, g) => s + g[k], 0)
    const ratio = (n: number, d: number) => (d > 0 ? Math.round((n * 1000) / d) / 10 : null)
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 12, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: periods.map(label) },
      yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      series: [
        {
          type: 'bar',
          name: t('insightExpansion.retention.grr'),
          data: periods.map((p) =>
            ratio(total(p, 'startArr') - total(p, 'contraction') - total(p, 'churned'), total(p, 'startArr')),
          ),
        },
        {
          type: 'bar',
          name: t('insightExpansion.retention.nrr'),
          data: periods.map((p) => ratio(total(p, 'endArr'), total(p, 'startArr'))),
        },
      ],
    } as ChartOption
  }, [r.data, t])
  return (
    <Card
      title={t('insightExpansion.retention.title')}
      data-testid="retention-card"
      extra={
        <Space wrap>
          <Segmented
            size="small"
            value={q.period}
            onChange={(v) => setQ({ ...q, period: v as RetentionQuery['period'] })}
            options={(['month', 'quarter', 'year'] as const).map((v) => ({
              value: v,
              label: t(`insightExpansion.period.${v}`),
            }))}
          />
          <Segmented
            size="small"
            value={q.groupBy}
            onChange={(v) => setQ({ ...q, groupBy: v as RetentionQuery['groupBy'] })}
            options={(['none', 'tier', 'owner'] as const).map((v) => ({
              value: v,
              label: t(`insightExpansion.groupBy.${v}`),
            }))}
          />
        </Space>
      }
    >
      {r.isLoading ? (
        <LoadingState rows={3} />
      ) : r.error ? (
        <ErrorState error={r.error} onRetry={() => void r.refetch()} />
      ) : !rows.length ? (
        <EmptyState description={t('insightExpansion.retention.empty')} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('insightExpansion.retention.how')}</Typography.Text>
          {option && <Chart option={option} height={240} ariaLabel={t('insightExpansion.retention.chart')} />}
          {/* The wrapper scrolls on a phone and takes the keyboard focus (axe: scrollable regions are focusable). */}
          <div
            tabIndex={0}
            role="region"
            aria-label={t('insightExpansion.retention.title')}
            style={{ overflowX: 'auto' }}
          >
            <Table<Row>
              style={{ minWidth: 720 }}
              size="small"
              rowKey="rowKey"
              dataSource={rows}
              pagination={{ pageSize: 12, hideOnSinglePage: true }}
              columns={[
                { title: t('insightExpansion.retention.period'), dataIndex: 'period', fixed: 'left' },
                {
                  title: t('insightExpansion.retention.group'),
                  key: 'group',
                  render: (_, g) => groupName(g),
                },
                { title: t('insightExpansion.retention.accounts'), dataIndex: 'accounts', align: 'right' },
                {
                  title: t('insightExpansion.retention.startArr'),
                  dataIndex: 'startArr',
                  align: 'right',
                  render: money,
                },
                {
                  title: t('insightExpansion.retention.expansion'),
                  dataIndex: 'expansion',
                  align: 'right',
                  render: money,
                },
                {
                  title: t('insightExpansion.retention.lost'),
                  key: 'lost',
                  align: 'right',
                  render: (_, g) => money(g.contraction + g.churned),
                },
                { title: t('insightExpansion.retention.grr'), dataIndex: 'grr', align: 'right', render: pct },
                { title: t('insightExpansion.retention.nrr'), dataIndex: 'nrr', align: 'right', render: pct },
              ]}
            />
          </div>
        </Space>
      )}
    </Card>
  )
}
