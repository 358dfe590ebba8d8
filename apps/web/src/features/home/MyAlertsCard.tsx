import { Card, Space, Typography } from 'antd'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useNames } from '../../shared/api/lookups'
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/states'
import { ageOf, SeverityTag, typeLabel } from '../alerts/AlertParts'
import { useAlerts } from '../alerts/alerts.queries'
import { itemStyle, listStyle } from './TeamSection'

/** Home: the person's unresolved alerts (open or acknowledged), newest first, each linking to its account. */
export function MyAlertsCard() {
  const { t } = useTranslation()
  const alerts = useAlerts({ ownerId: 'me', status: 'open,acknowledged', limit: 6 })
  const rows = alerts.data?.data ?? []
  const names = useNames(
    'accounts',
    rows.map((a) => a.accountId),
  )
  return (
    <Card title={t('home.myAlerts')} extra={<Link to="/alerts?owner=me">{t('home.viewAll')}</Link>}>
      {alerts.isLoading ? (
        <LoadingState rows={4} />
      ) : alerts.isError ? (
        <ErrorState error={alerts.error} onRetry={() => void alerts.refetch()} />
      ) : !rows.length ? (
        <EmptyState description={t('home.noAlerts')} />
      ) : (
        <ul aria-label={t('home.myAlerts')} style={listStyle}>
          {rows.map((a) => (
            <li key={a.id} style={{ ...itemStyle, display: 'block' }}>
              <Space direction="vertical" size={2}>
                <Space size={4} wrap>
                  <SeverityTag severity={a.severity ?? 'info'} />
                  <Typography.Text strong>{typeLabel(t, a.type ?? '')}</Typography.Text>
                  <Typography.Text type="secondary">· {ageOf(a.createdAt)}</Typography.Text>
                </Space>
                {a.accountId && (
                  <Link to={`/accounts/${a.accountId}`}>{names.data?.[a.accountId] ?? '…'}</Link>
                )}
                <Typography.Text type="secondary">{a.reason}</Typography.Text>
              </Space>
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}
