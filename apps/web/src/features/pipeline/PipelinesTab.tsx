import { useEffect, useState } from 'react'
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Typography,
  type FormInstance,
} from 'antd'
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { opportunityStages, ticketPriorities, type PipelineStage } from '@openkam/contract'
import { useTranslation } from 'react-i18next'
import { can, useAuth } from '../../app/auth'
import { ApiError } from '../../shared/api/client'
import { ErrorState } from '../../shared/ui/states'
import { RecipientPicker } from '../automation/RecipientPicker'
import { useRoles } from '../settings/UsersTab'
import { pipelineKeys, savePipeline, usePipelines, type Pipeline } from './pipeline.queries'

type Values = Pick<Pipeline, 'name' | 'isDefault' | 'stages' | 'lossReasons' | 'winReasons'>

const blankStage = (key: PipelineStage['key']): PipelineStage => ({
  key,
  name: '',
  goals: '',
  probability: 0,
  deliverables: [],
  tasks: [],
  waiverRoles: ['sales_manager', 'admin'],
})

/** Puts each field error of a problem under its field (`stages.0.deliverables.1.key`); returns the rest. */
function showErrors(form: FormInstance<Values>, e: unknown): string | null {
  if (!(e instanceof ApiError)) return e instanceof Error ? e.message : String(e)
  if (!e.errors.length) return e.message
  form.setFields(
    e.errors.map((x) => ({
      name: x.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) as never,
      errors: [x.message],
    })),
  )
  return e.message
}

/**
 * Settings → Pipelines: the stages of each pipeline with their goals, probability, deliverables (and
 * which are required), standard tasks and who may waive a deliverable; the won and lost reasons.
 * Administrators change them; everyone else reads them.
 */
export function PipelinesTab() {
  const { t } = useTranslation()
  const { me } = useAuth()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const pipelines = usePipelines()
  const roles = useRoles()
  const [form] = Form.useForm<Values>()
  const [selected, setSelected] = useState<string | 'new' | undefined>()
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const editable = can(me, 'pipelines', 'update')
  const current =
    selected === 'new' ? undefined : (pipelines.data?.find((p) => p.id === selected) ?? pipelines.data?.[0])

  useEffect(() => {
    setError(null)
    form.resetFields()
    form.setFieldsValue(
      current
        ? {
            name: current.name,
            isDefault: current.isDefault,
            stages: current.stages,
            lossReasons: current.lossReasons,
            winReasons: current.winReasons,
          }
        : { name: '', isDefault: false, stages: [blankStage('discovery')], lossReasons: [], winReasons: [] },
    )
  }, [current, form])

  if (pipelines.isError)
    return <ErrorState error={pipelines.error} onRetry={() => void pipelines.refetch()} />

  const save = async (v: Values) => {
    setSaving(true)
    setError(null)
    try {
      const rec = await savePipeline(current?.id ?? null, current ? { ...v, version: current.version } : v)
      await qc.invalidateQueries({ queryKey: pipelineKeys.all })
      void qc.invalidateQueries({ queryKey: ['rules'] })
      setSelected(rec.id)
      void message.success(t('gate.settings.saved', { name: rec.name }))
    } catch (e) {
      setError(showErrors(form, e))
    } finally {
      setSaving(false)
    }
  }

  const roleOptions = (roles.data?.data ?? []).map((r) => ({
    value: r.key,
    label: t(`enums.role.${r.key}`, { defaultValue: r.name }),
  }))
  const stageOptions = opportunityStages.map((s) => ({ value: s, label: t(`enums.stage.${s}`) }))

  return (
    <div style={{ maxWidth: 980 }}>
      <Typography.Paragraph type="secondary">{t('gate.settings.intro')}</Typography.Paragraph>
      <Space style={{ marginBottom: 16 }} wrap>
        <Select
          aria-label={t('gate.settings.pipeline')}
          style={{ width: 260 }}
          loading={pipelines.isLoading}
          value={selected === 'new' ? 'new' : current?.id}
          onChange={(v: string) => setSelected(v)}
          options={[
            ...(pipelines.data ?? []).map((p) => ({
              value: p.id,
              label: p.isDefault ? t('gate.settings.defaultNamed', { name: p.name }) : p.name,
            })),
            ...(selected === 'new' ? [{ value: 'new', label: t('gate.settings.newPipeline') }] : []),
          ]}
        />
        {editable && selected !== 'new' && (
          <Button icon={<PlusOutlined />} onClick={() => setSelected('new')}>
            {t('gate.settings.newPipeline')}
          </Button>
        )}
      </Space>
      {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} />}
      <Form form={form} layout="vertical" disabled={!editable} onFinish={(v) => void save(v)}>
        <Space align="start" wrap>
          <Form.Item
            name="name"
            label={t('gate.settings.name')}
            rules={[{ required: true, whitespace: true }]}
          >
            <Input style={{ width: 320 }} maxLength={100} />
          </Form.Item>
          <Form.Item name="isDefault" label={t('gate.settings.isDefault')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Form.List name="stages">
          {(fields, { add, remove, move }) => (
            <>
              {fields.map((field, i) => (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  title={t('gate.settings.stageN', { n: i + 1 })}
                  extra={
                    editable && (
                      <Space size={0}>
                        <Button
                          type="text"
                          icon={<ArrowUpOutlined />}
                          aria-label={t('gate.settings.up')}
                          disabled={i === 0}
                          onClick={() => move(i, i - 1)}
                        />
                        <Button
                          type="text"
                          icon={<ArrowDownOutlined />}
                          aria-label={t('gate.settings.down')}
                          disabled={i === fields.length - 1}
                          onClick={() => move(i, i + 1)}
                        />
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('gate.settings.removeStage')}
                          disabled={fields.length === 1}
                          onClick={() => remove(i)}
                        />
                      </Space>
                    )
                  }
                >
                  <Space align="start" wrap>
                    <Form.Item
                      name={[field.name, 'key']}
                      label={t('gate.settings.stageKey')}
                      rules={[{ required: true }]}
                    >
                      <Select style={{ width: 200 }} options={stageOptions} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'name']}
                      label={t('gate.settings.stageName')}
                      rules={[{ required: true, whitespace: true }]}
                    >
                      <Input style={{ width: 260 }} maxLength={100} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'probability']}
                      label={t('gate.settings.probability')}
                      rules={[{ required: true }]}
                    >
                      <InputNumber min={0} max={100} suffix="%" style={{ width: 110 }} />
                    </Form.Item>
                  </Space>
                  <Form.Item name={[field.name, 'goals']} label={t('gate.settings.goals')}>
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'waiverRoles']}
                    label={t('gate.settings.waiverRoles')}
                    extra={t('gate.settings.waiverRolesHelp')}
                  >
                    <Select mode="multiple" options={roleOptions} loading={roles.isLoading} />
                  </Form.Item>
                  <Typography.Text strong>{t('gate.settings.deliverables')}</Typography.Text>
                  <Form.List name={[field.name, 'deliverables']}>
                    {(items, ops) => (
                      <div style={{ margin: '6px 0 12px' }}>
                        {items.map((d) => (
                          <Space key={d.key} align="start" wrap style={{ display: 'flex' }}>
                            <Form.Item
                              name={[d.name, 'key']}
                              rules={[
                                {
                                  required: true,
                                  pattern: /^[a-z][a-z0-9_]{1,59}$/,
                                  message: t('gate.settings.keyRule'),
                                },
                              ]}
                            >
                              <Input
                                placeholder={t('gate.settings.deliverableKey')}
                                aria-label={t('gate.settings.deliverableKey')}
                                style={{ width: 220 }}
                              />
                            </Form.Item>
                            <Form.Item
                              name={[d.name, 'label']}
                              rules={[{ required: true, whitespace: true }]}
                            >
                              <Input
                                placeholder={t('gate.settings.deliverableLabel')}
                                aria-label={t('gate.settings.deliverableLabel')}
                                style={{ width: 280 }}
                              />
                            </Form.Item>
                            <Form.Item name={[d.name, 'required']} valuePropName="checked" initialValue>
                              <Checkbox>{t('gate.settings.required')}</Checkbox>
                            </Form.Item>
                            <Button
                              type="text"
                              danger
                              icon={<DeleteOutlined />}
                              aria-label={t('common.delete')}
                              onClick={() => ops.remove(d.name)}
                            />
                          </Space>
                        ))}
                        <Button
                          size="small"
                          icon={<PlusOutlined />}
                          onClick={() => ops.add({ key: '', label: '', required: true })}
                        >
                          {t('gate.settings.addDeliverable')}
                        </Button>
                      </div>
                    )}
                  </Form.List>
                  <Typography.Text strong>{t('gate.settings.tasks')}</Typography.Text>
                  <Typography.Paragraph type="secondary" style={{ fontSize: 13, margin: 0 }}>
                    {t('gate.settings.tasksHelp')}
                  </Typography.Paragraph>
                  <Form.List name={[field.name, 'tasks']}>
                    {(items, ops) => (
                      <div style={{ margin: '6px 0 0' }}>
                        {items.map((d) => (
                          <Space key={d.key} align="start" wrap style={{ display: 'flex' }}>
                            <Form.Item
                              name={[d.name, 'title']}
                              rules={[{ required: true, whitespace: true }]}
                            >
                              <Input
                                placeholder={t('gate.settings.taskTitle')}
                                aria-label={t('gate.settings.taskTitle')}
                                style={{ width: 320 }}
                                maxLength={300}
                              />
                            </Form.Item>
                            <Form.Item name={[d.name, 'assignee']} rules={[{ required: true }]}>
                              <RecipientPicker
                                aria-label={t('gate.settings.assignee')}
                                style={{ width: 200 }}
                              />
                            </Form.Item>
                            <Form.Item name={[d.name, 'dueInDays']}>
                              <InputNumber
                                min={0}
                                max={3650}
                                placeholder={t('gate.settings.dueInDays')}
                                aria-label={t('gate.settings.dueInDays')}
                                style={{ width: 130 }}
                              />
                            </Form.Item>
                            <Form.Item name={[d.name, 'priority']} initialValue="normal">
                              <Select
                                aria-label={t('fields.priority')}
                                style={{ width: 110 }}
                                options={ticketPriorities.map((p) => ({
                                  value: p,
                                  label: t(`enums.priority.${p}`, { defaultValue: p }),
                                }))}
                              />
                            </Form.Item>
                            <Button
                              type="text"
                              danger
                              icon={<DeleteOutlined />}
                              aria-label={t('common.delete')}
                              onClick={() => ops.remove(d.name)}
                            />
                          </Space>
                        ))}
                        <Button
                          size="small"
                          icon={<PlusOutlined />}
                          onClick={() =>
                            ops.add({ title: '', assignee: { kind: 'owner' }, priority: 'normal' })
                          }
                        >
                          {t('gate.settings.addTask')}
                        </Button>
                      </div>
                    )}
                  </Form.List>
                </Card>
              ))}
              {editable && fields.length < opportunityStages.length && (
                <Button
                  icon={<PlusOutlined />}
                  style={{ marginBottom: 16 }}
                  onClick={() => {
                    const used = new Set((form.getFieldValue('stages') as PipelineStage[]).map((s) => s?.key))
                    add(blankStage(opportunityStages.find((s) => !used.has(s)) ?? 'discovery'))
                  }}
                >
                  {t('gate.settings.addStage')}
                </Button>
              )}
            </>
          )}
        </Form.List>
        <Form.Item
          name="lossReasons"
          label={t('gate.settings.lossReasons')}
          extra={t('gate.settings.reasonsHelp')}
        >
          <Select mode="tags" tokenSeparators={['\n']} open={false} />
        </Form.Item>
        <Form.Item name="winReasons" label={t('gate.settings.winReasons')}>
          <Select mode="tags" tokenSeparators={['\n']} open={false} />
        </Form.Item>
        {editable && (
          <Space>
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('common.save')}
            </Button>
            {selected === 'new' && (
              <Button onClick={() => setSelected(undefined)}>{t('common.cancel')}</Button>
            )}
          </Space>
        )}
      </Form>
    </div>
  )
}
