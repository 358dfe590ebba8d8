import { App, DatePicker, Form, Input, InputNumber, Modal, Radio } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import type { ValueReport } from './lifecycle.queries'
import { useSaveKpi } from './value-kpi.queries'

type Kpi = ValueReport['figures']['kpis'][number]
type Values = {
  name: string
  unit?: string
  before: number
  after: number
  betterWhen: 'higher' | 'lower'
  measuredOn?: Dayjs | null
  note?: string
}

/** Add or change one of the customer's before/after KPIs (the server validates it again). */
export function ValueKpiForm({
  accountId,
  kpi,
  onClose,
}: {
  accountId: string
  kpi: Kpi | null
  onClose: () => void
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const { save } = useSaveKpi(accountId)
  const required = [{ required: true, message: t('valueOutcomes.required') }]
  return (
    <Modal
      open
      title={kpi ? kpi.name : t('valueOutcomes.add')}
      okText={t('valueOutcomes.save')}
      cancelText={t('valueOutcomes.cancel')}
      confirmLoading={save.isPending}
      onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields()
        try {
          await save.mutateAsync({
            id: kpi?.id,
            name: v.name,
            unit: v.unit || null,
            before: v.before,
            after: v.after,
            betterWhen: v.betterWhen,
            measuredOn: v.measuredOn ? v.measuredOn.format('YYYY-MM-DD') : null,
            note: v.note || null,
          })
          void message.success(t('valueOutcomes.saved'))
          onClose()
        } catch (e) {
          void message.error(t('valueOutcomes.failed', { reason: (e as Error).message }))
        }
      }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          kpi
            ? {
                ...kpi,
                unit: kpi.unit ?? undefined,
                note: kpi.note ?? undefined,
                measuredOn: kpi.measuredOn ? dayjs(kpi.measuredOn) : null,
              }
            : { betterWhen: 'lower' }
        }
      >
        <Form.Item name="name" label={t('valueOutcomes.kpiName')} rules={required}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="unit" label={t('valueOutcomes.unit')}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="before" label={t('valueOutcomes.before')} rules={required}>
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="after" label={t('valueOutcomes.now')} rules={required}>
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="betterWhen" label={t('valueOutcomes.betterWhen')} rules={required}>
          <Radio.Group>
            <Radio value="lower">{t('valueOutcomes.lower')}</Radio>
            <Radio value="higher">{t('valueOutcomes.higher')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="measuredOn" label={t('valueOutcomes.measuredOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="note" label={t('valueOutcomes.note')}>
          <Input.TextArea maxLength={1000} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
