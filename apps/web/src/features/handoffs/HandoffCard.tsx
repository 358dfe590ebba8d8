import { Card, Space, Typography } from 'antd'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../shared/ui/states'
import { ChecklistProgress } from './ChecklistProgress'
import { HandoffDeadline, HandoffTags } from './HandoffTags'
import { useHandoffs } from './handoffs.queries'

/** The 360° page's handoff card: the account's latest handoff, where it stands and its deadline. */
export function HandoffCard({ accountId }: { accountId: string }) {
  const { t } = useTranslation()
  const list = useHandoffs({ accountId, sort: '-createdAt', limit: 5 })
  const latest = list.data?.data[0]
  return (
    <Card
      size="small"
      title={t('handoffs.cardTitle')}
      loading={list.isLoading}
      extra={latest ? <Link to={`/handoffs/${latest.id}`}>{t('handoffs.open')}</Link> : undefined}
      style={{ height: '100%' }}
    >
      {!latest ? (
        <EmptyState description={t('handoffs.none')} />
      ) : (
        <Space orientation="vertical" size={6} style={{ width: '100%' }}>
          <HandoffTags h={latest} />
          <Typography.Text>
            <HandoffDeadline h={latest} />
          </Typography.Text>
          <ChecklistProgress h={latest} width={160} />
          {latest.valueGoal && (
            <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
              {t('fields.valueGoal')}: {latest.valueGoal}
            </Typography.Paragraph>
          )}
        </Space>
      )}
    </Card>
  )
}
