import { useMemo } from 'react'
import { Table, Tag, Typography } from 'antd'
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type {
  AtRiskAccountsView,
  CycleTimesView,
  DashboardViewData,
  HealthMoversView,
  NorthStarView,
} from '@openkam/contract'
import { useAuth } from '../../app/auth'
import { EmptyState } from '../../shared/ui/states'
import { EnumTag, formatMoney } from '../records/display'
import { ReportCanvas, type ReportChartOption } from '../report-builder/ReportCanvas'
import { formatMetric, statusColor, statusTextColor } from './metric-format'
import { RoiView } from './RoiView'

/** A fixed view's payload, drawn as the view asks (tables linking to accounts, a bar, a line, progress). */
export function FixedView({ data, height }: { data: DashboardViewData; height: number }) {
  switch (data.view) {
    case 'health_movers':
      return <HealthMovers data={data} />
    case 'at_risk_accounts':
      return <AtRisk data={data} />
    case 'roi_of_effort':
      return <RoiView data={data} />
    case 'cycle_times':
      return <CycleTimes data={data} height={height} />
    case 'north_star':
      return <NorthStarBars data={data} />
  }
}

const accountLink = (id: string, name: string) => <Link to={`/accounts/${id}`}>{name}</Link>

function HealthMovers({ data }: { data: HealthMoversView }) {
  const { t } = useTranslation()
  const table = (rows: HealthMoversView['up'], title: string, up: boolean) => (
    <Table
      size="small"
      rowKey="accountId"
      pagination={false}
      dataSource={rows}
      title={() => (
        <Typography.Text strong>
          {up ? (
            <ArrowUpOutlined aria-hidden style={{ color: '#389e0d' }} />
          ) : (
            <ArrowDownOutlined aria-hidden style={{ color: '#d4380d' }} />
          )}{' '}
          {title}
        </Typography.Text>
      )}
      locale={{ emptyText: t('dashboards.movers.none') }}
      columns={[
        {
          key: 'name',
          title: t('dashboards.movers.account'),
          render: (_, r) => accountLink(r.accountId, r.name),
        },
        { key: 'owner', title: t('dashboards.movers.owner'), dataIndex: 'ownerName', responsive: ['md'] },
        {
          key: 'before',
          title: t('dashboards.movers.before'),
          dataIndex: 'scoreBefore',
          align: 'right',
          className: 'num',
          render: (v: number) => Math.round(v),
        },
        {
          key: 'now',
          title: t('dashboards.movers.now'),
          dataIndex: 'scoreNow',
          align: 'right',
          className: 'num',
          render: (v: number, r) => (
            <span>
              {Math.round(v)} {r.bandNow && <EnumTag group="healthBand" value={r.bandNow} />}
            </span>
          ),
        },
        {
          key: 'delta',
          title: t('dashboards.movers.change'),
          dataIndex: 'delta',
          align: 'right',
          className: 'num',
          render: (v: number) => (
            <Typography.Text type={v >= 0 ? 'success' : 'danger'}>
              {v > 0 ? '+' : ''}
              {Math.round(v)}
            </Typography.Text>
          ),
        },
      ]}
    />
  )
  return (
    <div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('dashboards.movers.since', { date: data.since })}
      </Typography.Text>
      {table(data.down, t('dashboards.movers.down'), false)}
      {table(data.up, t('dashboards.movers.up'), true)}
    </div>
  )
}

function AtRisk({ data }: { data: AtRiskAccountsView }) {
  const { t, i18n } = useTranslation()
  if (!data.accounts.length) return <EmptyState description={t('dashboards.atRisk.none')} />
  const currency = data.accounts[0]?.currency ?? 'CNY'
  return (
    <div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('dashboards.atRisk.total', {
          count: data.total,
          amount: formatMoney(data.totalAnnualSpend, currency, i18n.language),
        })}
      </Typography.Text>
      <Table
        size="small"
        rowKey="accountId"
        pagination={false}
        dataSource={data.accounts}
        columns={[
          {
            key: 'name',
            title: t('dashboards.atRisk.account'),
            render: (_, r) => accountLink(r.accountId, r.name),
          },
          {
            key: 'tier',
            title: t('dashboards.atRisk.tier'),
            dataIndex: 'tier',
            responsive: ['md'],
            render: (v: string | null) => <EnumTag group="tier" value={v} />,
          },
          { key: 'owner', title: t('dashboards.atRisk.owner'), dataIndex: 'ownerName', responsive: ['lg'] },
          { key: 'csm', title: t('dashboards.atRisk.csm'), dataIndex: 'csmName', responsive: ['xl'] },
          {
            key: 'score',
            title: t('dashboards.atRisk.score'),
            dataIndex: 'healthScore',
            align: 'right',
            className: 'num',
            render: (v: number | null) => (v === null ? '—' : <Tag color="red">{Math.round(v)}</Tag>),
          },
          {
            key: 'spend',
            title: t('dashboards.atRisk.spend'),
            align: 'right',
            className: 'num',
            render: (_, r) => formatMoney(r.annualSpend, r.currency, i18n.language),
          },
        ]}
      />
    </div>
  )
}

function CycleTimes({ data, height }: { data: CycleTimesView; height: number }) {
  const { t, i18n } = useTranslation()
  const option = useMemo<ReportChartOption>(() => {
    const fmt = (v: unknown) =>
      typeof v === 'number'
        ? t('dashboards.cycle.days', {
            value: new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(v),
          })
        : '—'
    return {
      tooltip: { trigger: 'axis', valueFormatter: fmt },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: data.months.map((m) => m.month) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'line',
          name: t('dashboards.cycle.wonToHandoff'),
          data: data.months.map((m) => m.wonToHandoffDays),
          connectNulls: true,
          symbolSize: 6,
        },
        {
          type: 'line',
          name: t('dashboards.cycle.signedToGoLive'),
          data: data.months.map((m) => m.signedToGoLiveDays),
          connectNulls: true,
          symbolSize: 6,
        },
      ],
    }
  }, [data, t, i18n.language])
  if (!data.months.some((m) => m.handoffs || m.goLives))
    return <EmptyState description={t('dashboards.cycle.none')} />
  return (
    <ReportCanvas option={option} height={Math.max(140, height)} ariaLabel={t('dashboards.cycle.chart')} />
  )
}

function NorthStarBars({ data }: { data: NorthStarView }) {
  const { t, i18n } = useTranslation()
  if (!data.metrics.length) return <EmptyState description={t('dashboards.northStar.none')} />
  const { me } = useAuth()
  const ctx = { lang: i18n.language, currency: me?.workspace.currency ?? 'CNY' }
  return (
    <ul className="dashboard-bars" aria-label={t('dashboards.views.north_star')}>
      {data.metrics.map((m) => {
        const percent = m.progress === null ? 0 : Math.round(m.progress * 100)
        return (
          <li key={m.key}>
            <div className="dashboard-bars-head">
              <span>{t(`dashboards.metricNames.${m.key}`, { defaultValue: m.label })}</span>
              <span className="num">
                {formatMetric(m.value, m.unit, ctx)} / {formatMetric(m.target, m.unit, ctx)} ·{' '}
                <span style={{ color: statusTextColor[m.status] }}>
                  {t(`dashboards.northStar.status.${m.status}`)}
                </span>
              </span>
            </div>
            <div
              className="dashboard-bar"
              role="progressbar"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.min(100, percent)}
              aria-label={t(`dashboards.metricNames.${m.key}`, { defaultValue: m.label })}
            >
              <div style={{ width: `${Math.min(100, percent)}%`, background: statusColor[m.status] }} />
            </div>
          </li>
        )
      })}
    </ul>
  )
}
