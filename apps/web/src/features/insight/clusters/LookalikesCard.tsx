import { Card, Table, Tag, Typography } from 'antd'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { EmptyState, ErrorState, LoadingState } from '../../../shared/ui/states'
import { useLookalikes, type Lookalikes } from './clusters.queries'

const LIMIT = 20
type Row = Lookalikes['data'][number]

/** "Accounts like our best": nearest the best cluster first, with why, linked to each account. */
export function LookalikesCard() {
  const { t, i18n } = useTranslation()
  const q = useLookalikes(i18n.language, LIMIT)
  const title = t('insightClusters.lookalikes.title')
  if (q.isLoading)
    return (
      <Card title={title}>
        <LoadingState rows={4} />
      </Card>
    )
  if (q.error)
    return (
      <Card title={title}>
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      </Card>
    )
  const data = q.data as Lookalikes
  return (
    <Card title={title} styles={{ body: { padding: 0 } }}>
      <Typography.Paragraph type="secondary" style={{ padding: '12px 16px 0' }}>
        {t('insightClusters.lookalikes.help')}
      </Typography.Paragraph>
      {data.data.length === 0 ? (
        <div style={{ padding: 24 }}>
          <EmptyState description={data.message ?? t('insightClusters.lookalikes.empty')} />
        </div>
      ) : (
        <Table<Row>
          rowKey="accountId"
          size="small"
          dataSource={data.data}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="clusters-lookalikes"
          columns={[
            {
              title: t('insightClusters.lookalikes.account'),
              dataIndex: 'name',
              render: (name: string, r) => (
                <span>
                  <Link to={`/accounts/${r.accountId}`}>{name}</Link>{' '}
                  {r.prospect && <Tag color="blue">{t('insightClusters.lookalikes.prospect')}</Tag>}
                </span>
              ),
            },
            {
              title: t('insightClusters.lookalikes.similarity'),
              dataIndex: 'similarity',
              render: (s: number) => `${Math.round(s * 100)}%`,
            },
            {
              title: t('insightClusters.lookalikes.distance'),
              dataIndex: 'distance',
              responsive: ['md'],
              render: (d: number) => d.toFixed(2),
            },
            {
              title: t('insightClusters.lookalikes.why'),
              dataIndex: 'reasons',
              render: (reasons: string[]) =>
                reasons.length ? (
                  <ul style={{ paddingInlineStart: 16, margin: 0, maxWidth: 420, whiteSpace: 'normal' }}>
                    {reasons.map((x) => (
                      <li key={x}>{x}</li>
                    ))}
                  </ul>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      )}
    </Card>
  )
}
