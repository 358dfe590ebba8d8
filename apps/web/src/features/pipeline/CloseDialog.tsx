import { useState } from 'react'
import { Alert, App, Form, Input, Modal, Radio, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import type { Opportunity } from '../reports/data'
import { closeOpportunity, type Pipeline } from './pipeline.queries'

type Values = { outcome: 'won' | 'lost'; reason: string; note?: string }

/** Wins or loses a deal with one of its pipeline's reasons (required) and an optional note. */
export function CloseDialog({
  opp,
  outcome,
  pipeline,
  onClosed,
  onCancel,
}: {
  opp: Opportunity
  outcome: 'won' | 'lost'
  pipeline: Pipeline | undefined
  onClosed: (updated: Opportunity) => void
  onCancel: () => void
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const chosen = Form.useWatch('outcome', form) ?? outcome
  const [saving, setSaving] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const reasons = (chosen === 'won' ? pipeline?.winReasons : pipeline?.lossReasons) ?? []

  const submit = async (v: Values) => {
    setSaving(true)
    setError(null)
    try {
      const updated = await closeOpportunity(opp.id, {
        outcome: v.outcome,
        reason: v.reason,
        note: v.note?.trim() || undefined,
      })
      void message.success(
        t(v.outcome === 'won' ? 'gate.close.doneWon' : 'gate.close.doneLost', { name: opp.name }),
      )
      onClosed(updated)
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Modal
      open
      title={t(chosen === 'won' ? 'gate.close.wonTitle' : 'gate.close.lostTitle', { name: opp.name })}
      okText={t('gate.close.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onCancel}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ outcome }}
        onFinish={(v) => void submit(v)}
        onValuesChange={(changed: Partial<Values>) =>
          changed.outcome && form.setFieldValue('reason', undefined)
        }
      >
        <Form.Item name="outcome" label={t('gate.close.outcome')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'won', label: t('gate.close.won') },
              { value: 'lost', label: t('gate.close.lost') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('gate.close.reason')}
          rules={[{ required: true, whitespace: true, message: t('gate.close.reasonRequired') }]}
        >
          {reasons.length ? (
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('gate.close.reasonPlaceholder')}
              options={reasons.map((r) => ({ value: r, label: r }))}
            />
          ) : (
            <Input maxLength={200} placeholder={t('gate.close.reasonPlaceholder')} />
          )}
        </Form.Item>
        <Form.Item name="note" label={t('gate.close.note')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
