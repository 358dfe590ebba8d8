import { useEffect, useState } from 'react'
import { Alert, App, Button, Card, Col, Row, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useQueryClient } from '@tanstack/react-query'
import { useAuth } from '../../../app/auth'
import { scopeOf } from '../../settings/common'
import { EmptyState, ErrorState, LoadingState } from '../../../shared/ui/states'
import { ChurnDrivers, RiskTag } from './ChurnDrivers'
import {
  isTraining,
  useChurnModel,
  useChurnRiskList,
  useTrainChurnModel,
  type ChurnModelStatus,
  type ChurnRiskList,
} from './churn.queries'

const PAGE = 20

/** Insight → Churn risk: the model's status and training, then the accounts by risk with their drivers. */
export default function ChurnPanel() {
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="churn-panel">
      <ModelCard />
      <RiskList />
    </Space>
  )
}

function ModelCard() {
  const { t, i18n } = useTranslation()
  const { me } = useAuth()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const q = useChurnModel()
  const train = useTrainChurnModel()
  const busy = isTraining(q.data)
  // A finished training changes every score: refresh the list and the 360° cards.
  const [was, setWas] = useState(false)
  useEffect(() => {
    if (was && !busy) void qc.invalidateQueries({ queryKey: ['churn'] })
    setWas(busy)
  }, [busy, was, qc])
  if (q.isLoading)
    return (
      <Card title={t('insightChurn.model.title')}>
        <LoadingState rows={2} />
      </Card>
    )
  if (q.error)
    return (
      <Card title={t('insightChurn.model.title')}>
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      </Card>
    )
  const m = q.data as ChurnModelStatus
  const canTrain = scopeOf(me, 'workspace', 'update') === 'all'
  const when = (iso?: string) =>
    iso
      ? new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })
      : t('insightChurn.model.never')
  return (
    <Card
      title={t('insightChurn.model.title')}
      extra={
        canTrain && (
          <Button
            type="primary"
            loading={busy || train.isPending}
            onClick={() =>
              train.mutate(undefined, {
                onSuccess: () => void message.success(t('insightChurn.model.trainStarted')),
                onError: (e) => void message.error(e.message),
              })
            }
            data-testid="churn-train"
          >
            {busy ? t('insightChurn.model.training') : t('insightChurn.model.train')}
          </Button>
        )
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Statistic
              title={t('insightChurn.model.title')}
              valueRender={() => (
                <Tag color={m.status === 'trained' ? 'green' : 'default'} data-testid="churn-model-status">
                  {m.status === 'trained'
                    ? t('insightChurn.model.trained')
                    : t('insightChurn.model.insufficient')}
                </Tag>
              )}
            />
          </Col>
          <Col xs={12} md={6}>
            <Tooltip title={t('insightChurn.model.aucHelp')}>
              <Statistic
                title={t('insightChurn.model.auc')}
                value={m.auc === undefined ? '—' : m.auc.toFixed(2)}
                data-testid="churn-auc"
              />
            </Tooltip>
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('insightChurn.model.samples')} value={m.samples} />
            {m.trainSamples !== undefined && (
              <Typography.Text type="secondary">
                {t('insightChurn.model.split', { train: m.trainSamples, test: m.testSamples })}
              </Typography.Text>
            )}
          </Col>
          <Col xs={12} md={6}>
            <Statistic
              title={t('insightChurn.model.trainedAt')}
              value={when(m.trainedAt)}
              valueStyle={{ fontSize: 16 }}
            />
          </Col>
        </Row>
        {m.reason && <Alert type="warning" showIcon message={m.reason} data-testid="churn-reason" />}
        {m.training?.status === 'failed' && (
          <Alert
            type="error"
            showIcon
            message={t('insightChurn.model.failed', { error: m.training.error ?? '' })}
          />
        )}
        <Typography.Text type="secondary">{t('insightChurn.model.nightly')}</Typography.Text>
      </Space>
    </Card>
  )
}

function RiskList() {
  const { t } = useTranslation()
  const [page, setPage] = useState(1)
  const q = useChurnRiskList(page, PAGE)
  if (q.error)
    return (
      <Card title={t('insightChurn.list.title')}>
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      </Card>
    )
  if (q.isLoading)
    return (
      <Card title={t('insightChurn.list.title')}>
        <LoadingState rows={5} />
      </Card>
    )
  const data = q.data as ChurnRiskList
  type Row = ChurnRiskList['data'][number]
  return (
    <Card title={t('insightChurn.list.title')} styles={{ body: { padding: 0 } }}>
      {data.total === 0 ? (
        <div style={{ padding: 24 }}>
          <EmptyState description={t('insightChurn.list.empty')} />
        </div>
      ) : (
        <Table<Row>
          rowKey="accountId"
          size="small"
          dataSource={data.data}
          scroll={{ x: 'max-content' }}
          data-testid="churn-list"
          pagination={{
            current: page,
            pageSize: PAGE,
            total: data.total,
            onChange: setPage,
            showSizeChanger: false,
          }}
          columns={[
            {
              title: t('insightChurn.list.account'),
              dataIndex: 'name',
              render: (name: string, r) => <Link to={`/accounts/${r.accountId}`}>{name}</Link>,
            },
            {
              title: t('insightChurn.list.risk'),
              dataIndex: 'probability',
              render: (p: number) => <RiskTag probability={p} />,
            },
            {
              title: t('insightChurn.list.health'),
              dataIndex: 'healthScore',
              responsive: ['sm'],
              render: (s: number | null) => (s === null ? '—' : s.toFixed(0)),
            },
            {
              title: t('insightChurn.list.drivers'),
              dataIndex: 'drivers',
              render: (d: Row['drivers']) => <ChurnDrivers drivers={d} />,
            },
          ]}
        />
      )}
    </Card>
  )
}
