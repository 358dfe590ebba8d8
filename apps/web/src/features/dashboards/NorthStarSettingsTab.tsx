import { useEffect, useState } from 'react'
import { Alert, App, Button, Form, InputNumber, Select, Space, Typography } from 'antd'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { metricPeriods, type NorthStar } from '@openkam/contract'
import { useAuth } from '../../app/auth'
import { ErrorState, LoadingState } from '../../shared/ui/states'
import { isAdmin } from '../settings/common'
import {
  useMetricCatalogue,
  useNorthStar,
  useSaveNorthStar,
  type CatalogueMetric,
} from './dashboards.queries'
import { showApiErrors } from './form-errors'

const MAX = 6

/** Settings → North star: up to six metrics of the catalogue with a target and a period (administrators). */
export function NorthStarSettingsTab() {
  const { t } = useTranslation()
  const { me } = useAuth()
  const ns = useNorthStar()
  const catalogue = useMetricCatalogue()
  if (ns.isLoading || catalogue.isLoading) return <LoadingState />
  if (ns.isError) return <ErrorState error={ns.error} onRetry={() => void ns.refetch()} />
  if (catalogue.isError)
    return <ErrorState error={catalogue.error} onRetry={() => void catalogue.refetch()} />
  return (
    <NorthStarForm
      value={ns.data!}
      catalogue={catalogue.data ?? []}
      editable={isAdmin(me)}
      key={JSON.stringify(ns.data)}
      t={t}
    />
  )
}

function NorthStarForm({
  value,
  catalogue,
  editable,
  t,
}: {
  value: NorthStar
  catalogue: CatalogueMetric[]
  editable: boolean
  t: ReturnType<typeof useTranslation>['t']
}) {
  const { message } = App.useApp()
  const [form] = Form.useForm<NorthStar>()
  const save = useSaveNorthStar()
  const [problem, setProblem] = useState<string | null>(null)
  useEffect(() => form.setFieldsValue(value), [value, form])
  const byKey = new Map(catalogue.map((m) => [m.key, m]))
  const name = (key: string) =>
    t(`dashboards.metricNames.${key}`, {
      defaultValue: byKey.get(key as CatalogueMetric['key'])?.label ?? key,
    })
  const chosen = Form.useWatch('metrics', form) ?? value.metrics

  const submit = async (v: NorthStar) => {
    setProblem(null)
    try {
      await save.mutateAsync({ metrics: v.metrics ?? [] })
      void message.success(t('dashboards.northStar.saved'))
    } catch (e) {
      setProblem(showApiErrors(form, e, (p) => p[0] === 'metrics' && p.length === 3))
    }
  }

  return (
    <div style={{ maxWidth: 760 }}>
      <Typography.Paragraph type="secondary">{t('dashboards.northStar.intro')}</Typography.Paragraph>
      {!editable && (
        <Alert type="info" showIcon title={t('dashboards.northStar.readOnly')} style={{ marginBottom: 16 }} />
      )}
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} />}
      <Form<NorthStar>
        form={form}
        initialValues={value}
        onFinish={(v) => void submit(v)}
        disabled={!editable}
        layout="vertical"
      >
        <Form.List
          name="metrics"
          rules={[
            {
              validator: async (_, ms: NorthStar['metrics'] = []) => {
                if (ms.length > MAX) throw new Error(t('dashboards.northStar.max'))
                const keys = ms.map((m) => m?.key).filter(Boolean)
                if (new Set(keys).size !== keys.length) throw new Error(t('dashboards.northStar.duplicate'))
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f, i) => {
                const key = chosen?.[i]?.key
                const def = key ? byKey.get(key) : undefined
                return (
                  <Space
                    key={f.key}
                    align="start"
                    wrap
                    className="north-star-row"
                    style={{ display: 'flex', marginBottom: 4 }}
                  >
                    <Form.Item
                      name={[f.name, 'key']}
                      label={i === 0 ? t('dashboards.northStar.metric') : undefined}
                      rules={[{ required: true, message: t('dashboards.northStar.required') }]}
                      style={{ width: 260, marginBottom: 8 }}
                      extra={
                        key
                          ? t(`dashboards.metricHelp.${key}`, { defaultValue: def?.description })
                          : undefined
                      }
                    >
                      <Select
                        aria-label={`${t('dashboards.northStar.metric')} ${i + 1}`}
                        showSearch={{ optionFilterProp: 'label' }}
                        options={catalogue.map((m) => ({
                          value: m.key,
                          label: name(m.key),
                          disabled: chosen?.some((c, j) => j !== i && c?.key === m.key),
                        }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'target']}
                      label={i === 0 ? t('dashboards.northStar.targetLabel') : undefined}
                      rules={[{ required: true, message: t('dashboards.northStar.targetRequired') }]}
                      style={{ width: 170, marginBottom: 8 }}
                      extra={
                        def?.unit === 'percent'
                          ? t('dashboards.northStar.percentHint')
                          : def && !def.higherIsBetter
                            ? t('dashboards.northStar.lowerIsBetter')
                            : undefined
                      }
                    >
                      <InputNumber
                        aria-label={`${t('dashboards.northStar.targetLabel')} ${i + 1}`}
                        style={{ width: '100%' }}
                        suffix={def ? t(`dashboards.northStar.unitHint.${def.unit}`) : undefined}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'period']}
                      label={i === 0 ? t('dashboards.northStar.period') : undefined}
                      initialValue="quarter"
                      style={{ width: 130, marginBottom: 8 }}
                    >
                      <Select
                        aria-label={`${t('dashboards.northStar.period')} ${i + 1}`}
                        options={metricPeriods.map((p) => ({
                          value: p,
                          label: t(`dashboards.metricPeriodNames.${p}`),
                        }))}
                      />
                    </Form.Item>
                    {editable && (
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        style={{ marginTop: i === 0 ? 30 : 0 }}
                        aria-label={t('dashboards.northStar.remove', { name: key ? name(key) : i + 1 })}
                        onClick={() => remove(f.name)}
                      />
                    )}
                  </Space>
                )
              })}
              <Form.ErrorList errors={errors} />
              {editable && (
                <Button
                  icon={<PlusOutlined />}
                  disabled={fields.length >= MAX}
                  onClick={() => add({ period: 'quarter' })}
                  style={{ marginBottom: 16 }}
                >
                  {fields.length >= MAX ? t('dashboards.northStar.max') : t('dashboards.northStar.add')}
                </Button>
              )}
            </>
          )}
        </Form.List>
        {editable && (
          <div>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('dashboards.northStar.save')}
            </Button>
          </div>
        )}
      </Form>
    </div>
  )
}
