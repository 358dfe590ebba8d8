import { useEffect } from 'react'
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Space,
  Switch,
  Table,
  Typography,
} from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import type { TierPackage } from '@openkam/contract'
import { useAuth } from '../../app/auth'
import { api } from '../../shared/api/client'
import { ErrorState, LoadingState } from '../../shared/ui/states'
import { applyApiError, isAdmin } from '../settings/common'
import { TierTag } from './TierTag'
import { tierKeys, useTierRules } from './tiers.queries'

type Values = { strategicMin: number; growthMin: number; leaderIsStrategic: boolean; packages: TierPackage[] }
const flags = ['dedicatedCsm', 'team1PlusN', 'quarterlyReview', 'selfService'] as const

/** Settings → Service tiers: thresholds (ordered, ≥ 0) and each tier's service package (administrators edit). */
export function TierRulesTab() {
  const { t } = useTranslation()
  const { me } = useAuth()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const q = useTierRules()
  const [form] = Form.useForm<Values>()
  const admin = isAdmin(me)
  useEffect(() => {
    if (q.data)
      form.setFieldsValue({
        strategicMin: Number(q.data.strategicMin),
        growthMin: Number(q.data.growthMin),
        leaderIsStrategic: q.data.leaderIsStrategic,
        packages: q.data.packages,
      })
  }, [q.data, form])
  if (q.isLoading) return <LoadingState />
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />
  const save = async (v: Values) => {
    try {
      const res = await api<{ reevaluated: number }>('PUT', '/tier-rules', {
        version: q.data!.version,
        strategicMin: String(v.strategicMin),
        growthMin: String(v.growthMin),
        leaderIsStrategic: v.leaderIsStrategic,
        packages: v.packages,
      })
      message.success(t('tiers.rules.saved', { count: res.reevaluated }))
      await qc.invalidateQueries({ queryKey: tierKeys.all })
    } catch (e) {
      const rest = applyApiError(form, e, ['strategicMin', 'growthMin'])
      if (rest) message.error(rest)
    }
  }
  return (
    <Card>
      <Typography.Paragraph type="secondary">{t('tiers.rules.intro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" disabled={!admin} onFinish={(v) => void save(v)}>
        <Space wrap size="large">
          <Form.Item name="strategicMin" label={t('tiers.rules.strategicMin')} rules={[{ required: true }]}>
            <InputNumber min={0} step={100000} style={{ width: 220 }} addonAfter={q.data.currency} />
          </Form.Item>
          <Form.Item
            name="growthMin"
            label={t('tiers.rules.growthMin')}
            dependencies={['strategicMin']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, v) =>
                  v === undefined || v < getFieldValue('strategicMin')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('tiers.rules.order'))),
              }),
            ]}
          >
            <InputNumber min={0} step={10000} style={{ width: 220 }} addonAfter={q.data.currency} />
          </Form.Item>
          <Form.Item
            name="leaderIsStrategic"
            label={t('tiers.rules.leaderIsStrategic')}
            valuePropName="checked"
          >
            <Switch />
          </Form.Item>
        </Space>
        <Typography.Title level={5}>{t('tiers.rules.packages')}</Typography.Title>
        <Form.List name="packages">
          {(fields) => (
            <Table
              rowKey="key"
              size="small"
              pagination={false}
              dataSource={fields}
              scroll={{ x: true }}
              columns={[
                {
                  title: '',
                  key: 'tier',
                  render: (_, f) => <TierTag tier={form.getFieldValue(['packages', f.name, 'tier'])} />,
                },
                {
                  title: t('tiers.rules.packageName'),
                  key: 'name',
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'name']} noStyle rules={[{ required: true }]}>
                      <Input aria-label={t('tiers.rules.packageName')} style={{ minWidth: 150 }} />
                    </Form.Item>
                  ),
                },
                {
                  title: t('tiers.rules.description'),
                  key: 'description',
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'description']} noStyle>
                      <Input.TextArea
                        aria-label={t('tiers.rules.description')}
                        autoSize
                        style={{ minWidth: 170 }}
                      />
                    </Form.Item>
                  ),
                },
                ...flags.map((k) => ({
                  title: t(`tiers.rules.${k}`),
                  key: k,
                  render: (_: unknown, f: { name: number }) => (
                    <Form.Item name={[f.name, 'entitlements', k]} noStyle valuePropName="checked">
                      <Checkbox aria-label={t(`tiers.rules.${k}`)} />
                    </Form.Item>
                  ),
                })),
                {
                  title: t('tiers.rules.responseShort'),
                  key: 'responseHours',
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'entitlements', 'responseHours']} noStyle>
                      <InputNumber
                        min={1}
                        max={720}
                        style={{ width: 72 }}
                        aria-label={t('tiers.rules.responseHours')}
                      />
                    </Form.Item>
                  ),
                },
                {
                  title: t('tiers.rules.resolutionShort'),
                  key: 'resolutionHours',
                  render: (_, f) => (
                    <Form.Item name={[f.name, 'entitlements', 'resolutionHours']} noStyle>
                      <InputNumber
                        min={1}
                        max={2160}
                        style={{ width: 72 }}
                        aria-label={t('tiers.rules.resolutionHours')}
                      />
                    </Form.Item>
                  ),
                },
              ]}
            />
          )}
        </Form.List>
        <Alert style={{ marginTop: 16 }} type="info" message={t('tiers.rules.hoursHint')} />
        <Alert style={{ marginTop: 8 }} type="info" message={t('tiers.rules.tasksHint')} />
        {admin && (
          <Button style={{ marginTop: 16 }} type="primary" htmlType="submit">
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  )
}
