import { useEffect, useState } from 'react'
import { Alert, Button, Card, Descriptions, Form, Input, Result, Typography } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { LanguageSwitch } from '../../app/LanguageSwitch'
import { ApiError } from '../../shared/api/client'
import { LoadingState } from '../../shared/ui/states'
import { useConfirmMilestone, usePublicMilestone } from './lifecycle.queries'

/** Why a link no longer works, in the visitor's language (the API's code, with its date when it has one). */
function LinkProblem({ error }: { error: unknown }) {
  const { t } = useTranslation()
  const e = error instanceof ApiError ? error : null
  const code = e?.code ?? 'error'
  const at = (e?.body.confirmedAt ?? e?.body.expiredAt) as string | undefined
  const known = [
    'confirmation_not_found',
    'confirmation_used',
    'confirmation_expired',
    'confirmation_replaced',
    'milestone_withdrawn',
  ]
  return (
    <Result
      status={code === 'confirmation_used' ? 'success' : e?.status === 404 ? '404' : 'warning'}
      title={t(`milestones.public.${known.includes(code) ? code : 'error'}`)}
      subTitle={
        known.includes(code)
          ? t(`milestones.public.${code}_help`, { date: at ? dayjs(at).format('YYYY-MM-DD') : '' })
          : error instanceof Error
            ? error.message
            : undefined
      }
    />
  )
}

/**
 * The page a customer's contact opens from the confirmation e-mail: no login, outside the signed-in
 * app. They see the milestone and confirm it with their name (and a comment); the link then stops working.
 */
export default function ConfirmMilestonePage({ token }: { token: string }) {
  const { t } = useTranslation()
  const view = usePublicMilestone(token)
  const confirm = useConfirmMilestone(token)
  const [form] = Form.useForm<{ name: string; comment?: string }>()
  const [done, setDone] = useState<{ confirmedAt: string; confirmedByName: string } | null>(null)

  useEffect(() => {
    if (view.data?.contactName) form.setFieldsValue({ name: view.data.contactName })
  }, [view.data, form])

  const submit = async (v: { name: string; comment?: string }) => {
    try {
      setDone(await confirm.mutateAsync({ name: v.name.trim(), comment: v.comment?.trim() || undefined }))
    } catch {
      // Shown below from confirm.error.
    }
  }
  const m = view.data

  return (
    <main className="signin">
      <div className="signin-lang">
        <LanguageSwitch />
      </div>
      <Card className="signin-card" style={{ maxWidth: 560, width: '100%' }}>
        {view.isLoading ? (
          <LoadingState />
        ) : view.isError || !m ? (
          <LinkProblem error={view.error} />
        ) : done ? (
          <Result
            status="success"
            title={t('milestones.public.thanks')}
            subTitle={t('milestones.public.thanksHelp', {
              title: m.title,
              name: done.confirmedByName,
              date: dayjs(done.confirmedAt).format('YYYY-MM-DD HH:mm'),
            })}
          />
        ) : confirm.error instanceof ApiError && confirm.error.status === 410 ? (
          <LinkProblem error={confirm.error} />
        ) : (
          <>
            <Typography.Text type="secondary">{m.workspaceName}</Typography.Text>
            <Typography.Title level={2} style={{ marginTop: 4 }}>
              {t('milestones.public.title')}
            </Typography.Title>
            <Typography.Paragraph>
              {t('milestones.public.intro', {
                requester: m.requestedBy ?? m.workspaceName,
                account: m.accountName,
              })}
            </Typography.Paragraph>
            <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('milestones.public.milestone')}>{m.title}</Descriptions.Item>
              {m.description && (
                <Descriptions.Item label={t('fields.description')}>{m.description}</Descriptions.Item>
              )}
              {m.dueDate && <Descriptions.Item label={t('fields.dueDate')}>{m.dueDate}</Descriptions.Item>}
              <Descriptions.Item label={t('milestones.public.expires')}>
                {dayjs(m.expiresAt).format('YYYY-MM-DD HH:mm')}
              </Descriptions.Item>
            </Descriptions>
            {confirm.error && (
              <Alert
                type="error"
                showIcon
                role="alert"
                style={{ marginBottom: 16 }}
                title={confirm.error instanceof Error ? confirm.error.message : String(confirm.error)}
              />
            )}
            <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
              <Form.Item
                name="name"
                label={t('milestones.public.name')}
                rules={[
                  {
                    required: true,
                    whitespace: true,
                    max: 100,
                    message: t('milestones.public.nameRequired'),
                  },
                ]}
              >
                <Input autoComplete="name" />
              </Form.Item>
              <Form.Item name="comment" label={t('milestones.public.comment')}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={confirm.isPending}>
                {t('milestones.public.confirm')}
              </Button>
            </Form>
          </>
        )}
      </Card>
    </main>
  )
}
