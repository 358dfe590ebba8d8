import { useEffect, useState } from 'react'
import { Alert, App, Button, Card, Col, Row, Space, Statistic, Tooltip, Typography } from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../../../app/auth'
import { scopeOf } from '../../settings/common'
import { EmptyState, ErrorState, LoadingState } from '../../../shared/ui/states'
import { ClusterCard } from './ClusterCard'
import { LookalikesCard } from './LookalikesCard'
import {
  clusterKeys,
  isRunning,
  useClusters,
  useRunClustering,
  type AccountClusters,
} from './clusters.queries'

/**
 * Insight → High-value traits: the latest clustering (run on demand, progress while it runs), each cluster
 * as a card with its description, traits and figures, the best one marked, then the accounts like it.
 */
export default function ClustersPanel() {
  const { t, i18n } = useTranslation()
  const q = useClusters(i18n.language)
  const busy = isRunning(q.data)
  const qc = useQueryClient()
  // A finished run changes the lookalikes too: refresh them when the run ends.
  const [was, setWas] = useState(false)
  useEffect(() => {
    if (was && !busy) void qc.invalidateQueries({ queryKey: clusterKeys.all })
    setWas(busy)
  }, [busy, was, qc])
  if (q.isLoading) return <LoadingState rows={4} />
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />
  const c = q.data as AccountClusters
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="clusters-panel">
      <Summary c={c} busy={busy} />
      {c.clusters.length === 0 ? (
        <Card>
          <EmptyState description={c.message ?? t('common.emptyTitle')} />
        </Card>
      ) : (
        <>
          <Row gutter={[16, 16]}>
            {c.clusters.map((cl) => (
              <Col key={cl.id} xs={24} md={12} xl={8}>
                <ClusterCard cluster={cl} />
              </Col>
            ))}
          </Row>
          <LookalikesCard />
        </>
      )}
    </Space>
  )
}

function Summary({ c, busy }: { c: AccountClusters; busy: boolean }) {
  const { t, i18n } = useTranslation()
  const { me } = useAuth()
  const { message } = App.useApp()
  const run = useRunClustering()
  const canRun = scopeOf(me, 'accounts', 'read') === 'all'
  return (
    <Card
      title={
        c.k > 0 ? t('insightClusters.summary', { accounts: c.accounts, k: c.k }) : t('insight.tabs.clusters')
      }
      extra={
        canRun && (
          <Button
            type="primary"
            loading={busy || run.isPending}
            data-testid="clusters-run"
            onClick={() =>
              run.mutate(undefined, {
                onSuccess: () => void message.success(t('insightClusters.started')),
                onError: (e) => void message.error(e.message),
              })
            }
          >
            {busy ? t('insightClusters.running') : t('insightClusters.run')}
          </Button>
        )
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {busy && (
          <Alert
            type="info"
            showIcon
            data-testid="clusters-progress"
            message={c.run?.status === 'queued' ? t('insightClusters.queued') : t('insightClusters.running')}
          />
        )}
        {c.run?.status === 'failed' && (
          <Alert type="error" showIcon message={t('insightClusters.failed', { error: c.run.error ?? '' })} />
        )}
        {c.k > 0 && (
          <Row gutter={[16, 16]}>
            <Col xs={12} md={6}>
              <Tooltip title={t('insightClusters.silhouetteHelp')}>
                <Statistic
                  title={t('insightClusters.silhouette')}
                  value={c.silhouette === null ? '—' : c.silhouette.toFixed(2)}
                  data-testid="clusters-silhouette"
                />
              </Tooltip>
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('insightClusters.asOf')}
                value={
                  c.asOf
                    ? new Date(c.asOf).toLocaleString(i18n.language, {
                        dateStyle: 'medium',
                        timeStyle: 'short',
                      })
                    : '—'
                }
                valueStyle={{ fontSize: 16 }}
              />
            </Col>
            <Col xs={24} md={12}>
              <Typography.Text type="secondary">
                <strong>{t('insightClusters.bestRule')}: </strong>
                {c.bestRule}
              </Typography.Text>
            </Col>
          </Row>
        )}
        {c.features.length > 0 && (
          <Typography.Paragraph
            type="secondary"
            style={{ marginBottom: 0 }}
            ellipsis={{ rows: 2, expandable: true }}
          >
            {t('insightClusters.features')}:{' '}
            {c.features.map((f) => f.label).join(i18n.language.startsWith('zh') ? '、' : ', ')}
          </Typography.Paragraph>
        )}
        <Typography.Text type="secondary">{t('insightClusters.nightly')}</Typography.Text>
      </Space>
    </Card>
  )
}
