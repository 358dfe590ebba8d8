import { useState } from 'react'
import { App, Button, DatePicker, Form, Input, Modal, Select, Space } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useTranslation } from 'react-i18next'
import { showUndo } from '../../shared/ui/undo'
import { useAlertAction, useAlertSettings, type Alert } from './alerts.queries'

/**
 * The actions an alert allows in its status: acknowledge (with undo), snooze until a date, resolve with
 * an outcome and a note (a dialog), reopen. Impossible ones are not offered; the server refuses them too.
 */
export function AlertActions({ alert, size = 'small' }: { alert: Alert; size?: 'small' | 'middle' }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const act = useAlertAction()
  const settings = useAlertSettings()
  const [dialog, setDialog] = useState<'snooze' | 'resolve' | null>(null)
  const [form] = Form.useForm()

  const run = async (
    action: 'acknowledge' | 'snooze' | 'resolve' | 'reopen',
    body?: Record<string, unknown>,
    undo = true,
  ) => {
    try {
      await act.mutateAsync({ id: alert.id, action, body })
      const done = t(
        `alerts.${action === 'acknowledge' ? 'acknowledged' : action === 'snooze' ? 'snoozed' : action === 'resolve' ? 'resolved' : 'reopened'}`,
      )
      if (undo && action !== 'reopen')
        showUndo(message, done, t('common.undo'), () =>
          act
            .mutateAsync({ id: alert.id, action: 'reopen' })
            .catch((e: Error) => message.error(t('alerts.failed', { reason: e.message }))),
        )
      else void message.success(done)
      return true
    } catch (e) {
      void message.error(t('alerts.failed', { reason: (e as Error).message }))
      return false
    }
  }

  const resolved = alert.status === 'resolved'
  return (
    <>
      <Space size={4} wrap>
        {alert.status === 'open' && (
          <Button size={size} onClick={() => void run('acknowledge')} loading={act.isPending}>
            {t('alerts.acknowledge')}
          </Button>
        )}
        {!resolved && (
          <Button
            size={size}
            onClick={() => {
              form.resetFields()
              setDialog('snooze')
            }}
          >
            {t('alerts.snooze')}
          </Button>
        )}
        {!resolved && (
          <Button
            size={size}
            type="primary"
            onClick={() => {
              form.resetFields()
              setDialog('resolve')
            }}
          >
            {t('alerts.resolve')}
          </Button>
        )}
        {alert.status !== 'open' && (
          <Button size={size} type="link" onClick={() => void run('reopen', undefined, false)}>
            {t('alerts.reopen')}
          </Button>
        )}
      </Space>
      <Modal
        open={dialog !== null}
        title={dialog === 'snooze' ? t('alerts.snoozeTitle') : t('alerts.resolveTitle')}
        okText={dialog === 'snooze' ? t('alerts.snooze') : t('alerts.resolve')}
        cancelText={t('common.cancel')}
        confirmLoading={act.isPending}
        onCancel={() => setDialog(null)}
        onOk={async () => {
          const v = await form.validateFields()
          const ok =
            dialog === 'snooze'
              ? await run('snooze', {
                  until: (v.until as Dayjs).toDate().toISOString(),
                  ...(v.note ? { note: v.note } : {}),
                })
              : await run('resolve', { outcome: v.outcome, ...(v.note ? { note: v.note } : {}) })
          if (ok) setDialog(null)
        }}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {dialog === 'snooze' ? (
            <>
              <Form.Item
                name="until"
                label={t('alerts.snoozeTitle')}
                initialValue={dayjs().add(7, 'day').startOf('day').add(9, 'hour')}
                rules={[
                  { required: true, message: t('alerts.required') },
                  {
                    validator: (_, d: Dayjs | null) =>
                      !d || d.isAfter(dayjs())
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('alerts.mustBeFuture'))),
                  },
                ]}
              >
                <DatePicker
                  showTime
                  disabledDate={(d) => d.isBefore(dayjs(), 'day')}
                  style={{ width: '100%' }}
                />
              </Form.Item>
              <Form.Item name="note" label={t('alerts.snoozeNote')}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </>
          ) : (
            <>
              <Form.Item
                name="outcome"
                label={t('alerts.outcome')}
                rules={[{ required: true, message: t('alerts.required') }]}
              >
                <Select
                  loading={settings.isLoading}
                  options={(settings.data?.outcomes ?? []).map((o) => ({
                    value: o.key,
                    label: t(`alerts.outcomes.${o.key}`, { defaultValue: o.label }),
                  }))}
                />
              </Form.Item>
              <Form.Item name="note" label={t('alerts.note')}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </>
  )
}
