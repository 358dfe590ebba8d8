import { Alert, Checkbox, Col, Input, InputNumber, Radio, Row, Select, Space, Tag, Typography } from 'antd'
import { notificationChannels, ticketPriorities, type NotificationChannel } from '@openkam/contract'
import type { TFunction } from 'i18next'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { usePlaybooks, useWebhooks } from './automation.queries'
import { fieldId, Labeled } from './Labeled'
import { RecipientPicker, RecipientsPicker } from './RecipientPicker'
import type { ActionDraft } from './rule-draft'
import { actionSummary } from './rule-summary'

export type FormProps<T extends ActionDraft['type']> = {
  action: Extract<ActionDraft, { type: T }>
  path: string
  entity?: string
  onChange: (a: Extract<ActionDraft, { type: T }>) => void
}

/** The hint under text that may hold placeholders (passed as values so i18next leaves the braces alone). */
const placeholdersHelp = (t: TFunction) =>
  t('automation.placeholdersHelp', { a: '{{record.name}}', b: '{{account.name}}', c: '{{before.stage}}' })

const robotChannels: NotificationChannel[] = ['wecom', 'dingtalk', 'feishu', 'webhook']

export function TaskForm({ action, path, onChange }: FormProps<'create_task'>) {
  const { t } = useTranslation()
  const task = action.task
  const set = (patch: Partial<typeof task>) => onChange({ ...action, task: { ...task, ...patch } })
  const p = (k: string) => `${path}.task.${k}`
  return (
    <>
      <Labeled label={t('automation.taskTitle')} path={p('title')} required extra={placeholdersHelp(t)}>
        <Input
          id={fieldId(p('title'))}
          maxLength={300}
          placeholder={t('automation.taskTitlePlaceholder', { example: '{{record.name}}' })}
          value={task.title}
          onChange={(e) => set({ title: e.target.value })}
        />
      </Labeled>
      <Labeled label={t('fields.description')} path={p('description')}>
        <Input.TextArea
          id={fieldId(p('description'))}
          maxLength={5000}
          autoSize={{ minRows: 2, maxRows: 6 }}
          value={task.description ?? ''}
          onChange={(e) => set({ description: e.target.value })}
        />
      </Labeled>
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Labeled label={t('automation.assignee')} path={p('assignee')} required>
            <RecipientPicker
              id={fieldId(p('assignee'))}
              value={task.assignee}
              onChange={(assignee) => set({ assignee })}
            />
          </Labeled>
        </Col>
        <Col xs={12} md={7}>
          <Labeled label={t('automation.dueIn')} path={p('dueInDays')}>
            <Space.Compact style={{ width: '100%' }}>
              <InputNumber
                id={fieldId(p('dueInDays'))}
                min={0}
                max={3650}
                value={task.dueInDays ?? null}
                onChange={(v) => set({ dueInDays: v })}
                style={{ width: '100%' }}
              />
              <Space.Addon>{t('automation.days')}</Space.Addon>
            </Space.Compact>
          </Labeled>
        </Col>
        <Col xs={12} md={7}>
          <Labeled label={t('fields.priority')} path={p('priority')}>
            <Select
              id={fieldId(p('priority'))}
              value={task.priority}
              onChange={(priority) => set({ priority })}
              options={ticketPriorities.map((x) => ({ value: x, label: t(`enums.priority.${x}`) }))}
            />
          </Labeled>
        </Col>
      </Row>
    </>
  )
}

export function NotifyForm({ action, path, onChange }: FormProps<'notify'>) {
  const { t } = useTranslation()
  const webhooks = useWebhooks()
  const set = (patch: Partial<typeof action>) => onChange({ ...action, ...patch })
  const p = (k: string) => `${path}.${k}`
  const robots = action.channels.filter((c) => robotChannels.includes(c))
  const endpoints = (webhooks.data?.data ?? []).filter(
    (w) => robots.includes(w.kind) || w.id === action.webhookId,
  )
  return (
    <>
      <Labeled label={t('automation.recipients')} path={p('to')} required>
        <RecipientsPicker id={fieldId(p('to'))} value={action.to} onChange={(to) => set({ to })} />
      </Labeled>
      <Labeled label={t('automation.channelsLabel')} path={p('channels')} required>
        <div
          id={fieldId(p('channels'))}
          role="group"
          aria-label={t('automation.channelsLabel')}
          tabIndex={-1}
        >
          <Checkbox.Group
            value={action.channels}
            onChange={(v) => set({ channels: v as NotificationChannel[] })}
            options={notificationChannels.map((c) => ({ value: c, label: t(`automation.channels.${c}`) }))}
          />
        </div>
      </Labeled>
      {robots.length > 0 && (
        <Labeled label={t('automation.robot')} path={p('webhookId')} extra={t('automation.robotHelp')}>
          <Select
            id={fieldId(p('webhookId'))}
            allowClear
            loading={webhooks.isLoading}
            placeholder={t('automation.robotDefault')}
            value={action.webhookId}
            onChange={(webhookId?: string) => set({ webhookId: webhookId ?? undefined })}
            options={endpoints.map((w) => ({
              value: w.id,
              label: (
                <Space>
                  {w.name}
                  <Tag>{t(`automation.channels.${w.kind}`)}</Tag>
                </Space>
              ),
              title: w.name,
            }))}
          />
        </Labeled>
      )}
      <Labeled label={t('fields.subject')} path={p('subject')} required extra={placeholdersHelp(t)}>
        <Input
          id={fieldId(p('subject'))}
          maxLength={200}
          placeholder={t('automation.subjectPlaceholder', { example: '{{record.name}}' })}
          value={action.subject}
          onChange={(e) => set({ subject: e.target.value })}
        />
      </Labeled>
      <Labeled label={t('automation.message')} path={p('body')}>
        <Input.TextArea
          id={fieldId(p('body'))}
          maxLength={5000}
          autoSize={{ minRows: 3, maxRows: 8 }}
          value={action.body}
          onChange={(e) => set({ body: e.target.value })}
        />
      </Labeled>
    </>
  )
}

export function WebhookForm({ action, path, onChange }: FormProps<'call_webhook'>) {
  const { t } = useTranslation()
  const webhooks = useWebhooks()
  const p = (k: string) => `${path}.${k}`
  return (
    <>
      <Radio.Group
        style={{ marginBottom: 12 }}
        aria-label={t('automation.webhookTarget')}
        value={action.target}
        onChange={(e) => onChange({ ...action, target: e.target.value })}
        options={[
          { value: 'webhook', label: t('automation.savedWebhook') },
          { value: 'url', label: t('automation.webhookUrl') },
        ]}
      />
      {action.target === 'webhook' ? (
        <Labeled label={t('automation.savedWebhook')} path={p('webhookId')} required>
          <Select
            id={fieldId(p('webhookId'))}
            loading={webhooks.isLoading}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('automation.chooseWebhook')}
            notFoundContent={t('automation.noWebhooks')}
            value={action.webhookId}
            onChange={(webhookId: string) => onChange({ ...action, webhookId })}
            options={(webhooks.data?.data ?? [])
              .filter((w) => w.kind === 'webhook')
              .map((w) => ({ value: w.id, label: w.name }))}
          />
        </Labeled>
      ) : (
        <Labeled
          label={t('automation.webhookUrl')}
          path={p('url')}
          required
          extra={t('automation.webhookUrlHelp')}
        >
          <Input
            id={fieldId(p('url'))}
            type="url"
            placeholder="https://"
            value={action.url ?? ''}
            onChange={(e) => onChange({ ...action, url: e.target.value })}
          />
        </Labeled>
      )}
    </>
  )
}

export function PlaybookForm({ action, path, onChange }: FormProps<'start_playbook'>) {
  const { t } = useTranslation()
  const playbooks = usePlaybooks()
  const p = `${path}.playbookId`
  return (
    <Labeled
      label={t('automation.playbook')}
      path={p}
      required
      extra={<Link to="/settings/playbooks">{t('automation.managePlaybooks')}</Link>}
    >
      <Select
        id={fieldId(p)}
        loading={playbooks.isLoading}
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('automation.choosePlaybook')}
        notFoundContent={t('playbooks.empty')}
        value={action.playbookId}
        onChange={(playbookId: string) => onChange({ ...action, playbookId })}
        options={(playbooks.data?.data ?? []).map((x) => ({
          value: x.id,
          label: `${x.name} · ${t('playbooks.stepCount', { count: x.steps.length })}`,
        }))}
      />
    </Labeled>
  )
}

/** Submitting the record for approval has nothing to set: the form says what will happen, and when it cannot. */
export function ApprovalForm({ action, entity }: FormProps<'start_approval'>) {
  const { t } = useTranslation()
  return (
    <>
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        <Typography.Text strong>{actionSummary(action, entity, t)}</Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('automation.startApprovalHelp')}
      </Typography.Paragraph>
      {!entity && (
        <Alert
          type="warning"
          showIcon
          title={t('automation.startApprovalNoRecord')}
          style={{ marginTop: 8 }}
        />
      )}
    </>
  )
}
