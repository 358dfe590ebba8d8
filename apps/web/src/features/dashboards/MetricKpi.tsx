import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons'
import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import type { MetricValue } from '@openkam/contract'
import { useAuth } from '../../app/auth'
import { changeOf, formatMetric } from './metric-format'

/** A metric as a KPI card: the value for the period, the change against the previous period, the sample. */
export function MetricKpi({ metric: m }: { metric: MetricValue }) {
  const { t, i18n } = useTranslation()
  const { me } = useAuth()
  const ctx = { lang: i18n.language, currency: me?.workspace.currency ?? 'CNY' }
  const change = changeOf(m)
  const nf = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1, signDisplay: 'always' })
  const changeText = !change
    ? null
    : change.kind === 'relative'
      ? `${nf.format(change.amount)}%`
      : m.unit === 'percent'
        ? t('dashboards.kpi.points', { value: nf.format(change.amount) })
        : m.unit === 'days'
          ? t('dashboards.cycle.days', { value: nf.format(change.amount) })
          : nf.format(change.amount)
  return (
    <div className="dashboard-kpi">
      <div className="dashboard-kpi-value num">{formatMetric(m.value, m.unit, ctx)}</div>
      {m.value === null ? (
        <Typography.Text type="secondary">{t('dashboards.kpi.noData')}</Typography.Text>
      ) : change ? (
        <Typography.Text type={change.good ? 'success' : 'danger'}>
          {change.amount > 0 ? <ArrowUpOutlined aria-hidden /> : <ArrowDownOutlined aria-hidden />}{' '}
          {t('dashboards.kpi.change', { change: changeText })}
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary">
          {m.previous === null
            ? t('dashboards.kpi.noPrevious')
            : t('dashboards.kpi.previous', { value: formatMetric(m.previous, m.unit, ctx) })}
        </Typography.Text>
      )}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('dashboards.kpi.range', { from: m.from, to: m.to })} ·{' '}
        {t('dashboards.kpi.sample', { count: m.sample })}
      </Typography.Text>
    </div>
  )
}
