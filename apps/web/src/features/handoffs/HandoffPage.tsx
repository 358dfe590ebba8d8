import { useEffect, useState } from 'react'
import { Alert, App, Button, Card, Descriptions, Input, Modal, Space, Steps, Typography } from 'antd'
import { CheckOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import { Link, useParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { can, useAuth } from '../../app/auth'
import { ApiError } from '../../shared/api/client'
import { useNames, useUsers } from '../../shared/api/lookups'
import { ErrorState, LoadingState } from '../../shared/ui/states'
import { ChecklistEditor } from './ChecklistEditor'
import { handoffState, progressOf } from './handoff-status'
import { HandoffTags } from './HandoffTags'
import {
  useHandoff,
  useSaveHandoff,
  useSubmitHandoff,
  useValidateHandoff,
  type Handoff,
  type HandoffChecklistItem,
} from './handoffs.queries'

type Draft = { checklist: HandoffChecklistItem[]; valueGoal: string | null; notes: string | null }
const fmt = (d: string | null | undefined) => (d ? dayjs(d).format('YYYY-MM-DD HH:mm') : '—')

/** One handoff: the checklist the sales owner fills and submits, and the CSM validates. */
export default function HandoffPage() {
  const { id } = useParams()
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { me } = useAuth()
  const h = useHandoff(id)
  const save = useSaveHandoff()
  const submit = useSubmitHandoff()
  const validate = useValidateHandoff()
  const users = useUsers()
  const accounts = useNames('accounts', [h.data?.accountId])
  const opps = useNames('opportunities', [h.data?.opportunityId])
  const [draft, setDraft] = useState<Draft | null>(null)
  const [missing, setMissing] = useState<string[]>([])
  const [validating, setValidating] = useState(false)
  const [comment, setComment] = useState('')

  useEffect(() => {
    if (h.data)
      setDraft({ checklist: h.data.checklist ?? [], valueGoal: h.data.valueGoal, notes: h.data.notes })
  }, [h.data])

  if (h.isLoading || (!draft && h.data)) return <LoadingState rows={10} />
  if (h.isError || !h.data || !draft) return <ErrorState error={h.error} onRetry={() => void h.refetch()} />
  const rec = h.data
  const name = (uid: string | null) =>
    uid ? ((users.data?.data ?? []).find((u) => u.id === uid)?.name ?? '…') : '—'
  const account = accounts.data?.[rec.accountId!] ?? '…'
  const dirty =
    JSON.stringify(draft) !==
    JSON.stringify({ checklist: rec.checklist ?? [], valueGoal: rec.valueGoal, notes: rec.notes })
  const editable = rec.status !== 'validated' && can(me, 'handoffs', 'update')
  const { step, late } = handoffState(rec)
  const progress = progressOf({ checklist: draft.checklist })

  const fail = (e: unknown) => {
    if (e instanceof ApiError && e.status === 409 && e.code === 'version_conflict') {
      void message.warning(t('handoffs.conflict'))
      void h.refetch()
    } else void message.error(e instanceof Error ? e.message : String(e))
  }
  const persist = async (): Promise<Handoff> =>
    dirty ? save.mutateAsync({ id: rec.id, version: rec.version, ...draft }) : rec
  const onSave = async () => {
    try {
      await persist()
      void message.success(t('handoffs.saved'))
    } catch (e) {
      fail(e)
    }
  }
  const onSubmit = async () => {
    try {
      await persist()
      await submit.mutateAsync(rec.id)
      setMissing([])
      void message.success(t('handoffs.submitted'))
    } catch (e) {
      if (e instanceof ApiError && e.code === 'handoff_incomplete') {
        setMissing((e.body.missing as string[]) ?? [])
      } else fail(e)
    }
  }
  const onValidate = async () => {
    try {
      await validate.mutateAsync({ id: rec.id, comment: comment.trim() || undefined })
      setValidating(false)
      void message.success(t('handoffs.validated'))
    } catch (e) {
      fail(e)
    }
  }

  return (
    <div>
      <div className="page-header">
        <div>
          <Typography.Text type="secondary">
            <Link to="/handoffs">{t('handoffs.title')}</Link>
          </Typography.Text>
          <h1>{t('handoffs.detailTitle', { account })}</h1>
          <HandoffTags h={rec} />
        </div>
        <Space wrap>
          {editable && (
            <Button
              icon={<SaveOutlined />}
              disabled={!dirty}
              loading={save.isPending}
              onClick={() => void onSave()}
            >
              {t('common.save')}
            </Button>
          )}
          {rec.status === 'open' && editable && (
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={submit.isPending}
              onClick={() => void onSubmit()}
            >
              {t('handoffs.submit')}
            </Button>
          )}
          {rec.status === 'submitted' && (
            <Button type="primary" icon={<CheckOutlined />} onClick={() => setValidating(true)}>
              {t('handoffs.validate')}
            </Button>
          )}
        </Space>
      </div>
      <Card style={{ marginBottom: 16 }}>
        <Steps
          current={step}
          status={rec.status === 'validated' ? 'finish' : 'process'}
          items={[
            {
              title: t('handoffs.steps.handOver'),
              content: rec.submittedAt
                ? t('handoffs.doneOn', { date: fmt(rec.submittedAt) })
                : t('handoffs.dueOn', { date: fmt(rec.dueAt) }),
            },
            {
              title: t('handoffs.steps.validate'),
              content: rec.validatedAt
                ? t('handoffs.doneOn', { date: fmt(rec.validatedAt) })
                : rec.validationDueAt
                  ? t('handoffs.dueOn', { date: fmt(rec.validationDueAt) })
                  : t('handoffs.afterSubmission'),
            },
            { title: t('handoffs.steps.done') },
          ]}
        />
        {late && (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 16 }}
            title={t(rec.status === 'open' ? 'handoffs.lateHandoff' : 'handoffs.lateValidation', {
              date: fmt(rec.status === 'open' ? rec.dueAt : rec.validationDueAt),
            })}
            description={
              (rec.status === 'open' ? rec.escalatedAt : rec.validationEscalatedAt)
                ? t('handoffs.escalatedOn', {
                    date: fmt(rec.status === 'open' ? rec.escalatedAt : rec.validationEscalatedAt),
                  })
                : undefined
            }
          />
        )}
        <Descriptions size="small" bordered column={{ xs: 1, md: 2, lg: 3 }} style={{ marginTop: 16 }}>
          <Descriptions.Item label={t('fields.accountId')}>
            <Link to={`/accounts/${rec.accountId}`}>{account}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.opportunityId')}>
            {rec.opportunityId ? (
              <Link to={`/opportunities/${rec.opportunityId}`}>{opps.data?.[rec.opportunityId] ?? '…'}</Link>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('handoffs.checklist')}>
            {progress.done}/{progress.total}
          </Descriptions.Item>
          <Descriptions.Item label={t('fields.salesOwnerId')}>{name(rec.salesOwnerId)}</Descriptions.Item>
          <Descriptions.Item label={t('fields.csmId')}>{name(rec.csmId)}</Descriptions.Item>
          {rec.validationComment && (
            <Descriptions.Item label={t('fields.validationComment')}>
              {rec.validationComment}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      {missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('handoffs.incomplete', { count: missing.length })}
          description={draft.checklist
            .filter((i) => missing.includes(i.key))
            .map((i) => i.label)
            .join(' · ')}
        />
      )}
      <Card title={t('handoffs.checklist')} style={{ marginBottom: 16 }}>
        <ChecklistEditor
          items={draft.checklist}
          readOnly={!editable}
          missing={missing}
          onChange={(checklist) => setDraft({ ...draft, checklist })}
        />
      </Card>
      <Card title={t('fields.valueGoal')}>
        <Typography.Paragraph type="secondary">{t('handoffs.valueGoalHelp')}</Typography.Paragraph>
        <Input.TextArea
          aria-label={t('fields.valueGoal')}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={2000}
          disabled={!editable}
          value={draft.valueGoal ?? ''}
          onChange={(e) => setDraft({ ...draft, valueGoal: e.target.value || null })}
        />
        <Typography.Title level={5} style={{ marginTop: 16 }}>
          {t('fields.notes')}
        </Typography.Title>
        <Input.TextArea
          aria-label={t('fields.notes')}
          autoSize={{ minRows: 2, maxRows: 8 }}
          maxLength={5000}
          disabled={!editable}
          value={draft.notes ?? ''}
          onChange={(e) => setDraft({ ...draft, notes: e.target.value || null })}
        />
      </Card>
      <Modal
        open={validating}
        title={t('handoffs.validateTitle', { account })}
        okText={t('handoffs.validate')}
        confirmLoading={validate.isPending}
        onOk={() => void onValidate()}
        onCancel={() => setValidating(false)}
      >
        <Typography.Paragraph>{t('handoffs.validateHelp')}</Typography.Paragraph>
        <Input.TextArea
          aria-label={t('fields.validationComment')}
          placeholder={t('handoffs.validateComment')}
          maxLength={2000}
          autoSize={{ minRows: 2, maxRows: 6 }}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </Modal>
    </div>
  )
}
