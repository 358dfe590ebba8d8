import { useEffect, useState } from 'react'
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Collapse,
  Form,
  Input,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd'
import { MessageOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { SmsSettings } from '@openkam/contract'
import { useTranslation } from 'react-i18next'
import { ApiError, api, post } from '../../shared/api/client'
import { ErrorState, LoadingState } from '../../shared/ui/states'
import { applyApiError } from '../settings/common'
import {
  channelKeys,
  useNotificationSettings,
  type DeliveryTestResult,
  type NotificationSettingsView,
} from './channels.queries'

type Provider = 'aliyun' | 'tencent'
type Values = {
  provider: Provider
  enabled: boolean
  accessKeyId?: string
  accessKeySecret?: string
  clearSecret?: boolean
  signName?: string
  templateCode?: string
  region?: string
  sdkAppId?: string
  baseUrl?: string
}
const fields = [
  'provider',
  'enabled',
  'accessKeyId',
  'accessKeySecret',
  'signName',
  'templateCode',
  'region',
  'sdkAppId',
  'baseUrl',
]

/** The SMS paths the API reports (`sms.signName`) as the form's field names (`signName`). */
const unprefixed = (e: unknown) =>
  e instanceof ApiError
    ? new ApiError(
        e.status,
        e.code,
        e.message,
        e.errors.map((x) => ({ ...x, path: x.path.replace(/^sms\./, '') })),
        e.body,
      )
    : e

/** Workspace SMS (Aliyun SMS or Tencent Cloud SMS) for the tickets' acknowledgements, with a test text. */
export function SmsCard() {
  const { t } = useTranslation()
  const { message, modal } = App.useApp()
  const qc = useQueryClient()
  const [form] = Form.useForm<Values>()
  const [problem, setProblem] = useState<string | null>(null)
  const [conflict, setConflict] = useState(false)
  const [editing, setEditing] = useState(false)
  const settings = useNotificationSettings()
  const provider = (Form.useWatch('provider', form) ?? 'aliyun') as Provider
  const s = settings.data
  const sms = s?.sms ?? null

  useEffect(() => {
    if (!s) return
    form.resetFields()
    form.setFieldsValue({
      provider: s.sms?.provider ?? 'aliyun',
      enabled: s.sms?.enabled ?? true,
      accessKeyId: s.sms?.accessKeyId,
      signName: s.sms?.signName,
      templateCode: s.sms?.templateCode,
      region: s.sms?.region ?? 'ap-guangzhou',
      sdkAppId: s.sms?.sdkAppId ?? undefined,
      baseUrl: s.sms?.baseUrl ?? undefined,
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
      setEditing(false)
      void message.success(t('common.saved'))
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) setConflict(true)
      else setProblem(applyApiError(form, unprefixed(e), fields))
    },
  })

  const submit = (v: Values) => {
    const secret = v.accessKeySecret
      ? { accessKeySecret: v.accessKeySecret }
      : v.clearSecret
        ? { accessKeySecret: '' }
        : {}
    const tencent = v.provider === 'tencent'
    const body = {
      provider: v.provider,
      enabled: v.enabled,
      accessKeyId: v.accessKeyId ?? '',
      signName: v.signName ?? '',
      templateCode: v.templateCode ?? '',
      ...(tencent ? { region: v.region || null, sdkAppId: v.sdkAppId || null } : {}),
      baseUrl: v.baseUrl || null,
      ...secret,
    }
    // The same schema the API checks, so mistakes show under their fields before anything is sent.
    const checked = SmsSettings.safeParse(body)
    if (!checked.success) {
      form.setFields(
        checked.error.issues
          .map((i) => ({ name: String(i.path[0] ?? '') as keyof Values, errors: [i.message] }))
          .filter((x) => x.name),
      )
      return
    }
    save.mutate({ version: s!.version, sms: body })
  }

  const remove = () =>
    modal.confirm({
      title: t('sms.removeConfirm'),
      okButtonProps: { danger: true },
      okText: t('common.delete'),
      onOk: () => save.mutateAsync({ version: s!.version, sms: null }),
    })

  if (settings.isLoading) return <LoadingState rows={4} />
  if (settings.isError || !s)
    return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />

  const showForm = !!sms || editing
  return (
    <Card title={t('sms.title')} style={{ marginBottom: 16 }} data-testid="sms-card">
      <Typography.Paragraph type="secondary" style={{ maxWidth: 640 }}>
        {t('sms.help')}
      </Typography.Paragraph>
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
      {!showForm ? (
        <Space wrap>
          <Typography.Text type="secondary">{t('sms.notSet')}</Typography.Text>
          <Button onClick={() => setEditing(true)}>{t('sms.setUp')}</Button>
        </Space>
      ) : (
        <Form
          form={form}
          name="sms"
          layout="vertical"
          requiredMark={false}
          onFinish={submit}
          style={{ maxWidth: 640 }}
        >
          <Form.Item
            name="enabled"
            label={t('sms.enabled')}
            valuePropName="checked"
            extra={t('sms.enabledHelp')}
          >
            <Switch />
          </Form.Item>
          <Form.Item name="provider" label={t('sms.provider')}>
            <Select
              style={{ maxWidth: 320 }}
              options={(['aliyun', 'tencent'] as const).map((p) => ({
                value: p,
                label: t(`sms.providers.${p}`),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="accessKeyId"
            label={t(`sms.accessKeyId.${provider}`)}
            rules={[{ required: true, whitespace: true, message: t('channels.required') }]}
          >
            <Input maxLength={200} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="accessKeySecret"
            label={t(`sms.accessKeySecret.${provider}`)}
            extra={sms?.hasSecret ? t('sms.secretKept') : t('sms.secretHelp')}
          >
            <Input.Password
              maxLength={200}
              autoComplete="new-password"
              placeholder={sms?.hasSecret ? t('channels.unchanged') : undefined}
            />
          </Form.Item>
          {sms?.hasSecret && (
            <Form.Item name="clearSecret" valuePropName="checked" style={{ marginTop: -12 }}>
              <Checkbox>{t('sms.clearSecret')}</Checkbox>
            </Form.Item>
          )}
          <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
            <Form.Item
              name="signName"
              label={t('sms.signName')}
              extra={t('sms.signNameHelp')}
              style={{ flex: '1 1 220px' }}
              rules={[{ required: true, whitespace: true, message: t('channels.required') }]}
            >
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item
              name="templateCode"
              label={t(`sms.templateCode.${provider}`)}
              extra={withVariables(t(`sms.templateHelp.${provider}`))}
              style={{ flex: '1 1 260px' }}
              rules={[{ required: true, whitespace: true, message: t('channels.required') }]}
            >
              <Input maxLength={50} />
            </Form.Item>
          </div>
          {provider === 'tencent' && (
            <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
              <Form.Item
                name="sdkAppId"
                label={t('sms.sdkAppId')}
                extra={t('sms.sdkAppIdHelp')}
                style={{ flex: '1 1 220px' }}
                rules={[{ required: true, whitespace: true, message: t('channels.required') }]}
              >
                <Input maxLength={20} inputMode="numeric" />
              </Form.Item>
              <Form.Item
                name="region"
                label={t('sms.region')}
                extra={t('sms.regionHelp')}
                style={{ flex: '1 1 180px' }}
              >
                <Input maxLength={50} />
              </Form.Item>
            </div>
          )}
          <Collapse
            ghost
            size="small"
            style={{ marginBottom: 16, marginLeft: -16 }}
            defaultActiveKey={sms?.baseUrl ? ['advanced'] : []}
            items={[
              {
                key: 'advanced',
                label: t('sms.advanced'),
                forceRender: true,
                children: (
                  <Form.Item name="baseUrl" label={t('sms.baseUrl')} extra={t('sms.baseUrlHelp')}>
                    <Input maxLength={300} placeholder="https://" />
                  </Form.Item>
                ),
              },
            ]}
          />
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
            {sms ? (
              <Button danger onClick={remove}>
                {t('sms.remove')}
              </Button>
            ) : (
              <Button onClick={() => setEditing(false)}>{t('common.cancel')}</Button>
            )}
          </Space>
        </Form>
      )}
      <TestSms disabled={!sms} />
    </Card>
  )
}

function TestSms({ disabled }: { disabled: boolean }) {
  const { t } = useTranslation()
  const [to, setTo] = useState('')
  const send = useMutation({
    mutationFn: () => post<DeliveryTestResult>('/notification-settings/test-sms', { to }),
  })
  const result = send.data
  return (
    <div style={{ marginTop: 24, maxWidth: 640 }}>
      <label htmlFor="test-sms-to" style={{ display: 'block', marginBottom: 6 }}>
        {t('sms.testTo')}
      </label>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          id="test-sms-to"
          type="tel"
          value={to}
          placeholder={t('sms.testPlaceholder')}
          onChange={(e) => setTo(e.target.value)}
          disabled={disabled}
        />
        <Button
          icon={<MessageOutlined />}
          loading={send.isPending}
          disabled={disabled || !to.trim()}
          onClick={() => send.mutate()}
        >
          {t('sms.sendTest')}
        </Button>
      </Space.Compact>
      {disabled && (
        <div style={{ marginTop: 6, color: '#545a63', fontSize: 12 }}>{t('sms.testNeedsSettings')}</div>
      )}
      {send.isError && (
        <Alert
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          title={(send.error instanceof ApiError && send.error.errors[0]?.message) || send.error.message}
        />
      )}
      {result && (
        <Alert
          style={{ marginTop: 12 }}
          type={result.ok ? 'success' : 'error'}
          showIcon
          title={result.ok ? t('sms.testSent', { to }) : t('sms.testFailed')}
          description={result.ok ? undefined : result.error}
        />
      )}
    </div>
  )
}

/** A help text whose template variables (`${number}`, `{1}`) show as code: they are typed as they are. */
function withVariables(text: string) {
  return text.split(/(\$\{\w+\}|\{\d+\})/).map((part, i) => (i % 2 ? <code key={i}>{part}</code> : part))
}
