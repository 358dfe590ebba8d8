import { useEffect, useState } from 'react'
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Switch } from 'antd'
import { MailOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { SmtpSettings } from '@openkam/contract'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../../app/auth'
import { ApiError, api, post } from '../../shared/api/client'
import { ErrorState, LoadingState } from '../../shared/ui/states'
import { applyApiError } from '../settings/common'
import {
  channelKeys,
  useNotificationSettings,
  type DeliveryTestResult,
  type NotificationSettingsView,
} from './channels.queries'

type Values = {
  enabled: boolean
  host?: string
  port?: number
  secure: boolean
  user?: string
  password?: string
  clearPassword?: boolean
  from?: string
  digestHour: number
}
const fields = ['host', 'port', 'secure', 'user', 'password', 'from', 'digestHour']
const hours = Array.from({ length: 24 }, (_, h) => ({ value: h, label: `${String(h).padStart(2, '0')}:00` }))

/** The SMTP paths the API reports (`smtp.host`) as the form's field names (`host`). */
const unprefixed = (e: unknown) =>
  e instanceof ApiError
    ? new ApiError(
        e.status,
        e.code,
        e.message,
        e.errors.map((x) => ({ ...x, path: x.path.replace(/^smtp\./, '') })),
        e.body,
      )
    : e

/** Workspace e-mail (SMTP) and the hour of the daily digest, with a test message. */
export function SmtpCard() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [form] = Form.useForm<Values>()
  const [problem, setProblem] = useState<string | null>(null)
  const [conflict, setConflict] = useState(false)
  const settings = useNotificationSettings()
  const enabled = Form.useWatch('enabled', form)
  const s = settings.data

  useEffect(() => {
    if (!s) return
    form.resetFields()
    form.setFieldsValue({
      enabled: !!s.smtp,
      host: s.smtp?.host,
      port: s.smtp?.port ?? 465,
      secure: s.smtp?.secure ?? true,
      user: s.smtp?.user ?? undefined,
      from: s.smtp?.from,
      digestHour: s.digestHour,
    })
  }, [s, form])

  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api<NotificationSettingsView>('PUT', '/notification-settings', body),
    onMutate: () => {
      setProblem(null)
      setConflict(false)
    },
    onSuccess: (saved) => {
      if (saved) qc.setQueryData(channelKeys.settings, saved)
      else void qc.invalidateQueries({ queryKey: channelKeys.settings })
      void message.success(t('common.saved'))
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) setConflict(true)
      else setProblem(applyApiError(form, unprefixed(e), fields))
    },
  })

  const submit = (v: Values) => {
    const password = v.password ? { password: v.password } : v.clearPassword ? { password: '' } : {}
    const smtp = v.enabled
      ? {
          host: v.host ?? '',
          port: v.port ?? 0,
          secure: v.secure,
          user: v.user || undefined,
          from: v.from ?? '',
          ...password,
        }
      : null
    // The same schema the API checks, so mistakes show under their fields before anything is sent.
    const checked = smtp ? SmtpSettings.safeParse(smtp) : null
    if (checked && !checked.success) {
      form.setFields(
        checked.error.issues
          .map((i) => ({ name: String(i.path[0] ?? '') as keyof Values, errors: [i.message] }))
          .filter((x) => x.name),
      )
      return
    }
    save.mutate({ version: s!.version, smtp, digestHour: v.digestHour })
  }

  if (settings.isLoading) return <LoadingState rows={6} />
  if (settings.isError || !s)
    return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />

  return (
    <Card title={t('channels.emailTitle')} style={{ marginBottom: 16 }}>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('channels.conflictTitle')}
          description={t('channels.conflictBody')}
          action={
            <Button
              size="small"
              onClick={() => {
                setConflict(false)
                void settings.refetch()
              }}
            >
              {t('common.conflictReload')}
            </Button>
          }
        />
      )}
      {problem && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={problem} />}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={submit} style={{ maxWidth: 640 }}>
        <Form.Item
          name="enabled"
          label={t('channels.smtpEnabled')}
          valuePropName="checked"
          extra={t('channels.smtpEnabledHelp')}
        >
          <Switch />
        </Form.Item>
        {enabled && (
          <>
            <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
              <Form.Item
                name="host"
                label={t('channels.host')}
                extra={t('channels.hostHelp')}
                style={{ flex: '1 1 260px' }}
                rules={[{ required: true, whitespace: true, message: t('channels.required') }]}
              >
                <Input maxLength={200} autoComplete="off" />
              </Form.Item>
              <Form.Item
                name="port"
                label={t('channels.port')}
                extra={t('channels.portHelp')}
                style={{ flex: '0 1 180px' }}
                rules={[{ required: true, message: t('channels.required') }]}
              >
                <InputNumber min={1} max={65535} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </div>
            <Form.Item
              name="secure"
              label={t('channels.secure')}
              valuePropName="checked"
              extra={t('channels.secureHelp')}
            >
              <Switch />
            </Form.Item>
            <Form.Item name="user" label={t('channels.user')}>
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('channels.password')}
              extra={s.smtp?.hasPassword ? t('channels.passwordKept') : undefined}
            >
              <Input.Password
                maxLength={200}
                autoComplete="new-password"
                placeholder={s.smtp?.hasPassword ? t('channels.unchanged') : undefined}
              />
            </Form.Item>
            {s.smtp?.hasPassword && (
              <Form.Item name="clearPassword" valuePropName="checked" style={{ marginTop: -12 }}>
                <Checkbox>{t('channels.clearPassword')}</Checkbox>
              </Form.Item>
            )}
            <Form.Item
              name="from"
              label={t('channels.from')}
              extra={t('channels.fromHelp')}
              rules={[{ required: true, whitespace: true, message: t('channels.required') }]}
            >
              <Input maxLength={200} />
            </Form.Item>
          </>
        )}
        <Form.Item name="digestHour" label={t('channels.digestHour')} extra={t('channels.digestHourHelp')}>
          <Select options={hours} style={{ width: 140 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Form>
      <TestEmail disabled={!s.smtp} />
    </Card>
  )
}

function TestEmail({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation()
  const { me } = useAuth()
  const [to, setTo] = useState(me?.email ?? '')
  const send = useMutation({
    mutationFn: () => post<DeliveryTestResult>('/notification-settings/test-email', { to }),
  })
  const result = send.data
  return (
    <div style={{ marginTop: 24, maxWidth: 640 }}>
      <label htmlFor="test-email-to" style={{ display: 'block', marginBottom: 6 }}>
        {t('channels.testEmailTo')}
      </label>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          id="test-email-to"
          type="email"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          disabled={disabled}
        />
        <Button
          icon={<MailOutlined />}
          loading={send.isPending}
          disabled={disabled || !to}
          onClick={() => send.mutate()}
        >
          {t('channels.sendTestEmail')}
        </Button>
      </Space.Compact>
      {disabled && (
        <div style={{ marginTop: 6, color: '#545a63', fontSize: 12 }}>{t('channels.testEmailNeedsSmtp')}</div>
      )}
      {send.isError && <Alert style={{ marginTop: 12 }} type="error" showIcon title={send.error.message} />}
      {result && (
        <Alert
          style={{ marginTop: 12 }}
          type={result.ok ? 'success' : 'error'}
          showIcon
          title={result.ok ? t('channels.testEmailSent', { to }) : t('channels.testFailed')}
          description={result.ok ? undefined : result.error}
        />
      )}
    </div>
  )
}
