import { Progress, Skeleton, Tag, Typography } from 'antd'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../../app/auth'
import { ErrorState } from '../../shared/ui/states'
import { isAdmin } from '../settings/common'
import { useNorthStarProgress, type DashboardFilters, type NorthStarItem } from './dashboards.queries'
import { formatMetric, statusColor } from './metric-format'
import './dashboards.css'

/**
 * The workspace's north-star metrics against their targets under the given filters: value, target,
 * progress bar and status (met, on track, behind, no data) with the period measured.
 */
export function NorthStarStrip({ filters = {} }: { filters?: DashboardFilters }) {
  const { t } = useTranslation()
  const { me } = useAuth()
  const progress = useNorthStarProgress(filters)
  return (
    <section className="north-star" aria-labelledby="north-star-title">
      <Typography.Title level={2} id="north-star-title" className="north-star-title">
        {t('dashboards.northStar.strip')}
      </Typography.Title>
      {progress.isLoading ? (
        <Skeleton active paragraph={{ rows: 1 }} title={false} aria-busy="true" />
      ) : progress.isError ? (
        <ErrorState error={progress.error} onRetry={() => void progress.refetch()} />
      ) : !progress.data?.metrics.length ? (
        <Typography.Text type="secondary">
          {t('dashboards.northStar.none')}{' '}
          {isAdmin(me) && <Link to="/settings/north-star">{t('dashboards.northStar.noneAdmin')}</Link>}
        </Typography.Text>
      ) : (
        <ul className="north-star-list">
          {progress.data.metrics.map((m) => (
            <NorthStarCard key={m.key} metric={m} />
          ))}
        </ul>
      )}
    </section>
  )
}

function NorthStarCard({ metric: m }: { metric: NorthStarItem }) {
  const { t, i18n } = useTranslation()
  const { me } = useAuth()
  const ctx = { lang: i18n.language, currency: me?.workspace.currency ?? 'CNY' }
  const name = t(`dashboards.metricNames.${m.key}`, { defaultValue: m.label })
  const percent = m.progress === null ? 0 : Math.round(m.progress * 100)
  const color = statusColor[m.status]
  return (
    <li className="north-star-card" style={{ borderTopColor: color }} data-status={m.status}>
      <div className="north-star-head">
        <span className="north-star-name">{name}</span>
        <Tag
          color={
            m.status === 'met'
              ? 'green'
              : m.status === 'on_track'
                ? 'blue'
                : m.status === 'behind'
                  ? 'volcano'
                  : 'default'
          }
        >
          {t(`dashboards.northStar.status.${m.status}`)}
        </Tag>
      </div>
      <div className="north-star-value num">{formatMetric(m.value, m.unit, ctx)}</div>
      <Progress
        percent={Math.min(100, percent)}
        showInfo={false}
        size="small"
        strokeColor={color}
        aria-label={t('dashboards.northStar.progress', { percent: `${percent}%` })}
      />
      <div className="north-star-foot">
        <span className="num">
          {t('dashboards.northStar.target', { value: formatMetric(m.target, m.unit, ctx) })}
        </span>
        <span title={`${m.from} – ${m.to}`}>
          {m.progress === null
            ? t(`dashboards.metricPeriods.${m.period}`)
            : t('dashboards.northStar.progress', { percent: `${percent}%` })}
        </span>
      </div>
      <div className="north-star-period">{t('dashboards.kpi.range', { from: m.from, to: m.to })}</div>
    </li>
  )
}
