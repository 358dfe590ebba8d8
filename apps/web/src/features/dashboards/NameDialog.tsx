import { useEffect } from 'react'
import { Form, Input, Modal } from 'antd'
import { useTranslation } from 'react-i18next'

/** A one-field dialog for a name (the dashboard's, or a widget's title). */
export function NameDialog({
  open,
  title,
  label,
  initial,
  placeholder,
  required,
  saving,
  onSave,
  onClose,
}: {
  open: boolean
  title: string
  label: string
  initial: string
  placeholder?: string
  required?: boolean
  saving: boolean
  onSave: (v: string) => void
  onClose: () => void
}) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ name: string }>()
  useEffect(() => {
    if (open) form.setFieldsValue({ name: initial })
  }, [open, initial, form])
  return (
    <Modal
      open={open}
      title={title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => onSave(v.name?.trim() ?? '')}>
        <Form.Item
          name="name"
          label={label}
          rules={
            required ? [{ required: true, whitespace: true, message: t('dashboards.nameRequired') }] : []
          }
        >
          <Input maxLength={required ? 200 : 100} placeholder={placeholder} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  )
}
