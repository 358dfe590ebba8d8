import { useState } from 'react'
import { Alert, Button, Card, Form, Input, Radio, Select, Typography } from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ApiError, post } from '../../shared/api/client'
import { setLang, type Lang } from '../../shared/i18n/i18n'
import { LanguageSwitch } from '../../app/LanguageSwitch'
import './setup.messages'

type Values = {
  workspaceName: string
  locale: Lang
  template: 'standard' | 'saas' | 'demo'
  adminName: string
  email: string
  password: string
  confirm: string
}

/** The first-run screen of an empty installation: the workspace and its first administrator. */
export function SetupPage() {
  const { t, i18n } = useTranslation()
  const qc = useQueryClient()
  const [form] = Form.useForm<Values>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const template = Form.useWatch('template', form) ?? 'standard'

  const submit = async ({ confirm: _c, ...values }: Values) => {
    setBusy(true)
    setError(null)
    try {
      const res = await post<{ user: unknown }>('/setup', values)
      if (values.locale !== i18n.language) await setLang(values.locale)
      qc.setQueryData(['setup'], { needed: false, demo: values.template === 'demo' })
      qc.setQueryData(['me'], res.user)
    } catch (e) {
      if (e instanceof ApiError) {
        if (e.code === 'already_set_up') void qc.invalidateQueries({ queryKey: ['setup'] })
        setError(t(`setup.${e.status === 429 ? 'rate_limited' : e.code}`, { defaultValue: e.message }))
        form.setFields(e.errors.map((x) => ({ name: x.path as keyof Values, errors: [x.message] })))
      } else setError(String(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <main className="signin" style={{ padding: '56px 0' }}>
      <div className="signin-lang">
        <LanguageSwitch />
      </div>
      <Card className="signin-card setup-card" style={{ width: 480 }}>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {t('setup.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('setup.intro')}</Typography.Paragraph>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} role="alert" />}
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={submit}
          requiredMark={false}
          initialValues={{ locale: i18n.language === 'en' ? 'en' : 'zh-CN', template: 'standard' }}
        >
          <Typography.Title level={5}>{t('setup.workspace')}</Typography.Title>
          <Form.Item
            name="workspaceName"
            label={t('setup.workspaceName')}
            rules={[{ required: true, whitespace: true, message: t('setup.required') }]}
          >
            <Input autoFocus maxLength={100} placeholder={t('setup.workspaceNamePlaceholder')} />
          </Form.Item>
          <Form.Item name="locale" label={t('setup.language')}>
            <Select
              options={[
                { value: 'zh-CN', label: '简体中文' },
                { value: 'en', label: 'English' },
              ]}
              onChange={(v: Lang) => void setLang(v)}
            />
          </Form.Item>
          <Form.Item name="template" label={t('setup.template')} extra={t(`setup.templateHelp.${template}`)}>
            <Radio.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
              options={(['standard', 'saas', 'demo'] as const).map((v) => ({
                value: v,
                label: t(`setup.templates.${v}`),
              }))}
            />
          </Form.Item>
          <Typography.Title level={5}>{t('setup.admin')}</Typography.Title>
          <Form.Item
            name="adminName"
            label={t('setup.adminName')}
            rules={[{ required: true, whitespace: true, message: t('setup.required') }]}
          >
            <Input maxLength={100} autoComplete="name" />
          </Form.Item>
          <Form.Item
            name="email"
            label={t('setup.email')}
            rules={[{ required: true, type: 'email', message: t('setup.email') }]}
          >
            <Input autoComplete="username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('setup.password')}
            extra={t('setup.passwordHelp')}
            rules={[{ required: true, min: 8, max: 200, message: t('setup.passwordHelp') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('setup.confirm')}
            dependencies={['password']}
            rules={[
              { required: true, message: t('setup.required') },
              ({ getFieldValue }) => ({
                validator: (_, v) =>
                  !v || v === getFieldValue('password')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('setup.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('setup.submit')}
          </Button>
          {busy && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              {t('setup.creating')}
            </Typography.Paragraph>
          )}
        </Form>
      </Card>
    </main>
  )
}
