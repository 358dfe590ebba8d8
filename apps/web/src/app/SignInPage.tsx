import { Suspense, lazy, useState } from 'react'
import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { ApiError, post } from '../shared/api/client'
import { LanguageToggle } from './LanguageToggle'
import { useSetupStatus } from '../features/setup/setup.queries'
import { LoadingState } from '../shared/ui/loading'
import { withTexts } from '../shared/i18n/i18n'

// The first-run screen is shown once per installation: its code loads only then.
const SetupPage = lazy(() =>
  withTexts(() => import('../features/setup/SetupPage'))().then((m) => ({ default: m.SetupPage })),
)

export default function SignInPage() {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const [error, setError] = useState<string | null>(
    sessionStorage.getItem('openkam.expired') === '1' ? t('auth.expired') : null,
  )
  const [busy, setBusy] = useState(false)
  const [form] = Form.useForm()
  const status = useSetupStatus()

  const submit = async (values: { email: string; password: string }) => {
    setBusy(true)
    setError(null)
    try {
      const res = await post<{ user: unknown }>('/auth/login', values)
      sessionStorage.removeItem('openkam.expired')
      qc.setQueryData(['me'], res.user)
    } catch (e) {
      if (e instanceof ApiError) {
        const key = `auth.${e.code}`
        setError(t(key, { defaultValue: e.message }))
        form.setFields(e.errors.map((x) => ({ name: x.path, errors: [x.message] })))
      } else setError(String(e))
    } finally {
      setBusy(false)
    }
  }

  // An empty installation has nobody to sign in: it gets the first-run screen instead (issue 18.6).
  if (status.data?.needed)
    return (
      <Suspense fallback={<LoadingState rows={8} />}>
        <SetupPage />
      </Suspense>
    )
  return (
    <main className="signin">
      <div className="signin-lang">
        <LanguageToggle />
      </div>
      <Card className="signin-card">
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {t('auth.signInTitle')}
        </Typography.Title>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} role="alert" />}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="email"
            label={t('auth.email')}
            rules={[{ required: true, type: 'email', message: t('auth.email') }]}
          >
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth.password')}
            rules={[{ required: true, message: t('auth.password') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('auth.signIn')}
          </Button>
        </Form>
        {status.data?.demo && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
            {t('auth.demoHint')}
          </Typography.Paragraph>
        )}
      </Card>
    </main>
  )
}
