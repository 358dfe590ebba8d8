import { useState } from 'react'
import { Alert, App, Button, Card, Space, Typography } from 'antd'
import { useQuery } from '@tanstack/react-query'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import type { ApprovalFlow } from '@openkam/contract'
import { can, useAuth } from '../../app/auth'
import { ApiError, get, type Page } from '../../shared/api/client'
import { ApprovalActions } from './ApprovalActions'
import { ApprovalStatusTag } from './ApprovalParts'
import { ApprovalTimeline } from './ApprovalTimeline'
import { approvalKeys, useRecordApproval, useSubmitApproval } from './approvals.queries'

/**
 * The approval card of a record page: the record's current (or last) approval with its timeline and the
 * buttons the person may use, and "Submit for approval" when an enabled flow governs the object. Shown
 * only on objects that have a flow, or on records that were submitted once.
 */
export function ApprovalPanel({ object, recordId }: { object: string; recordId: string }) {
  const { t } = useTranslation()
  const { me } = useAuth()
  const { message } = App.useApp()
  const flows = useQuery({
    queryKey: [...approvalKeys.flows, 'of', object],
    queryFn: () => get<Page<ApprovalFlow>>('/approval-flows', { object, enabled: true, limit: 20 }),
    enabled: can(me, 'approval-flows', 'read'),
    staleTime: 60_000,
  })
  const latest = useRecordApproval(object, recordId)
  const submit = useSubmitApproval()
  const [refusal, setRefusal] = useState<string | null>(null)
  const a = latest.data ?? null
  const hasFlow = (flows.data?.data.length ?? 0) > 0
  if (!a && !hasFlow) return null
  const maySubmit = (!a || a.status !== 'pending') && can(me, object, 'update')

  const send = async () => {
    setRefusal(null)
    try {
      await submit.mutateAsync({ object, recordId })
      void message.success(t('approvals.submittedMsg'))
    } catch (e) {
      if (e instanceof ApiError && e.status < 500) setRefusal(e.message)
      else void message.error(t('approvals.failed', { reason: (e as Error).message }))
    }
  }

  return (
    <Card
      title={t('approvals.panelTitle')}
      size="small"
      style={{ marginTop: 16 }}
      data-testid="approval-panel"
      extra={
        <Space size={4} wrap>
          {a && <ApprovalActions approval={a} size="small" />}
          {maySubmit && (
            <Button
              size="small"
              type={a ? 'default' : 'primary'}
              loading={submit.isPending}
              onClick={() => void send()}
            >
              {a ? t('approvals.submitAgain') : t('approvals.submit')}
            </Button>
          )}
        </Space>
      }
    >
      {refusal && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={refusal}
          closable
          onClose={() => setRefusal(null)}
          style={{ marginBottom: 12 }}
        />
      )}
      {a ? (
        <Space orientation="vertical" size="small" style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Text strong>{a.flowName}</Typography.Text>
            <ApprovalStatusTag status={a.status} />
            <Link to={`/approvals/${a.id}`}>{t('approvals.openDetail')}</Link>
          </Space>
          <ApprovalTimeline approval={a} />
        </Space>
      ) : (
        <Typography.Text type="secondary">{t('approvals.notSubmitted')}</Typography.Text>
      )}
    </Card>
  )
}
