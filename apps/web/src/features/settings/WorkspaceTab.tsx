import { useEffect, useState } from 'react'
import { Alert, App, Button, Card, Descriptions, Form, Input, Select } from 'antd'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../../app/auth'
import { ApiError, get, patch } from '../../shared/api/client'
import { ErrorState, LoadingState } from '../../shared/ui/states'
import { applyApiError, scopeOf } from './common'

type Workspace = {
  id: string
  name: string
  slug: string
  locale: 'zh-CN' | 'en'
  currency: string
  version: number
}
type Values = { name: string; locale: 'zh-CN' | 'en'; currency: string }

const currencies = ['CNY', 'HKD', 'TWD', 'USD', 'EUR', 'GBP', 'JPY', 'KRW', 'SGD', 'AUD', 'CAD', 'CHF', 'INR']

export function WorkspaceTab() {
  const { t } = useTranslation()
  const { me, refresh } = useAuth()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [form] = Form.useForm<Values>()
  const [problem, setProblem] = useState<string | null>(null)
  const [conflict, setConflict] = useState(false)
  const canEdit = scopeOf(me, 'workspace', 'update') === 'all'
  const ws = useQuery({ queryKey: ['workspace'], queryFn: () => get<Workspace>('/workspace') })

  useEffect(() => {
    if (ws.data)
      form.setFieldsValue({ name: ws.data.name, locale: ws.data.locale, currency: ws.data.currency })
  }, [ws.data, form])

  const save = useMutation({
    mutationFn: (v: Values) => patch<Workspace>('/workspace', { version: ws.data!.version, ...v }),
    onMutate: () => {
      setProblem(null)
      setConflict(false)
    },
    onSuccess: (w) => {
      qc.setQueryData(['workspace'], w)
      refresh()
      void message.success(t('common.saved'))
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409) setConflict(true)
      else setProblem(applyApiError(form, e, ['name', 'locale', 'currency']))
    },
  })

  if (ws.isLoading) return <LoadingState rows={4} />
  if (ws.isError) return <ErrorState error={ws.error} onRetry={() => void ws.refetch()} />
  const w = ws.data!
  const localeLabel = (l: string) => (l === 'zh-CN' ? t('settings.localeZh') : t('settings.localeEn'))

  if (!canEdit)
    return (
      <Card>
        <Alert type="info" showIcon title={t('settings.adminOnly')} style={{ marginBottom: 16 }} />
        <Descriptions column={1} bordered size="small">
          <Descriptions.Item label={t('settings.workspaceName')}>{w.name}</Descriptions.Item>
          <Descriptions.Item label={t('settings.defaultLanguage')}>{localeLabel(w.locale)}</Descriptions.Item>
          <Descriptions.Item label={t('settings.currency')}>{w.currency}</Descriptions.Item>
        </Descriptions>
      </Card>
    )

  return (
    <Card style={{ maxWidth: 640 }}>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('common.conflictTitle')}
          description={t('common.conflictBody')}
          action={
            <Button
              size="small"
              onClick={() => {
                setConflict(false)
                void ws.refetch()
              }}
            >
              {t('common.conflictReload')}
            </Button>
          }
        />
      )}
      {problem && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={problem} />}
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} requiredMark={false}>
        <Form.Item
          name="name"
          label={t('settings.workspaceName')}
          rules={[{ required: true, whitespace: true, message: t('settings.required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="locale" label={t('settings.defaultLanguage')} extra={t('settings.localeHelp')}>
          <Select
            options={(['zh-CN', 'en'] as const).map((l) => ({ value: l, label: localeLabel(l) }))}
            style={{ maxWidth: 280 }}
          />
        </Form.Item>
        <Form.Item
          name="currency"
          label={t('settings.currency')}
          extra={t('settings.currencyHelp')}
          rules={[{ required: true, pattern: /^[A-Z]{3}$/, message: t('settings.currencyInvalid') }]}
        >
          <Select
            showSearch
            options={[...new Set([w.currency, ...currencies])].map((c) => ({ value: c, label: c }))}
            style={{ maxWidth: 280 }}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  )
}
