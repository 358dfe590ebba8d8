import { useEffect } from 'react'
import { Alert, App, Button, Card, Form, Input, Select, Space, Typography } from 'antd'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { buyingRoles, type DecisionMapPlaybook } from '@openkam/contract'
import { useAuth } from '../../app/auth'
import { api, ApiError, get } from '../../shared/api/client'
import { ErrorState, LoadingState } from '../../shared/ui/states'
import { GapRulesCard } from './GapRulesCard'

const key = ['decision-map', 'playbook'] as const

/**
 * Settings → Decision-map playbook: the gap thresholds, and for each buying role the recommended approach
 * and the materials (SPEC R-06), shown beside every contact of that role. Administrators change them;
 * others read them.
 */
export function PlaybookSettingsTab() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { me } = useAuth()
  const qc = useQueryClient()
  const admin = !!me?.roles.includes('admin')
  const q = useQuery({ queryKey: key, queryFn: () => get<DecisionMapPlaybook>('/decision-map/playbook') })
  const [form] = Form.useForm<DecisionMapPlaybook>()
  useEffect(() => {
    if (q.data) form.setFieldsValue(q.data)
  }, [q.data, form])
  const save = useMutation({
    mutationFn: (body: DecisionMapPlaybook) =>
      api<DecisionMapPlaybook>('PUT', '/decision-map/playbook', body),
    onSuccess: (saved) => {
      qc.setQueryData(key, saved)
      void qc.invalidateQueries({ queryKey: ['360'] })
      void message.success(t('decisionMap.settings.saved'))
    },
  })
  if (q.isLoading) return <LoadingState rows={5} />
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />
  const err = save.error instanceof ApiError ? save.error : null
  return (
    <>
      <GapRulesCard admin={admin} />
      <Form
        form={form}
        layout="vertical"
        disabled={!admin}
        onFinish={(v) => save.mutate(v)}
        style={{ marginTop: 16 }}
      >
        <Typography.Paragraph type="secondary">{t('decisionMap.settings.intro')}</Typography.Paragraph>
        {err && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={[err.message, ...err.errors.map((e) => `${e.path}: ${e.message}`)].join(' · ')}
          />
        )}
        <Space direction="vertical" style={{ width: '100%' }}>
          {buyingRoles.map((role) => (
            <Card key={role} size="small" title={t(`enums.buyingRole.${role}`)}>
              <Form.Item
                name={[role, 'approach']}
                label={t('decisionMap.settings.approach')}
                rules={[{ required: true, max: 300 }]}
              >
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={300} />
              </Form.Item>
              <Form.Item name={[role, 'materials']} label={t('decisionMap.settings.materials')}>
                <Select mode="tags" open={false} aria-label={t('decisionMap.settings.materials')} />
              </Form.Item>
            </Card>
          ))}
        </Space>
        {admin && (
          <Button type="primary" htmlType="submit" loading={save.isPending} style={{ marginTop: 12 }}>
            {t('common.save')}
          </Button>
        )}
      </Form>
    </>
  )
}
