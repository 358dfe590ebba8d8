import { useState } from 'react'
import { Alert, Button, Card, Descriptions, Form, Input, Result, Space, Timeline, Typography } from 'antd'
import { useMutation, useQuery } from '@tanstack/react-query'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import type { ApprovalLinkView } from '@openkam/contract'
import { LanguageSwitch } from '../../app/LanguageSwitch'
import { ApiError, get, post } from '../../shared/api/client'
import { LoadingState } from '../../shared/ui/states'

type Decision = 'approve' | 'reject'
const known = [
  'approval_link_not_found',
  'approval_link_used',
  'approval_link_expired',
  'approval_link_stale',
]

/** Why a link no longer works, in the reader's language. */
function LinkProblem({ error }: { error: unknown }) {
  const { t } = useTranslation()
  const e = error instanceof ApiError ? error : null
  const code = e && known.includes(e.code) ? e.code : 'error'
  return (
    <Result
      status={e?.status === 404 ? '404' : 'warning'}
      title={t(`approvalLink.${code}`)}
      subTitle={code === 'error' && error instanceof Error ? error.message : t('approvalLink.openApp')}
      extra={
        <Button type="primary" href="/approvals">
          {t('approvalLink.openAppButton')}
        </Button>
      }
    />
  )
}

/**
 * The page an approver opens from the e-mail (`/approve/<token>`): no sign-in, outside the app shell.
 * They see the request and decide their step once; a rejection needs a reason.
 */
export default function ApproveByLinkPage({ token }: { token: string }) {
  const { t } = useTranslation()
  const path = `/public/approvals/${encodeURIComponent(token)}`
  const view = useQuery({
    queryKey: ['approval-link', token],
    queryFn: () => get<ApprovalLinkView>(path),
    retry: false,
  })
  const decide = useMutation({
    mutationFn: (body: { decision: Decision; comment?: string }) =>
      post<{ status: string; decision: Decision }>(`${path}/decision`, body),
  })
  const [form] = Form.useForm<{ comment?: string }>()
  const [done, setDone] = useState<{ status: string; decision: Decision } | null>(null)
  const send = async (decision: Decision) => {
    const comment = (form.getFieldValue('comment') as string | undefined)?.trim()
    if (decision === 'reject' && !comment) {
      form.setFields([{ name: 'comment', errors: [t('approvalLink.reasonRequired')] }])
      return
    }
    try {
      setDone(await decide.mutateAsync({ decision, ...(comment ? { comment } : {}) }))
    } catch {
      // Shown below from decide.error.
    }
  }
  const v = view.data
  return (
    <main className="signin">
      <div className="signin-lang">
        <LanguageSwitch />
      </div>
      <Card className="signin-card" style={{ maxWidth: 600, width: '100%' }}>
        {view.isLoading ? (
          <LoadingState />
        ) : view.isError || !v ? (
          <LinkProblem error={view.error} />
        ) : done ? (
          <Result
            status="success"
            title={t(done.decision === 'approve' ? 'approvalLink.approved' : 'approvalLink.rejected')}
            subTitle={t(`approvalLink.status.${done.status}`)}
          />
        ) : decide.error instanceof ApiError && decide.error.status === 410 ? (
          <LinkProblem error={decide.error} />
        ) : (
          <>
            <Typography.Title level={2} style={{ marginTop: 0 }}>
              {t('approvalLink.title')}
            </Typography.Title>
            <Typography.Paragraph>
              {t('approvalLink.intro', {
                name: v.approverName,
                submitter: v.submitterName,
                step: v.stepName,
              })}
            </Typography.Paragraph>
            <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('approvalLink.record')}>
                {v.objectLabel}: {v.recordName ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('approvalLink.flow')}>{v.flowName}</Descriptions.Item>
              <Descriptions.Item label={t('approvalLink.submitted')}>
                {v.submitterName} · {dayjs(v.submittedAt).format('YYYY-MM-DD HH:mm')}
              </Descriptions.Item>
              <Descriptions.Item label={t('approvalLink.expires')}>
                {dayjs(v.expiresAt).format('YYYY-MM-DD HH:mm')}
              </Descriptions.Item>
            </Descriptions>
            {v.decisions.length > 0 && (
              <Timeline
                style={{ marginBottom: 8 }}
                items={v.decisions.map((d) => ({
                  color: d.decision === 'approve' ? 'green' : 'red',
                  content: `${d.step} · ${d.name} · ${t(`approvalLink.decision.${d.decision}`)}${d.comment ? ` — ${d.comment}` : ''}`,
                }))}
              />
            )}
            {decide.error && (
              <Alert
                type="error"
                showIcon
                role="alert"
                style={{ marginBottom: 16 }}
                title={decide.error instanceof Error ? decide.error.message : String(decide.error)}
              />
            )}
            <Form form={form} layout="vertical" requiredMark={false}>
              <Form.Item
                name="comment"
                label={t('approvalLink.comment')}
                extra={t('approvalLink.commentHelp')}
              >
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
              </Form.Item>
              <Space>
                <Button type="primary" loading={decide.isPending} onClick={() => void send('approve')}>
                  {t('approvalLink.approve')}
                </Button>
                <Button danger loading={decide.isPending} onClick={() => void send('reject')}>
                  {t('approvalLink.reject')}
                </Button>
              </Space>
            </Form>
          </>
        )}
      </Card>
    </main>
  )
}
