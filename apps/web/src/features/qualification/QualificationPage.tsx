import { Card, Col, Row, Select, Space, Statistic, Switch, Table, Tag, Typography } from 'antd'
import { Tabs } from '../../shared/ui/Tabs'
import { Link, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { EnumTag } from '../records/display'
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/states'
import { SegmentMatrixTab } from './SegmentMatrixTab'
import { classColor, useRanking } from './qualification.queries'

function RankingTab() {
  const { t } = useTranslation()
  const [params, setParams] = useSearchParams()
  const cls = params.get('class') ?? undefined
  const flagged = params.get('flagged') === 'true' ? 'true' : undefined
  const q = useRanking({ class: cls, flagged })
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params)
    if (v) next.set(k, v)
    else next.delete(k)
    setParams(next, { replace: true })
  }
  if (q.isLoading) return <LoadingState />
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />
  const c = q.data.counts
  const stats: [keyof typeof c, string | undefined][] = [
    ['A', 'green'],
    ['B', undefined],
    ['C', undefined],
    ['unscored', undefined],
    ['aWithoutOwner', 'red'],
    ['aWithoutPlan', 'red'],
  ]
  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {stats.map(([k, color]) => (
          <Col key={k} xs={12} sm={8} lg={4}>
            <Card size="small">
              <Statistic
                title={t(`qualification.ranking.counts.${k}`)}
                value={c[k]}
                valueStyle={
                  color && c[k] > 0 ? { color: color === 'red' ? '#cf1322' : '#389e0d' } : undefined
                }
              />
            </Card>
          </Col>
        ))}
      </Row>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('qualification.potential')}
          style={{ minWidth: 160 }}
          value={cls ?? ''}
          onChange={(v) => set('class', v || undefined)}
          options={[
            { value: '', label: t('qualification.ranking.allClasses') },
            ...['A', 'B', 'C'].map((x) => ({ value: x, label: t(`qualification.classes.${x}`) })),
          ]}
        />
        <Space>
          <Switch
            aria-label={t('qualification.ranking.onlyFlagged')}
            checked={!!flagged}
            onChange={(v) => set('flagged', v ? 'true' : undefined)}
          />
          {t('qualification.ranking.onlyFlagged')}
        </Space>
        <Typography.Text type="secondary">{t('qualification.ranking.planHelp')}</Typography.Text>
      </Space>
      {q.data.data.length === 0 ? (
        <EmptyState description={t('qualification.ranking.empty')} />
      ) : (
        <Table
          size="small"
          rowKey="accountId"
          dataSource={q.data.data}
          pagination={{ pageSize: 50, showSizeChanger: false }}
          scroll={{ x: 'max-content' }}
          columns={[
            { key: 'rank', title: t('qualification.ranking.rank'), dataIndex: 'rank', width: 60 },
            {
              key: 'name',
              title: t('qualification.ranking.account'),
              render: (_, r) => <Link to={`/accounts/${r.accountId}`}>{r.name}</Link>,
            },
            {
              key: 'class',
              title: t('qualification.potential'),
              render: (_, r) => <Tag color={classColor[r.class]}>{r.class}</Tag>,
            },
            {
              key: 'total',
              title: t('qualification.ranking.total'),
              align: 'right',
              render: (_, r) => r.total.toFixed(2),
            },
            {
              key: 'icp',
              title: t('qualification.icpFit'),
              align: 'right',
              render: (_, r) => (r.icpFit == null ? '—' : `${r.icpFit}%`),
            },
            {
              key: 'tier',
              title: t('fields.tier'),
              render: (_, r) => <EnumTag group="tier" value={r.tier} />,
            },
            { key: 'owner', title: t('qualification.ranking.owner'), render: (_, r) => r.owner?.name ?? '—' },
            {
              key: 'plan',
              title: t('qualification.ranking.plan'),
              render: (_, r) =>
                t('qualification.ranking.planValue', { opps: r.openOpportunities, tasks: r.openTasks }),
            },
            {
              key: 'flags',
              title: '',
              render: (_, r) =>
                r.flags.map((f) => (
                  <Tag key={f} color="red">
                    {t(`qualification.ranking.flags.${f}`)}
                  </Tag>
                )),
            },
          ]}
        />
      )}
    </>
  )
}

/** Qualification: the potential ranking with A-class gaps, and the segment matrix (SPEC ). */
export default function QualificationPage() {
  const { t } = useTranslation()
  const [params, setParams] = useSearchParams()
  const tab = params.get('tab') ?? 'ranking'
  return (
    <div>
      <div className="page-header">
        <h1>{t('qualification.title')}</h1>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(new URLSearchParams({ tab: k }))}
        destroyOnHidden
        items={[
          { key: 'ranking', label: t('qualification.tabs.ranking'), children: <RankingTab /> },
          { key: 'matrix', label: t('qualification.tabs.matrix'), children: <SegmentMatrixTab /> },
        ]}
      />
    </div>
  )
}
