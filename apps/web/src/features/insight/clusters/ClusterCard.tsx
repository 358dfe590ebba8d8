import { Card, Col, Row, Statistic, Tag, Tooltip, Typography } from 'antd'
import { ArrowDownOutlined, ArrowUpOutlined, StarFilled } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { formatMoney } from '../../records/display'
import type { AccountClusters } from './clusters.queries'

type Cluster = AccountClusters['clusters'][number]

/** One cluster: its description, figures and traits; the best one marked. */
export function ClusterCard({ cluster: c }: { cluster: Cluster }) {
  const { t, i18n } = useTranslation()
  const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`)
  return (
    <Card
      size="small"
      data-testid={c.best ? 'cluster-best' : 'cluster-card'}
      style={c.best ? { borderColor: '#faad14', boxShadow: '0 0 0 1px #faad14' } : undefined}
      title={
        <span>
          {t('insightClusters.cluster', { n: c.id + 1 })}{' '}
          {c.best && (
            <Tag color="gold" icon={<StarFilled />}>
              {t('insightClusters.best')}
            </Tag>
          )}
        </span>
      }
    >
      <Typography.Paragraph strong data-testid="cluster-description">
        {c.description}
      </Typography.Paragraph>
      <Row gutter={[12, 12]}>
        <Col xs={12}>
          <Statistic title={t('insightClusters.size')} value={c.size} />
        </Col>
        <Col xs={12}>
          <Statistic
            title={t('insightClusters.meanArr')}
            value={c.meanArr === null ? '—' : formatMoney(c.meanArr, 'CNY', i18n.language)}
            valueStyle={{ fontSize: 18 }}
          />
        </Col>
        <Col xs={12}>
          <Tooltip title={t('insightClusters.renewalOf', { n: c.endedContracts })}>
            <Statistic title={t('insightClusters.renewalRate')} value={pct(c.renewalRate)} />
          </Tooltip>
        </Col>
        <Col xs={12}>
          <Statistic
            title={t('insightClusters.meanHealth')}
            value={c.meanHealth === null ? '—' : c.meanHealth.toFixed(0)}
          />
        </Col>
      </Row>
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('insightClusters.traits')}
      </Typography.Title>
      {c.traits.length === 0 ? (
        <Typography.Text type="secondary">{t('insightClusters.noTraits')}</Typography.Text>
      ) : (
        <ul style={{ paddingInlineStart: 18, margin: 0 }}>
          {c.traits.map((tr) => (
            <li key={tr.field}>
              <Tooltip
                title={
                  tr.direction === 'higher' || tr.direction === 'lower'
                    ? t('insightClusters.effectD', { d: tr.effect.toFixed(2) })
                    : t('insightClusters.effectShare', { p: Math.round(tr.effect * 100) })
                }
              >
                <span>
                  {tr.direction === 'higher' || tr.direction === 'more' ? (
                    <ArrowUpOutlined style={{ color: '#389e0d' }} />
                  ) : (
                    <ArrowDownOutlined style={{ color: '#cf1322' }} />
                  )}{' '}
                  {tr.text}
                </span>
              </Tooltip>
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}
