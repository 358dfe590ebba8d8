import { Badge, Card, Col, DatePicker, Empty, List, Row, Space, Statistic, Tag, Typography } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { Link, useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { ErrorState, LoadingState } from '../../shared/ui/states'
import { formatMoney } from '../records/display'
import { RenewalFacts } from './RenewalFacts'
import { RiskTag } from './RiskTag'
import { useRenewalBoard, type RenewalBoard } from './renewals.queries'
import './renewals.css'

const MONTH = 'YYYY-MM'

function Totals({ totals, lang }: { totals: RenewalBoard['totals']; lang: string }) {
  if (totals.length === 0) return <>—</>
  return (
    <Space size={4} wrap>
      {totals.map((x) => (
        <span key={x.currency} className="num">
          {formatMoney(x.amount, x.currency, lang)}
        </span>
      ))}
    </Space>
  )
}

/** The renewal board: a column per month with the contracts ending then, their amounts and risk. */
export default function RenewalsPage() {
  const { t, i18n } = useTranslation()
  const [params, setParams] = useSearchParams()
  const from = params.get('from') ?? dayjs().format(MONTH)
  const to = params.get('to') ?? dayjs(from).add(2, 'month').format(MONTH)
  const board = useRenewalBoard(from, to)
  const d = board.data
  const onRange = (v: [Dayjs | null, Dayjs | null] | null) => {
    if (!v?.[0] || !v[1]) return setParams({}, { replace: true })
    setParams({ from: v[0].format(MONTH), to: v[1].format(MONTH) }, { replace: true })
  }
  const count = d?.months.reduce((s, m) => s + m.count, 0) ?? 0
  const atRisk = d?.months.reduce((s, m) => s + m.atRisk, 0) ?? 0

  return (
    <div>
      <div className="page-header">
        <div>
          <h1>{t('renewals.title')}</h1>
          <Typography.Text type="secondary">{t('renewals.subtitle')}</Typography.Text>
        </div>
        <DatePicker.RangePicker
          picker="month"
          allowClear={false}
          aria-label={t('renewals.period')}
          value={[dayjs(from), dayjs(to)]}
          onChange={(v) => onRange(v as [Dayjs | null, Dayjs | null] | null)}
          disabledDate={(cur, info) => !!info.from && Math.abs(cur.diff(info.from, 'month')) >= 24}
        />
      </div>
      {board.isError ? (
        <ErrorState error={board.error} onRetry={() => void board.refetch()} />
      ) : !d ? (
        <LoadingState rows={8} />
      ) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} md={8}>
              <Card size="small">
                <Statistic title={t('renewals.contracts')} value={count} />
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card size="small">
                <Typography.Text type="secondary">{t('renewals.value')}</Typography.Text>
                <div style={{ fontSize: 20 }}>
                  <Totals totals={d.totals} lang={i18n.language} />
                </div>
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card size="small">
                <Statistic
                  title={t('renewals.atRisk')}
                  value={atRisk}
                  styles={{ content: atRisk ? { color: '#cf1322' } : undefined }}
                />
              </Card>
            </Col>
          </Row>
          <div className="renewal-board">
            {d.months.map((m) => (
              <Card
                key={m.month}
                size="small"
                className="renewal-month"
                title={
                  <Space>
                    {dayjs(`${m.month}-01`).format(i18n.language === 'zh-CN' ? 'YYYY年M月' : 'MMM YYYY')}
                    <Badge count={m.count} showZero color="#1f56d6" />
                    {m.atRisk > 0 && <Tag color="red">{t('renewals.atRiskCount', { count: m.atRisk })}</Tag>}
                  </Space>
                }
                extra={<Totals totals={m.totals} lang={i18n.language} />}
              >
                {m.contracts.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('renewals.noneThisMonth')} />
                ) : (
                  <List
                    size="small"
                    dataSource={m.contracts}
                    rowKey="contractId"
                    renderItem={(c) => (
                      <List.Item>
                        <div style={{ width: '100%' }}>
                          <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
                            <Link to={`/accounts/${c.accountId}`}>{c.accountName}</Link>
                            <RiskTag risk={c.risk} />
                          </Space>
                          <Link to={`/contracts/${c.contractId}`}>{c.number}</Link>
                          <RenewalFacts contract={c} soonDays={30} />
                          <div>
                            {c.renewalOpportunityId ? (
                              <Link to={`/opportunities/${c.renewalOpportunityId}`}>
                                {t('renewals.renewalOpportunity')}
                              </Link>
                            ) : (
                              <Typography.Text type="secondary">{t('renewals.notStarted')}</Typography.Text>
                            )}
                            {c.autoRenew && <Tag style={{ marginLeft: 8 }}>{t('renewals.autoRenew')}</Tag>}
                          </div>
                        </div>
                      </List.Item>
                    )}
                  />
                )}
              </Card>
            ))}
          </div>
        </>
      )}
    </div>
  )
}
