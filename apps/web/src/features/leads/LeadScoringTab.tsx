import { useEffect } from 'react'
import { App, Button, Card, Form, Input, InputNumber, Select, Space, Switch, Typography } from 'antd'
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { leadEventKinds, type LeadScoringConfig } from '@openkam/contract'
import { useAuth } from '../../app/auth'
import { api } from '../../shared/api/client'
import { useTeams, useUsers } from '../../shared/api/lookups'
import { ErrorState, LoadingState } from '../../shared/ui/states'
import { applyApiError, isAdmin } from '../settings/common'
import { LeadFormsCard } from './LeadFormsCard'
import { leadKeys, useLeadScoring } from './leads.queries'

/** An editable list of `{<key>, points}` pairs (industries, keywords, regions, sources, size bands). */
function PointsList({
  name,
  keyName,
  label,
  number,
}: {
  name: string[]
  keyName: string
  label: string
  number?: boolean
}) {
  const { t } = useTranslation()
  return (
    <Form.Item label={label}>
      <Form.List name={name}>
        {(fields, { add, remove }) => (
          <Space direction="vertical" size={4}>
            {fields.map((f) => (
              <Space key={f.key} size={4}>
                <Form.Item name={[f.name, keyName]} noStyle rules={[{ required: true }]}>
                  {number ? (
                    <InputNumber min={0} aria-label={label} style={{ width: 140 }} />
                  ) : (
                    <Input aria-label={label} style={{ width: 160 }} />
                  )}
                </Form.Item>
                <Form.Item name={[f.name, 'points']} noStyle rules={[{ required: true }]}>
                  <InputNumber
                    min={0}
                    max={100}
                    aria-label={t('leadScoring.settings.points')}
                    addonAfter={t('leadScoring.settings.pointsUnit')}
                  />
                </Form.Item>
                <MinusCircleOutlined aria-label={t('common.delete')} onClick={() => remove(f.name)} />
              </Space>
            ))}
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => add({ [keyName]: number ? 0 : '', points: 5 })}
            >
              {t('leadScoring.settings.add')}
            </Button>
          </Space>
        )}
      </Form.List>
    </Form.Item>
  )
}

/** Settings → Lead scoring & capture: points, decay, threshold, routing, and the capture forms. */
export function LeadScoringTab() {
  const { t } = useTranslation()
  const { me } = useAuth()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const q = useLeadScoring()
  const users = useUsers()
  const teams = useTeams()
  const [form] = Form.useForm<LeadScoringConfig>()
  const admin = isAdmin(me)
  const strategy = Form.useWatch(['routing', 'strategy'], form)
  useEffect(() => {
    if (q.data) {
      const { version: _v, updatedAt: _u, ...config } = q.data
      // Every behaviour kind gets a row, with 0 when the settings do not name it.
      const points = leadEventKinds.map((kind) => ({
        kind,
        points: config.behaviour.points.find((p) => p.kind === kind)?.points ?? 0,
      }))
      form.setFieldsValue({ ...config, behaviour: { ...config.behaviour, points } })
    }
  }, [q.data, form])
  if (q.isLoading) return <LoadingState />
  if (q.error || !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />
  const userOptions = (users.data?.data ?? []).map((u) => ({ value: u.id, label: u.name }))
  const save = async (v: LeadScoringConfig) => {
    try {
      await api('PUT', '/lead-scoring', { version: q.data!.version, ...v })
      message.success(t('leadScoring.settings.saved'))
      await qc.invalidateQueries({ queryKey: leadKeys.scoring() })
    } catch (e) {
      const rest = applyApiError(form, e, [])
      if (rest) message.error(rest)
    }
  }
  return (
    <>
      <Form form={form} layout="vertical" disabled={!admin} onFinish={(v) => void save(v)}>
        <Card title={t('leadScoring.settings.scoring')}>
          <Space wrap size="large" align="start">
            <Form.Item
              name="threshold"
              label={t('leadScoring.settings.threshold')}
              tooltip={t('leadScoring.settings.thresholdHelp')}
              rules={[{ required: true }]}
            >
              <InputNumber min={1} max={100} />
            </Form.Item>
            <Form.Item
              name={['behaviour', 'halfLifeDays']}
              label={t('leadScoring.settings.halfLife')}
              rules={[{ required: true }]}
            >
              <InputNumber min={1} max={365} />
            </Form.Item>
            <Form.Item
              name={['behaviour', 'max']}
              label={t('leadScoring.settings.behaviourMax')}
              rules={[{ required: true }]}
            >
              <InputNumber min={0} max={100} />
            </Form.Item>
            <Form.Item name={['profile', 'businessEmail']} label={t('leadScoring.settings.businessEmail')}>
              <InputNumber min={0} max={100} />
            </Form.Item>
          </Space>
          <Typography.Title level={5}>{t('leadScoring.settings.behaviourPoints')}</Typography.Title>
          <Form.List name={['behaviour', 'points']}>
            {(fields) => (
              <Space wrap>
                {fields.map((f) => (
                  <Form.Item
                    key={f.key}
                    name={[f.name, 'points']}
                    label={t(
                      `leadScoring.kinds.${form.getFieldValue(['behaviour', 'points', f.name, 'kind'])}`,
                    )}
                  >
                    <InputNumber min={0} max={100} />
                  </Form.Item>
                ))}
              </Space>
            )}
          </Form.List>
          <Space wrap size="large" align="start">
            <PointsList
              name={['profile', 'industries']}
              keyName="industry"
              label={t('leadScoring.settings.industries')}
            />
            <PointsList
              name={['profile', 'companySize']}
              keyName="minEmployees"
              number
              label={t('leadScoring.settings.sizes')}
            />
            <PointsList
              name={['profile', 'titleKeywords']}
              keyName="keyword"
              label={t('leadScoring.settings.titles')}
            />
            <PointsList
              name={['profile', 'regions']}
              keyName="region"
              label={t('leadScoring.settings.regions')}
            />
            <PointsList
              name={['profile', 'sources']}
              keyName="source"
              label={t('leadScoring.settings.sources')}
            />
          </Space>
        </Card>
        <Card title={t('leadScoring.settings.routing')} style={{ marginTop: 16 }}>
          <Space wrap size="large" align="start">
            <Form.Item
              name={['routing', 'enabled']}
              label={t('leadScoring.settings.routingEnabled')}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
            <Form.Item name={['routing', 'strategy']} label={t('leadScoring.settings.strategy')}>
              <Select
                style={{ width: 200 }}
                options={(['round_robin', 'territory'] as const).map((s) => ({
                  value: s,
                  label: t(`leadScoring.settings.strategies.${s}`),
                }))}
              />
            </Form.Item>
            <Form.Item name={['routing', 'teamId']} label={t('leadScoring.settings.team')}>
              <Select
                allowClear
                style={{ width: 200 }}
                options={(teams.data?.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
              />
            </Form.Item>
            <Form.Item
              name={['routing', 'userIds']}
              label={t('leadScoring.settings.users')}
              tooltip={t('leadScoring.settings.poolHelp')}
            >
              <Select
                mode="multiple"
                style={{ minWidth: 240 }}
                options={userOptions}
                optionFilterProp="label"
              />
            </Form.Item>
            <Form.Item name={['routing', 'fallbackUserId']} label={t('leadScoring.settings.fallback')}>
              <Select allowClear style={{ width: 200 }} options={userOptions} optionFilterProp="label" />
            </Form.Item>
          </Space>
          {strategy === 'territory' && (
            <Form.Item label={t('leadScoring.settings.territories')}>
              <Form.List name={['routing', 'territories']}>
                {(fields, { add, remove }) => (
                  <Space direction="vertical" size={4}>
                    {fields.map((f) => (
                      <Space key={f.key} size={4}>
                        <Form.Item name={[f.name, 'region']} noStyle rules={[{ required: true }]}>
                          <Input
                            placeholder={t('leadScoring.settings.territoryRegion')}
                            style={{ width: 180 }}
                          />
                        </Form.Item>
                        <Form.Item name={[f.name, 'userId']} noStyle rules={[{ required: true }]}>
                          <Select style={{ width: 200 }} options={userOptions} optionFilterProp="label" />
                        </Form.Item>
                        <MinusCircleOutlined aria-label={t('common.delete')} onClick={() => remove(f.name)} />
                      </Space>
                    ))}
                    <Button
                      size="small"
                      icon={<PlusOutlined />}
                      onClick={() => add({ region: '', userId: undefined })}
                    >
                      {t('leadScoring.settings.add')}
                    </Button>
                  </Space>
                )}
              </Form.List>
            </Form.Item>
          )}
        </Card>
        {admin && (
          <Button style={{ marginTop: 16 }} type="primary" htmlType="submit">
            {t('common.save')}
          </Button>
        )}
      </Form>
      {admin && <LeadFormsCard />}
    </>
  )
}
