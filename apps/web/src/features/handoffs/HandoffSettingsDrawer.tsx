import { useEffect } from 'react'
import { Alert, App, Button, Drawer, Form, Input, InputNumber, Space, Typography } from 'antd'
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { ApiError } from '../../shared/api/client'
import { LoadingState } from '../../shared/ui/states'
import { useHandoffSettings, useSaveHandoffSettings, type HandoffSettings } from './handoffs.queries'

type Values = Pick<HandoffSettings, 'checklist' | 'dueHours' | 'validationDays'>

/** Administrators edit the checklist every new handoff starts with, and both deadlines. */
export function HandoffSettingsDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const settings = useHandoffSettings()
  const save = useSaveHandoffSettings()
  const [form] = Form.useForm<Values>()
  const s = settings.data

  useEffect(() => {
    if (s)
      form.setFieldsValue({ checklist: s.checklist, dueHours: s.dueHours, validationDays: s.validationDays })
  }, [s, form])

  const submit = async (v: Values) => {
    try {
      await save.mutateAsync({ ...v, version: s!.version })
      void message.success(t('handoffs.settings.saved'))
      onClose()
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        void message.warning(t('handoffs.settings.conflict'))
        void settings.refetch()
      } else if (e instanceof ApiError && e.errors.length) {
        form.setFields(
          e.errors.map((x) => ({
            name: x.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) as never,
            errors: [x.message],
          })),
        )
      } else void message.error(e instanceof Error ? e.message : String(e))
    }
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={t('handoffs.settings.title')}
      size={640}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {!s ? (
        <LoadingState />
      ) : (
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('handoffs.settings.help')} />
          <Space size="large" wrap>
            <Form.Item name="dueHours" label={t('handoffs.settings.dueHours')} rules={[{ required: true }]}>
              <InputNumber min={1} max={720} suffix={t('handoffs.settings.hours')} />
            </Form.Item>
            <Form.Item
              name="validationDays"
              label={t('handoffs.settings.validationDays')}
              rules={[{ required: true }]}
            >
              <InputNumber min={1} max={365} suffix={t('handoffs.settings.days')} />
            </Form.Item>
          </Space>
          <Typography.Title level={5}>{t('handoffs.checklist')}</Typography.Title>
          <Form.List name="checklist">
            {(items, { add, remove }) => (
              <>
                {items.map((item, i) => (
                  <Space key={item.key} align="start" style={{ display: 'flex' }}>
                    <Form.Item
                      name={[item.name, 'label']}
                      rules={[{ required: true, message: t('handoffs.settings.labelRequired') }]}
                      style={{ width: 340 }}
                    >
                      <Input aria-label={t('handoffs.settings.itemLabel', { n: i + 1 })} maxLength={200} />
                    </Form.Item>
                    <Form.Item
                      name={[item.name, 'key']}
                      rules={[
                        { required: true, message: t('handoffs.settings.keyRequired') },
                        { pattern: /^[a-z][a-z0-9_]{0,59}$/, message: t('handoffs.settings.keyPattern') },
                      ]}
                      style={{ width: 180 }}
                    >
                      <Input aria-label={t('handoffs.settings.itemKey', { n: i + 1 })} />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('handoffs.settings.remove', { n: i + 1 })}
                      onClick={() => remove(item.name)}
                      disabled={items.length <= 1}
                    />
                  </Space>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ key: '', label: '' })}
                  disabled={items.length >= 30}
                >
                  {t('handoffs.settings.add')}
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      )}
    </Drawer>
  )
}
