import { useMemo, useState } from 'react'
import {
  Alert,
  App,
  Button,
  Divider,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Typography,
} from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import type { ApprovalFlow, ObjectField } from '@openkam/contract'
import { ApiError } from '../../shared/api/client'
import { ConditionsSection } from '../automation/ConditionsSection'
import { entityOfObject, flowBody, flowDraft, move, newFlow, newStep, type FlowDraft } from './flow-draft'
import { FlowPreview } from './FlowPreview'
import { StepEditor } from './StepEditor'
import { useObjectsWithFields, useSaveFlow } from './approvals.queries'

/** A field's path in a flow: `custom.<key>` for custom fields, its key otherwise. */
const pathOf = (f: ObjectField) => (f.custom ? `custom.${f.key}` : f.key)

/**
 * The flow designer: name, object, entry condition, ordered steps (approvers, mode, condition, deadline),
 * the fields locked while pending and the status field's values; and, once saved, a preview of who
 * would approve a record.
 */
export function FlowDesigner({
  flow,
  open,
  onClose,
}: {
  flow: ApprovalFlow | null
  open: boolean
  onClose: () => void
}) {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const [draft, setDraft] = useState<FlowDraft>(() => (flow ? flowDraft(flow) : newFlow()))
  const [errors, setErrors] = useState<{ path: string; message: string }[]>([])
  const [problem, setProblem] = useState<string | null>(null)
  const objects = useObjectsWithFields(i18n.language)
  const save = useSaveFlow()
  const set = (patch: Partial<FlowDraft>) => setDraft((d) => ({ ...d, ...patch }))
  const object = objects.data?.data.find((o) => o.key === draft.object)
  const fields = object?.fields ?? []
  const statusFields = fields.filter((f) => (f.options?.length ?? 0) > 0)
  const outcomeField = statusFields.find((f) => draft.outcome && pathOf(f) === draft.outcome.field)
  const entity = entityOfObject(draft.object)
  const errorAt = (path: string) =>
    errors.filter((e) => e.path === path || e.path.startsWith(`${path}.`)).map((e) => e.message)
  const itemProps = (path: string) => {
    const list = errorAt(path)
    return list.length ? { validateStatus: 'error' as const, help: list.join('; ') } : {}
  }
  const valueOptions = useMemo(
    () => (outcomeField?.options ?? []).map((o) => ({ value: o.value, label: o.label })),
    [outcomeField],
  )

  const submit = async () => {
    setErrors([])
    setProblem(null)
    try {
      await save.mutateAsync({ id: flow?.id, version: flow?.version, body: flowBody(draft) as never })
      void message.success(flow ? t('common.saved') : t('common.created'))
      onClose()
    } catch (e) {
      if (e instanceof ApiError) {
        setErrors(e.errors)
        setProblem(
          e.errors.length
            ? `${e.message} (${e.errors.map((x) => `${x.path}: ${x.message}`).join('; ')})`
            : e.message,
        )
      } else setProblem((e as Error).message)
    }
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={880}
      destroyOnHidden
      title={flow ? t('approvals.designer.editTitle', { name: flow.name }) : t('approvals.designer.newTitle')}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => void submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 16 }} />}
      <Form layout="vertical" onFinish={() => void submit()}>
        <Space wrap align="start">
          <Form.Item label={t('approvals.designer.name')} htmlFor="flow-name" required {...itemProps('name')}>
            <Input
              id="flow-name"
              style={{ width: 320 }}
              value={draft.name}
              maxLength={200}
              onChange={(e) => set({ name: e.target.value })}
            />
          </Form.Item>
          <Form.Item
            label={t('approvals.designer.object')}
            htmlFor="flow-object"
            required
            {...itemProps('object')}
          >
            <Select
              id="flow-object"
              style={{ width: 240 }}
              loading={objects.isLoading}
              disabled={!!flow}
              value={draft.object}
              showSearch={{ optionFilterProp: 'label' }}
              onChange={(o) =>
                set({
                  object: o,
                  condition: { mode: 'all', items: [] },
                  lockedFields: [],
                  outcome: null,
                  steps: draft.steps.map((s) => ({ ...s, condition: { mode: 'all', items: [] } })),
                })
              }
              options={(objects.data?.data ?? []).map((o) => ({ value: o.key, label: o.pluralLabel }))}
            />
          </Form.Item>
          <Form.Item label={t('approvals.designer.enabled')} htmlFor="flow-enabled">
            <Switch id="flow-enabled" checked={draft.enabled} onChange={(enabled) => set({ enabled })} />
          </Form.Item>
          <Form.Item
            label={t('approvals.designer.priority')}
            htmlFor="flow-priority"
            tooltip={t('approvals.designer.priorityHelp')}
            {...itemProps('priority')}
          >
            <InputNumber
              id="flow-priority"
              min={0}
              max={1000}
              value={draft.priority}
              onChange={(p) => set({ priority: p ?? 100 })}
            />
          </Form.Item>
        </Space>
        <Form.Item label={t('approvals.designer.description')} htmlFor="flow-description">
          <Input.TextArea
            id="flow-description"
            rows={2}
            maxLength={2000}
            value={draft.description}
            onChange={(e) => set({ description: e.target.value })}
          />
        </Form.Item>
        <Divider titlePlacement="start">{t('approvals.designer.entry')}</Divider>
        <Typography.Paragraph type="secondary">{t('approvals.designer.entryHelp')}</Typography.Paragraph>
        {errorAt('condition').length > 0 && (
          <Typography.Text type="danger">{errorAt('condition').join('; ')}</Typography.Text>
        )}
        <ConditionsSection
          key={draft.object}
          group={draft.condition}
          onChange={(condition) => set({ condition })}
          entity={entity}
          withBefore={false}
          path="approval-entry"
        />
        <Divider titlePlacement="start">{t('approvals.designer.steps')}</Divider>
        {errorAt('steps').length > 0 && (
          <Alert type="error" showIcon title={errorAt('steps').join('; ')} style={{ marginBottom: 12 }} />
        )}
        {draft.steps.map((s, i) => (
          <StepEditor
            key={s.key}
            step={s}
            index={i}
            count={draft.steps.length}
            entity={entity}
            onChange={(x) => set({ steps: draft.steps.map((y, j) => (j === i ? x : y)) })}
            onMove={(by) => set({ steps: move(draft.steps, i, by) })}
            onRemove={() => set({ steps: draft.steps.filter((_, j) => j !== i) })}
          />
        ))}
        <Button
          icon={<PlusOutlined />}
          onClick={() => set({ steps: [...draft.steps, newStep()] })}
          disabled={draft.steps.length >= 10}
        >
          {t('approvals.designer.addStep')}
        </Button>
        <Divider titlePlacement="start">{t('approvals.designer.locking')}</Divider>
        <Form.Item
          label={t('approvals.designer.lockedFields')}
          htmlFor="flow-locked"
          extra={t('approvals.designer.lockedHelp')}
          {...itemProps('lockedFields')}
        >
          <Select
            id="flow-locked"
            mode="multiple"
            allowClear
            value={draft.lockedFields}
            onChange={(lockedFields) => set({ lockedFields })}
            optionFilterProp="label"
            options={fields.map((f) => ({ value: pathOf(f), label: f.label }))}
          />
        </Form.Item>
        <Form.Item
          label={t('approvals.designer.outcomeField')}
          htmlFor="flow-outcome"
          extra={t('approvals.designer.outcomeHelp')}
          {...itemProps('outcome')}
        >
          <Select
            id="flow-outcome"
            allowClear
            style={{ width: 280 }}
            placeholder={t('approvals.designer.noOutcome')}
            value={draft.outcome?.field}
            onChange={(field?: string) => {
              if (!field) return set({ outcome: null })
              const opts = statusFields.find((f) => pathOf(f) === field)?.options ?? []
              const first = opts[0]?.value ?? ''
              set({ outcome: { field, pending: first, approved: first, rejected: first } })
            }}
            options={statusFields.map((f) => ({ value: pathOf(f), label: f.label }))}
          />
        </Form.Item>
        {draft.outcome && (
          <Space wrap>
            {(['pending', 'approved', 'rejected'] as const).map((k) => (
              <Form.Item key={k} label={t(`approvals.designer.outcome.${k}`)} htmlFor={`flow-outcome-${k}`}>
                <Select
                  id={`flow-outcome-${k}`}
                  style={{ width: 200 }}
                  value={draft.outcome?.[k]}
                  onChange={(v) => set({ outcome: { ...draft.outcome!, [k]: v } })}
                  options={valueOptions}
                />
              </Form.Item>
            ))}
          </Space>
        )}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
      <Divider titlePlacement="start">{t('approvals.designer.preview')}</Divider>
      {flow ? (
        <FlowPreview flowId={flow.id} object={flow.object ?? draft.object} />
      ) : (
        <Typography.Paragraph type="secondary">
          {t('approvals.designer.previewAfterSave')}
        </Typography.Paragraph>
      )}
    </Drawer>
  )
}
