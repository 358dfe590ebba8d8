import { useMemo } from 'react'
import { Card, Col, Row, Statistic, Table, Typography } from 'antd'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { Chart, type ChartOption } from '../../shared/ui/Chart'
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/states'
import { BandTag } from './HealthPanel'
import { useHealthBoard, type Mover } from './health.queries'

const bandColors: Record<string, string> = {
  healthy: '#52c41a',
  watch: '#faad14',
  at_risk: '#f5222d',
  insufficient_data: '#8c8c8c',
  unscored: '#bfbfbf',
}

/** The health board: accounts and annual spend per band, at-risk spend, the 30-day movers. */
export default function HealthBoardPage() {
  const { t } = useTranslation()
  const q = useHealthBoard()
  const option = useMemo<ChartOption | null>(() => {
    if (!q.data) return null
    const bands = q.data.bands
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('health.boardPage.total'), t('health.boardPage.spend')] },
      grid: { left: 48, right: 64, top: 40, bottom: 28, containLabel: true },
      xAxis: { type: 'category', data: bands.map((b) => t(`health.bands.${b.band}`)) },
      yAxis: [{ type: 'value' }, { type: 'value' }],
      series: [
        {
          name: t('health.boardPage.total'),
          type: 'bar',
          data: bands.map((b) => ({ value: b.count, itemStyle: { color: bandColors[b.band] } })),
        },
        {
          name: t('health.boardPage.spend'),
          type: 'bar',
          yAxisIndex: 1,
          data: bands.map((b) => Number(b.annualSpend)),
        },
      ],
    } as ChartOption
  }, [q.data, t])
  if (q.isLoading) return <LoadingState />
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />
  const d = q.data!
  const moverColumns = [
    {
      title: t('health.boardPage.account'),
      dataIndex: 'name',
      render: (name: string, m: Mover) => <Link to={`/accounts/${m.accountId}`}>{name}</Link>,
    },
    { title: t('health.boardPage.previous'), dataIndex: 'previousScore' },
    { title: t('health.boardPage.now'), dataIndex: 'score' },
    { title: t('health.delta'), dataIndex: 'delta', render: (v: number) => (v > 0 ? `+${v}` : v) },
    {
      title: t('health.boardPage.band'),
      dataIndex: 'band',
      render: (b: string) => <BandTag band={b} />,
    },
  ]
  return (
    <div>
      <div className="page-header">
        <Typography.Title level={2}>{t('health.board')}</Typography.Title>
      </div>
      {d.total === 0 ? (
        <EmptyState description={t('health.boardPage.empty')} />
      ) : (
        <Row gutter={[16, 16]}>
          {d.bands.map((b) => (
            <Col flex="1 1 170px" key={b.band}>
              <Card data-testid={`health-band-${b.band}`}>
                {b.band === 'unscored' || b.band === 'insufficient_data' ? (
                  // No band to filter the account list by: these accounts have no score yet.
                  <Statistic title={t(`health.bands.${b.band}`)} value={b.count} />
                ) : (
                  <Link to={`/accounts?healthBand=${b.band}`}>
                    <Statistic title={t(`health.bands.${b.band}`)} value={b.count} />
                  </Link>
                )}
              </Card>
            </Col>
          ))}
          <Col xs={24} md={16}>
            <Card title={t('health.boardPage.distribution')}>
              {option && <Chart option={option} ariaLabel={t('health.boardPage.distribution')} />}
            </Card>
          </Col>
          <Col xs={24} md={8}>
            <Card>
              <Statistic
                title={t('health.boardPage.atRiskSpend')}
                value={Number(d.atRiskAnnualSpend)}
                precision={0}
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('health.boardPage.drops')}>
              <Table
                size="small"
                rowKey="accountId"
                pagination={false}
                dataSource={d.movers.drops}
                columns={moverColumns}
                locale={{ emptyText: t('health.boardPage.noMovers') }}
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card title={t('health.boardPage.rises')}>
              <Table
                size="small"
                rowKey="accountId"
                pagination={false}
                dataSource={d.movers.rises}
                columns={moverColumns}
                locale={{ emptyText: t('health.boardPage.noMovers') }}
              />
            </Card>
          </Col>
        </Row>
      )}
    </div>
  )
}
