import { useState } from 'react'
import { Button, Card, Col, List, Row, Space, Tag, Typography } from 'antd'
import dayjs from 'dayjs'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { can, useAuth } from '../../app/auth'
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/states'
import { ConvertDialog } from './ConvertDialog'
import { LeadScoreTag, ScoreBreakdown } from './LeadScore'
import { useLeadEvents, type LeadScoreBreakdown } from './leads.queries'

type Lead = {
  id: string
  name: string
  company: string | null
  status: string
  score: number | null
  scoreBreakdown: LeadScoreBreakdown | null
  routedAt: string | null
  convertedAccountId: string | null
}

/** On a lead's page: its score and why, its behaviour, and conversion (with existing-account candidates). */
export function LeadPanel({ lead }: { lead: Lead }) {
  const { t } = useTranslation()
  const { me } = useAuth()
  const events = useLeadEvents(lead.id)
  const [converting, setConverting] = useState(false)
  const converted = lead.status === 'converted'
  return (
    <Row gutter={16} style={{ marginTop: 16 }}>
      <Col xs={24} md={12}>
        <Card
          title={
            <Space>
              {t('leadScoring.score')}
              <LeadScoreTag score={lead.score} breakdown={lead.scoreBreakdown} />
            </Space>
          }
          extra={
            converted
              ? lead.convertedAccountId && (
                  <Link to={`/accounts/${lead.convertedAccountId}`}>
                    <Tag color="green">{t('leadScoring.convert.converted')}</Tag>{' '}
                    {t('leadScoring.convert.openAccount')}
                  </Link>
                )
              : can(me, 'accounts', 'create') && (
                  <Button type="primary" onClick={() => setConverting(true)}>
                    {t('leadScoring.convert.action')}
                  </Button>
                )
          }
        >
          {lead.routedAt && (
            <Typography.Paragraph type="secondary">
              {t('leadScoring.routedAt', { at: dayjs(lead.routedAt).format('YYYY-MM-DD HH:mm') })}
            </Typography.Paragraph>
          )}
          {lead.scoreBreakdown ? (
            <ScoreBreakdown b={lead.scoreBreakdown} />
          ) : (
            <EmptyState description={t('leadScoring.unscored')} />
          )}
        </Card>
      </Col>
      <Col xs={24} md={12}>
        <Card title={t('leadScoring.events')}>
          {events.isLoading ? (
            <LoadingState rows={3} />
          ) : events.error ? (
            <ErrorState error={events.error} onRetry={() => void events.refetch()} />
          ) : events.data?.data.length ? (
            <List
              size="small"
              dataSource={events.data.data}
              renderItem={(e) => (
                <List.Item>
                  <Space>
                    <Tag>{t(`leadScoring.kinds.${e.kind}`, { defaultValue: e.kind })}</Tag>
                    {e.title}
                  </Space>
                  <Typography.Text type="secondary">{dayjs(e.at).format('YYYY-MM-DD HH:mm')}</Typography.Text>
                </List.Item>
              )}
            />
          ) : (
            <EmptyState description={t('leadScoring.noEvents')} />
          )}
        </Card>
      </Col>
      {!converted && <ConvertDialog lead={lead} open={converting} onClose={() => setConverting(false)} />}
    </Row>
  )
}
