import { Card, Space, Statistic, Typography } from 'antd'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { EmptyState, ErrorState, LoadingState } from '../../../shared/ui/states'
import { ChurnDrivers, RiskTag } from './ChurnDrivers'
import { useAccountChurnRisk } from './churn.queries'

/** The account's churn risk with its drivers, on the 360° page beside (never instead of) the health score. */
export function AccountChurnCard({ accountId }: { accountId: string }) {
  const { t } = useTranslation()
  const q = useAccountChurnRisk(accountId)
  const title = t('insightChurn.card.title')
  if (q.isLoading)
    return (
      <Card title={title} style={{ marginBottom: 16 }}>
        <LoadingState rows={2} />
      </Card>
    )
  if (q.error)
    return (
      <Card title={title} style={{ marginBottom: 16 }}>
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      </Card>
    )
  const r = q.data!
  return (
    <Card
      title={title}
      style={{ marginBottom: 16 }}
      extra={<Link to="/insight?tab=churn">{t('insightChurn.card.open')}</Link>}
      data-testid="account-churn-card"
    >
      {r.probability === null ? (
        <EmptyState description={r.reason} />
      ) : (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Statistic
            title={t('insightChurn.card.probability')}
            valueRender={() => <RiskTag probability={r.probability!} />}
          />
          <Typography.Text strong>{t('insightChurn.card.drivers')}</Typography.Text>
          <ChurnDrivers drivers={r.drivers} />
          <Typography.Text type="secondary">{t('insightChurn.card.besideHealth')}</Typography.Text>
        </Space>
      )}
    </Card>
  )
}
