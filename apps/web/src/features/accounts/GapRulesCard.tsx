import { useEffect } from 'react'
import { Alert, App, Button, Card, Col, Form, InputNumber, Row, Space, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { DecisionMapGapRules } from '@openkam/contract'
import { ApiError } from '../../shared/api/client'
import { ErrorState, LoadingState } from '../../shared/ui/states'
import { useGapRules, useSaveGapRules } from './decisionMap.queries'

type Rules = DecisionMapGapRules
const fields: { key: keyof Rules; min: number; max: number }[] = [
  { key: 'economicBuyerDays', min: 1, max: 730 },
  { key: 'championSilentDays', min: 1, max: 365 },
  { key: 'blockerInfluence', min: 1, max: 5 },
  { key: 'singleThreadDays', min: 1, max: 365 },
  { key: 'singleThreadMinActivities', min: 2, max: 100 },
]

/**
 * The thresholds of the decision-map gap rules (days without contact, blocker influence, single-thread
 * window). Checked with the shared schema first; the server's field errors show under their fields.
 */
export function GapRulesCard({ admin }: { admin: boolean }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const q = useGapRules()
  const save = useSaveGapRules()
  const [form] = Form.useForm<Rules>()
  useEffect(() => {
    if (q.data) form.setFieldsValue(q.data)
  }, [q.data, form])
  if (q.isLoading) return <LoadingState rows={3} />
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />
  const defaults = q.data.defaults
  const submit = (values: Rules) => {
    const checked = DecisionMapGapRules.safeParse(values)
    if (!checked.success) {
      form.setFields(
        checked.error.issues.map((i) => ({ name: String(i.path[0]) as keyof Rules, errors: [i.message] })),
      )
      return
    }
    save.mutate(checked.data, {
      onSuccess: () => void message.success(t('decisionMap.settings.gapRules.saved')),
      onError: (e) => {
        if (e instanceof ApiError && e.errors.length)
          form.setFields(e.errors.map((x) => ({ name: x.path as keyof Rules, errors: [x.message] })))
      },
    })
  }
  const err = save.error instanceof ApiError && !save.error.errors.length ? save.error : null
  return (
    <Card size="small" title={t('decisionMap.settings.gapRules.title')} data-testid="gap-rules">
      <Typography.Paragraph type="secondary">{t('decisionMap.settings.gapRules.intro')}</Typography.Paragraph>
      {err && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={err.message} />}
      <Form form={form} layout="vertical" disabled={!admin} onFinish={submit}>
        <Row gutter={16}>
          {fields.map((f) => (
            <Col key={f.key} xs={24} md={12} lg={8}>
              <Form.Item
                name={f.key}
                label={t(`decisionMap.settings.gapRules.${f.key}`)}
                extra={t('decisionMap.settings.gapRules.default', { value: defaults[f.key] })}
                rules={[{ required: true }]}
              >
                <InputNumber min={f.min} max={f.max} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        {admin && (
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
            <Button onClick={() => form.setFieldsValue(defaults)}>
              {t('decisionMap.settings.gapRules.reset')}
            </Button>
          </Space>
        )}
      </Form>
    </Card>
  )
}
