import { App, Alert, Button, Form, List, Modal, Popconfirm, Select, Space, Switch, Typography } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { subscriptionChannels, subscriptionFrequencies } from '@openkam/contract'
import { EmptyState, LoadingState } from '../../shared/ui/states'
import {
  useSubscriptionMutations,
  useSubscriptions,
  type DashboardSubscription,
  type SubscriptionInput,
} from './dashboards.queries'

const reason = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** Subscribing to a dashboard: channel, frequency and hour; the person's subscriptions to it, send now, delete. */
export function SubscriptionsDialog({
  open,
  dashboardId,
  name,
  onClose,
}: {
  open: boolean
  dashboardId: string
  name: string
  onClose: () => void
}) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<SubscriptionInput>()
  const subs = useSubscriptions(dashboardId, open)
  const m = useSubscriptionMutations(dashboardId)
  const channelName = (s: DashboardSubscription) => t(`dashboards.subscribe.channels.${s.channel}`)
  const describe = (s: DashboardSubscription) =>
    `${t(`dashboards.subscribe.frequencies.${s.frequency}`)} · ${t('dashboards.subscribe.hourValue', {
      hour: String(s.hour).padStart(2, '0'),
    })}`
  return (
    <Modal
      open={open}
      title={t('dashboards.subscribe.title', { name })}
      footer={<Button onClick={onClose}>{t('common.close')}</Button>}
      onCancel={onClose}
      width={560}
    >
      <Typography.Paragraph type="secondary">{t('dashboards.subscribe.intro')}</Typography.Paragraph>
      <Form<SubscriptionInput>
        form={form}
        layout="inline"
        initialValues={{ channel: 'email', frequency: 'weekly', hour: 8 }}
        onFinish={(v) =>
          m.create.mutate(v, {
            onSuccess: () => void message.success(t('dashboards.subscribe.added')),
          })
        }
        style={{ rowGap: 8, marginBottom: 8 }}
      >
        <Form.Item name="channel" label={t('dashboards.subscribe.channel')}>
          <Select
            style={{ width: 120 }}
            options={subscriptionChannels.map((c) => ({
              value: c,
              label: t(`dashboards.subscribe.channels.${c}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="frequency" label={t('dashboards.subscribe.frequency')}>
          <Select
            style={{ width: 170 }}
            options={subscriptionFrequencies.map((f) => ({
              value: f,
              label: t(`dashboards.subscribe.frequencies.${f}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="hour" label={t('dashboards.subscribe.hour')}>
          <Select
            style={{ width: 90 }}
            options={Array.from({ length: 24 }, (_, h) => ({
              value: h,
              label: t('dashboards.subscribe.hourValue', { hour: String(h).padStart(2, '0') }),
            }))}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={m.create.isPending}>
            {t('dashboards.subscribe.add')}
          </Button>
        </Form.Item>
      </Form>
      {m.create.isError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={reason(m.create.error)}
          style={{ marginBottom: 8 }}
        />
      )}
      <Typography.Title level={3} style={{ fontSize: 14, marginTop: 16 }}>
        {t('dashboards.subscribe.mine')}
      </Typography.Title>
      {subs.isLoading ? (
        <LoadingState rows={2} />
      ) : subs.isError ? (
        <Alert type="error" showIcon title={reason(subs.error)} />
      ) : !subs.data?.length ? (
        <EmptyState description={t('dashboards.subscribe.none')} />
      ) : (
        <List
          size="small"
          dataSource={subs.data}
          renderItem={(s) => (
            <List.Item
              actions={[
                <Switch
                  key="on"
                  size="small"
                  checked={s.enabled}
                  loading={m.toggle.isPending && m.toggle.variables?.id === s.id}
                  aria-label={t('dashboards.subscribe.toggleNamed', { channel: channelName(s) })}
                  onChange={() => m.toggle.mutate(s, { onError: (e) => void message.error(reason(e)) })}
                />,
                <Button
                  key="send"
                  size="small"
                  loading={m.send.isPending && m.send.variables?.id === s.id}
                  aria-label={t('dashboards.subscribe.sendNamed', { channel: channelName(s) })}
                  onClick={() =>
                    m.send.mutate(s, {
                      onSuccess: (out) => {
                        // The channel may not be set up (no SMTP server, no robot): say why nothing went.
                        const problems = out.deliveries.filter(
                          (d) => d.error || d.status === 'failed' || d.status === 'skipped',
                        )
                        if (problems.length)
                          void message.warning(
                            t('dashboards.subscribe.notSent', {
                              reason: problems.map((d) => d.error ?? d.status).join('; '),
                            }),
                            8,
                          )
                        else void message.success(t('dashboards.subscribe.sent'))
                      },
                      onError: (e) => void message.error(reason(e)),
                    })
                  }
                >
                  {t('dashboards.subscribe.sendNow')}
                </Button>,
                <Popconfirm
                  key="del"
                  title={t('dashboards.subscribe.removeConfirm')}
                  okText={t('common.delete')}
                  cancelText={t('common.cancel')}
                  onConfirm={() =>
                    m.remove.mutateAsync(s).then(
                      () => void message.success(t('dashboards.subscribe.removed')),
                      (e) => void message.error(reason(e)),
                    )
                  }
                >
                  <Button
                    size="small"
                    danger
                    aria-label={t('dashboards.subscribe.removeNamed', { channel: channelName(s) })}
                  >
                    {t('dashboards.subscribe.remove')}
                  </Button>
                </Popconfirm>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space size={6}>
                    {channelName(s)}
                    <Typography.Text type="secondary">{describe(s)}</Typography.Text>
                  </Space>
                }
                description={
                  s.lastSentAt
                    ? t('dashboards.subscribe.lastSent', {
                        time: dayjs(s.lastSentAt).format('YYYY-MM-DD HH:mm'),
                      })
                    : t('dashboards.subscribe.neverSent')
                }
              />
            </List.Item>
          )}
        />
      )}
    </Modal>
  )
}
