import { Card, Descriptions, Space, Typography } from 'antd'
import { Link, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { ErrorState, LoadingState } from '../../shared/ui/states'
import { ApprovalActions } from './ApprovalActions'
import { ApprovalStatusTag, currentStepLabel, formatTime, recordLinkOf, useUserName } from './ApprovalParts'
import { ApprovalTimeline } from './ApprovalTimeline'
import { useApproval } from './approvals.queries'

/** `/approvals/:id` — one request with its whole history (the link notifications open). */
export default function ApprovalPage() {
  const { id = '' } = useParams()
  const { t } = useTranslation()
  const name = useUserName()
  const q = useApproval(id)
  if (q.isLoading) return <LoadingState />
  if (q.isError || !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />
  const a = q.data
  return (
    <div>
      <div className="page-header">
        <div>
          <Typography.Text type="secondary">
            <Link to="/approvals">{t('approvals.centre')}</Link>
          </Typography.Text>
          <Typography.Title level={1}>
            {a.flowName} · {a.recordName || t('approvals.untitled')}
          </Typography.Title>
        </div>
        <ApprovalActions approval={a} />
      </div>
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card>
          <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
            <Descriptions.Item label={t('approvals.record')}>
              <Link to={recordLinkOf(a)}>{a.recordName || t('approvals.untitled')}</Link>
            </Descriptions.Item>
            <Descriptions.Item label={t('approvals.statusLabel')}>
              <ApprovalStatusTag status={a.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('approvals.submitter')}>{name(a.submittedBy)}</Descriptions.Item>
            <Descriptions.Item label={t('approvals.submittedAt')}>
              {formatTime(a.submittedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('approvals.currentStep')}>{currentStepLabel(a, t)}</Descriptions.Item>
            <Descriptions.Item label={t('approvals.decidedAt')}>{formatTime(a.decidedAt)}</Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title={t('approvals.history')}>
          <ApprovalTimeline approval={a} />
        </Card>
      </Space>
    </div>
  )
}
