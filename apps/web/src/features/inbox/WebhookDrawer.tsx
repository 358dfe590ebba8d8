import { useState } from 'react'
import { Alert, App, Button, Checkbox, Drawer, Form, Input, Select, Space, Switch } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { WebhookCreate, WebhookUpdate, webhookKinds } from '@openkam/contract'
import { useTranslation } from 'react-i18next'
import { ApiError, get, patch, post } from '../../shared/api/client'
import { applyApiError } from '../settings/common'
import { useRoles } from '../settings/UsersTab'
import { channelKeys, type Webhook } from './channels.queries'

type Kind = (typeof webhookKinds)[number]
type Values = {
  name: string
  kind: Kind
  url: string
  secret?: string
  clearSecret?: boolean
  events?: string[]
  enabled: boolean
  /** '' stands for none: only the fields no role has hidden. */
  fieldAccessRole: string
}
const fields = ['name', 'kind', 'url', 'secret', 'events', 'enabled', 'fieldAccessRole']
const eventSuggestions = [
  'account.created',
  'account.updated',
  'account.*',
  'opportunity.created',
  'opportunity.stage_changed',
  'opportunity.*',
  'ticket.created',
  'task.created',
  'contract.*',
]
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/** Adds or edits a group robot (WeCom, DingTalk, Feishu) or a signed webhook endpoint. */
export function WebhookDrawer({ webhook, onClose }: { webhook: Webhook | null; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [form] = Form.useForm<Values>()
  const [problem, setProblem] = useState<string | null>(null)
  const [conflict, setConflict] = useState(false)
  // The version being edited: the one opened, or the current one after a conflict.
  const [base, setBase] = useState(webhook)
  const kind = Form.useWatch('kind', form) ?? webhook?.kind ?? 'wecom'
  const roles = useRoles()

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      base ? patch<Webhook>(`/webhooks/${base.id}`, body) : post<Webhook>('/webhooks', body),
    onMutate: () => {
      setProblem(null)
      setConflict(false)
    },
    onSuccess: () => {
      void message.success(base ? t('common.saved') : t('common.created'))
      void qc.invalidateQueries({ queryKey: channelKeys.webhooks })
      onClose()
    },
    onError: async (e) => {
      if (base && e instanceof ApiError && e.status === 409) {
        setConflict(true)
        const current =
          (e.body.current as Webhook | undefined) ??
          (await get<Webhook>(`/webhooks/${base.id}`).catch(() => null))
        if (current) setBase(current)
        void qc.invalidateQueries({ queryKey: channelKeys.webhooks })
      } else setProblem(applyApiError(form, e, fields))
    },
  })

  const submit = (v: Values) => {
    const events = v.kind === 'webhook' ? (v.events ?? []) : []
    const fieldAccessRole = v.fieldAccessRole || null
    let body: Record<string, unknown>
    if (base) {
      body = { version: base.version }
      for (const k of ['name', 'kind', 'url', 'enabled'] as const) if (!same(v[k], base[k])) body[k] = v[k]
      if (!same(events, base.events)) body.events = events
      if (!same(fieldAccessRole, base.fieldAccessRole)) body.fieldAccessRole = fieldAccessRole
      if (v.secret) body.secret = v.secret
      else if (v.clearSecret) body.secret = null
    } else {
      body = { name: v.name, kind: v.kind, url: v.url, enabled: v.enabled, events, fieldAccessRole }
      if (v.secret) body.secret = v.secret
    }
    // The same schema the API checks, so mistakes show under their fields before anything is sent.
    const checked = (base ? WebhookUpdate : WebhookCreate).safeParse(body)
    if (!checked.success) {
      form.setFields(
        checked.error.issues
          .map((i) => ({ name: String(i.path[0] ?? '') as keyof Values, errors: [i.message] }))
          .filter((x) => fields.includes(x.name)),
      )
      return
    }
    save.mutate(body)
  }

  const kindOptions = webhookKinds.map((k) => ({ value: k, label: t(`channels.kind.${k}`) }))
  return (
    <Drawer
      open
      onClose={onClose}
      size={560}
      destroyOnHidden
      title={webhook ? t('channels.editRobot', { name: webhook.name }) : t('channels.newRobot')}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('channels.robotConflictTitle')}
          description={t('channels.robotConflictBody')}
        />
      )}
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        initialValues={
          webhook
            ? {
                name: webhook.name,
                kind: webhook.kind,
                url: webhook.url,
                events: webhook.events,
                enabled: webhook.enabled,
                fieldAccessRole: webhook.fieldAccessRole ?? '',
              }
            : { kind: 'wecom', enabled: true, events: [], fieldAccessRole: '' }
        }
      >
        <Form.Item
          name="name"
          label={t('channels.robotName')}
          extra={t('channels.robotNameHelp')}
          rules={[{ required: true, whitespace: true, message: t('channels.required') }]}
        >
          <Input maxLength={200} autoFocus />
        </Form.Item>
        <Form.Item name="kind" label={t('channels.robotKind')}>
          <Select options={kindOptions} />
        </Form.Item>
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t(`channels.urlHelp.${kind}`)} />
        <Form.Item
          name="url"
          label={t('channels.url')}
          rules={[{ required: true, whitespace: true, message: t('channels.required') }]}
        >
          <Input maxLength={2000} placeholder={t(`channels.urlPlaceholder.${kind}`)} inputMode="url" />
        </Form.Item>
        <Form.Item name="secret" label={t('channels.secret')} extra={t(`channels.secretHelp.${kind}`)}>
          <Input.Password
            maxLength={200}
            autoComplete="new-password"
            placeholder={base?.hasSecret ? t('channels.unchanged') : undefined}
          />
        </Form.Item>
        {base?.hasSecret && (
          <Form.Item name="clearSecret" valuePropName="checked" style={{ marginTop: -12 }}>
            <Checkbox>{t('channels.clearSecret')}</Checkbox>
          </Form.Item>
        )}
        {kind === 'webhook' && (
          <Form.Item name="events" label={t('channels.events')} extra={t('channels.eventsHelp')}>
            <Select
              mode="tags"
              tokenSeparators={[',', ' ']}
              options={eventSuggestions.map((e) => ({ value: e }))}
            />
          </Form.Item>
        )}
        <Form.Item
          name="fieldAccessRole"
          label={t('channels.fieldAccessRole')}
          extra={t('channels.fieldAccessRoleHelp')}
        >
          <Select
            loading={roles.isLoading}
            options={[
              { value: '', label: t('channels.fieldAccessStrictest') },
              ...(roles.data?.data ?? []).map((r) => ({
                value: r.key,
                label: t('channels.fieldAccessAs', {
                  role: t(`enums.role.${r.key}`, { defaultValue: r.name }),
                }),
              })),
            ]}
          />
        </Form.Item>
        <Form.Item name="enabled" label={t('channels.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Drawer>
  )
}
