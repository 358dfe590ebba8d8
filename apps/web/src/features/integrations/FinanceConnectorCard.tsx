import { useEffect } from 'react'
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd'
import type { FinanceProvider, FinanceSettings, FinanceSettingsInput } from '@openkam/contract'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../shared/api/client'
import { useFinanceActions } from './integrations.queries'

type Values = {
  provider: FinanceProvider
  baseUrl: string
  enabled: boolean
  creds: Record<string, string | number | undefined>
}

/** The credential fields of each system; `secret` ones are typed as passwords. */
const fields: Record<
  FinanceProvider,
  { key: string; secret?: boolean; optional?: boolean; number?: boolean }[]
> = {
  kingdee: [
    { key: 'acctId' },
    { key: 'username' },
    { key: 'appId' },
    { key: 'appSecret', secret: true },
    { key: 'orgNumber', optional: true },
    { key: 'lcid', optional: true, number: true },
  ],
  yonyou: [{ key: 'appKey' }, { key: 'appSecret', secret: true }, { key: 'orgCode', optional: true }],
}

/**
 * The finance connector's settings: system, address, credentials (write-only — shown as set or not set,
 * entered again only to replace them), enabled; test the connection and fetch receipts now.
 */
export function FinanceConnectorCard({ settings }: { settings: FinanceSettings }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const { save, test, pull } = useFinanceActions()
  const provider = Form.useWatch('provider', form) ?? settings.provider ?? 'kingdee'

  useEffect(() => {
    form.setFieldsValue({
      provider: settings.provider ?? 'kingdee',
      baseUrl: settings.baseUrl ?? '',
      enabled: settings.enabled,
      creds: {},
    })
  }, [settings, form])

  const onSave = async (v: Values) => {
    const entered = Object.fromEntries(
      Object.entries(v.creds ?? {}).filter(([, x]) => x !== undefined && x !== null && x !== ''),
    )
    const body = {
      provider: v.provider,
      baseUrl: v.baseUrl,
      enabled: v.enabled,
      ...(Object.keys(entered).length ? { credentials: entered } : {}),
    } as FinanceSettingsInput
    try {
      await save.mutateAsync(body)
      form.setFieldValue('creds', {})
      message.success(t('integrations.finance.saved'))
    } catch (e) {
      if (e instanceof ApiError && e.errors.length)
        form.setFields(
          e.errors.map((x) => ({
            name: x.path.startsWith('credentials')
              ? ['creds', x.path.split('.')[1] ?? 'appSecret']
              : [x.path],
            errors: [x.message],
          })) as never,
        )
      message.error((e as Error).message)
    }
  }

  const credentialsSet = settings.credentials === 'set' && settings.provider === provider
  return (
    <Card
      title={t('integrations.finance.title')}
      extra={
        settings.enabled ? (
          <Tag color="green">{t('integrations.finance.on')}</Tag>
        ) : (
          <Tag>
            {settings.configured ? t('integrations.finance.off') : t('integrations.finance.notConfigured')}
          </Tag>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('integrations.finance.help')}</Typography.Paragraph>
      {!settings.configured && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('integrations.finance.notConfiguredHelp')}
        />
      )}
      <Form form={form} layout="vertical" onFinish={onSave} style={{ maxWidth: 560 }}>
        <Form.Item name="provider" label={t('integrations.finance.provider')} rules={[{ required: true }]}>
          <Select
            options={(['kingdee', 'yonyou'] as const).map((p) => ({
              value: p,
              label: t(`integrations.finance.providers.${p}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="baseUrl"
          label={t('integrations.finance.baseUrl')}
          extra={t(`integrations.finance.baseUrlHelp.${provider}`)}
          rules={[{ required: true, message: t('integrations.finance.baseUrlRequired') }]}
        >
          <Input
            placeholder={
              provider === 'kingdee'
                ? 'https://erp.example.com/k3cloud/'
                : 'https://c2.yonyoucloud.com/iuap-api-gateway'
            }
          />
        </Form.Item>
        <Typography.Text strong>{t('integrations.finance.credentials')} </Typography.Text>
        {credentialsSet ? (
          <Tag color="green">{t('integrations.finance.set')}</Tag>
        ) : (
          <Tag color="orange">{t('integrations.finance.notSet')}</Tag>
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
          {credentialsSet
            ? t('integrations.finance.credentialsKeep')
            : t('integrations.finance.credentialsEnter')}
        </Typography.Paragraph>
        {fields[provider].map((f) => (
          <Form.Item
            key={`${provider}.${f.key}`}
            name={['creds', f.key]}
            label={t(`integrations.finance.fields.${f.key}`)}
          >
            {f.number ? (
              <InputNumber style={{ width: '100%' }} placeholder="2052" />
            ) : f.secret ? (
              <Input.Password
                autoComplete="new-password"
                placeholder={credentialsSet ? '••••••••' : undefined}
              />
            ) : (
              <Input
                autoComplete="off"
                placeholder={f.optional ? t('integrations.finance.optional') : undefined}
              />
            )}
          </Form.Item>
        ))}
        <Form.Item name="enabled" label={t('integrations.finance.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('integrations.finance.save')}
          </Button>
          <Button
            disabled={!settings.configured}
            loading={test.isPending}
            onClick={async () => {
              try {
                const r = await test.mutateAsync()
                if (r.ok) message.success(r.message)
                else message.error(r.message)
              } catch (e) {
                message.error((e as Error).message)
              }
            }}
          >
            {t('integrations.finance.test')}
          </Button>
          <Button
            disabled={!settings.enabled}
            loading={pull.isPending}
            onClick={async () => {
              try {
                const r = await pull.mutateAsync()
                message.success(t('integrations.finance.pulled', r))
              } catch (e) {
                message.error((e as Error).message)
              }
            }}
          >
            {t('integrations.finance.pull')}
          </Button>
        </Space>
      </Form>
      {settings.lastPullAt && (
        <Typography.Paragraph
          type={settings.lastPullError ? 'danger' : 'secondary'}
          style={{ marginTop: 16 }}
        >
          {t('integrations.finance.lastPull', { at: dayjs(settings.lastPullAt).format('YYYY-MM-DD HH:mm') })}
          {settings.lastPullError ? ` — ${settings.lastPullError}` : ''}
        </Typography.Paragraph>
      )}
    </Card>
  )
}
