import { useEffect, useState } from 'react'
import { Alert, App, Button, Form, Input, Select, Space, Switch, Typography, type FormInstance } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { opportunityStages, type PipelineStage } from '@openkam/contract'
import { useTranslation } from 'react-i18next'
import { can, useAuth } from '../../app/auth'
import { ApiError } from '../../shared/api/client'
import { ErrorState } from '../../shared/ui/states'
import { useRoles } from '../settings/UsersTab'
import { pipelineKeys, savePipeline, usePipelines, type Pipeline } from './pipeline.queries'
import { StageEditor } from './StageEditor'

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
                <StageEditor
                  key={field.key}
                  name={field.name}
                  index={i}
                  count={fields.length}
                  editable={editable}
                  roleOptions={roleOptions}
                  onMove={(to: number) => move(i, to)}
                  onRemove={() => remove(i)}
                />
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
