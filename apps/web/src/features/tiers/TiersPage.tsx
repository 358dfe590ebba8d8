import { useState } from 'react'
import { Alert, Card, Col, Drawer, Row, Statistic, Table, Typography, Space, Button } from 'antd'
import dayjs from 'dayjs'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../../app/auth'
import { scopeOf } from '../settings/common'
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/states'
import { formatMoney } from '../records/display'
import { AccountTierCard } from './AccountTierCard'
import { TierTag } from './TierTag'
import { reasonKey, useTierSummary, type TierChange } from './tiers.queries'

/** Service tiers (R-04): accounts and annual spend per tier, the last 90 days' changes, each account's tier. */
export default function TiersPage() {
  const { t, i18n } = useTranslation()
  const { me } = useAuth()
  const q = useTierSummary()
  const [open, setOpen] = useState<string | null>(null)
  if (q.isLoading) return <LoadingState />
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />
  const d = q.data
  const canOverride = scopeOf(me, 'tier_overrides', 'create') !== 'none'
  const columns = [
    {
      title: t('tiers.change.account'),
      dataIndex: 'accountName',
      render: (name: string, c: TierChange) => <Link to={`/accounts/${c.accountId}`}>{name}</Link>,
    },
    {
      title: t('tiers.change.fromTo'),
      key: 'fromTo',
      render: (_: unknown, c: TierChange) => (
        <Space size={4}>
          <TierTag tier={c.fromTier} />→<TierTag tier={c.toTier} />
        </Space>
      ),
    },
    {
      title: t('tiers.change.reason'),
      key: 'reason',
      render: (_: unknown, c: TierChange) =>
        t(`tiers.change.reasons.${reasonKey(c)}`) +
        (c.note ? t('tiers.change.withNote', { note: c.note }) : ''),
    },
    {
      title: t('tiers.change.spend'),
      dataIndex: 'annualSpend',
      render: (v: string | null) => formatMoney(v, d.currency, i18n.language),
    },
    { title: t('tiers.change.package'), dataIndex: 'toPackage' },
    {
      title: t('tiers.change.at'),
      dataIndex: 'changedAt',
      render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm'),
    },
    {
      title: '',
      key: 'open',
      render: (_: unknown, c: TierChange) => (
        <Button size="small" onClick={() => setOpen(c.accountId)}>
          {t('tiers.account.open')}
        </Button>
      ),
    },
  ]
  return (
    <div>
      <div className="page-header">
        <Typography.Title level={1}>{t('tiers.title')}</Typography.Title>
      </div>
      <Row gutter={[16, 16]}>
        {d.tiers.map((x) => (
          <Col xs={24} md={8} key={x.tier}>
            <Card>
              <Space direction="vertical" size={4}>
                <Link to={`/accounts?tier=${x.tier}`}>
                  <TierTag tier={x.tier} /> {t('tiers.summary.accounts', { count: x.accounts })}
                </Link>
                <Statistic
                  title={t('tiers.summary.arr')}
                  value={formatMoney(x.arr, d.currency, i18n.language)}
                />
                {x.overridden > 0 && (
                  <Typography.Text type="secondary">
                    {t('tiers.summary.overridden', { count: x.overridden })}
                  </Typography.Text>
                )}
              </Space>
            </Card>
          </Col>
        ))}
      </Row>
      {d.unassigned > 0 && (
        <Alert
          style={{ marginTop: 16 }}
          type="info"
          message={t('tiers.summary.unassigned', { count: d.unassigned })}
        />
      )}
      <Card style={{ marginTop: 16 }} title={t('tiers.summary.changes')}>
        <Row gutter={16}>
          <Col span={8}>
            <Statistic title={t('tiers.summary.upgrades')} value={d.changes90d.upgrades} />
          </Col>
          <Col span={8}>
            <Statistic title={t('tiers.summary.downgrades')} value={d.changes90d.downgrades} />
          </Col>
          <Col span={8}>
            <Statistic title={t('tiers.summary.total')} value={d.changes90d.total} />
          </Col>
        </Row>
      </Card>
      <Card style={{ marginTop: 16 }} title={t('tiers.summary.recent')}>
        {d.recent.length ? (
          <Table rowKey="id" size="small" pagination={false} columns={columns} dataSource={d.recent} />
        ) : (
          <EmptyState description={t('tiers.summary.noChanges')} />
        )}
      </Card>
      <Drawer
        width={760}
        open={!!open}
        onClose={() => setOpen(null)}
        title={t('tiers.account.title')}
        destroyOnHidden
      >
        {open && <AccountTierCard accountId={open} canOverride={canOverride} />}
      </Drawer>
    </div>
  )
}
