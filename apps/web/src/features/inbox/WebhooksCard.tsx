import { useState } from 'react'
import { App, Button, Card, Popconfirm, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd'
import { DeleteOutlined, LockOutlined, PlusOutlined, SendOutlined, UnlockOutlined } from '@ant-design/icons'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { del, patch, post } from '../../shared/api/client'
import { ErrorState } from '../../shared/ui/states'
import { channelKeys, useChannelWebhooks, type DeliveryTestResult, type Webhook } from './channels.queries'
import { shortUrl } from './inbox-items'
import { kindTones, toneStyle } from './tag-styles'
import { WebhookDrawer } from './WebhookDrawer'

const MAX_EVENTS = 3

/** Group robots and webhook endpoints: add, edit, switch on or off, test, delete. */
export function WebhooksCard() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const [editing, setEditing] = useState<Webhook | 'new' | null>(null)
  const [results, setResults] = useState<Record<string, DeliveryTestResult>>({})
  const hooks = useChannelWebhooks()
  const refresh = () => void qc.invalidateQueries({ queryKey: channelKeys.webhooks })

  const toggle = useMutation({
    mutationFn: (w: Webhook) =>
      patch<Webhook>(`/webhooks/${w.id}`, { version: w.version, enabled: !w.enabled }),
    onError: (e) => void message.error(e.message),
    onSettled: refresh,
  })
  const remove = useMutation({
    mutationFn: (w: Webhook) => del(`/webhooks/${w.id}`),
    onSuccess: (_r, w) => void message.success(t('channels.robotDeleted', { name: w.name })),
    onError: (e) => void message.error(e.message),
    onSettled: refresh,
  })
  const test = useMutation({
    mutationFn: (w: Webhook) => post<DeliveryTestResult>(`/webhooks/${w.id}/test`),
    onSuccess: (r, w) => {
      setResults((x) => ({ ...x, [w.id]: r }))
      if (r.ok) void message.success(t('channels.testDelivered', { name: w.name }))
      else void message.error(t('channels.testFailedOf', { name: w.name, reason: r.error ?? r.status ?? '' }))
    },
    onError: (e) => void message.error(e.message),
  })

  const resultTag = (r: DeliveryTestResult | undefined) =>
    r && (
      <Tooltip title={r.error}>
        <Tag style={toneStyle(r.ok ? 'green' : 'red')} className="num">
          {r.ok ? t('channels.testOk') : t('channels.testFailed')}
          {r.status ? ` · HTTP ${r.status}` : ''}
          {r.durationMs !== undefined ? ` · ${r.durationMs} ms` : ''}
        </Tag>
      </Tooltip>
    )

  return (
    <Card
      title={t('channels.robotsTitle')}
      style={{ marginBottom: 16 }}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('channels.newRobot')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('channels.robotsHelp')}</Typography.Paragraph>
      {hooks.isError ? (
        <ErrorState error={hooks.error} onRetry={() => void hooks.refetch()} />
      ) : (
        <Table<Webhook>
          rowKey="id"
          size="middle"
          loading={hooks.isLoading}
          dataSource={hooks.data?.data ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('channels.noRobots') }}
          columns={[
            {
              title: t('channels.robotName'),
              dataIndex: 'name',
              width: 200,
              render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
            },
            {
              title: t('channels.robotKind'),
              dataIndex: 'kind',
              width: 110,
              render: (v: string) => (
                <Tag style={toneStyle(kindTones[v])}>{t(`channels.kind.${v}`, { defaultValue: v })}</Tag>
              ),
            },
            {
              title: t('channels.url'),
              dataIndex: 'url',
              render: (v: string) => (
                <Tooltip title={v}>
                  <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
                    {shortUrl(v)}
                  </Typography.Text>
                </Tooltip>
              ),
            },
            {
              title: t('channels.events'),
              dataIndex: 'events',
              render: (_: unknown, w: Webhook) =>
                w.kind !== 'webhook' || !w.events.length ? (
                  '—'
                ) : (
                  <>
                    {w.events.slice(0, MAX_EVENTS).map((e) => (
                      <Tag key={e}>{e}</Tag>
                    ))}
                    {w.events.length > MAX_EVENTS && (
                      <Tooltip title={w.events.slice(MAX_EVENTS).join(', ')}>
                        <Tag>+{w.events.length - MAX_EVENTS}</Tag>
                      </Tooltip>
                    )}
                  </>
                ),
            },
            {
              title: t('channels.fieldAccessColumn'),
              dataIndex: 'fieldAccessRole',
              render: (role: string | null) =>
                role ? (
                  <Tag>{t(`enums.role.${role}`, { defaultValue: role })}</Tag>
                ) : (
                  <Tooltip title={t('channels.fieldAccessStrictest')}>
                    <Typography.Text type="secondary">{t('channels.fieldAccessNone')}</Typography.Text>
                  </Tooltip>
                ),
            },
            {
              title: t('channels.secret'),
              dataIndex: 'hasSecret',
              width: 90,
              render: (v: boolean) =>
                v ? (
                  <Tooltip title={t('channels.secretSet')}>
                    <LockOutlined aria-label={t('channels.secretSet')} style={{ color: '#389e0d' }} />
                  </Tooltip>
                ) : (
                  <Tooltip title={t('channels.noSecret')}>
                    <UnlockOutlined aria-label={t('channels.noSecret')} style={{ color: '#8c8c8c' }} />
                  </Tooltip>
                ),
            },
            {
              title: t('channels.enabled'),
              dataIndex: 'enabled',
              width: 90,
              render: (_: unknown, w: Webhook) => (
                <Switch
                  size="small"
                  checked={w.enabled}
                  loading={toggle.isPending && toggle.variables?.id === w.id}
                  aria-label={t('channels.enableRobot', { name: w.name })}
                  onChange={() => toggle.mutate(w)}
                />
              ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 280,
              render: (_: unknown, w: Webhook) => (
                <Space wrap size={4}>
                  <Button
                    size="small"
                    icon={<SendOutlined />}
                    loading={test.isPending && test.variables?.id === w.id}
                    onClick={() => test.mutate(w)}
                    aria-label={`${t('channels.test')} ${w.name}`}
                  >
                    {t('channels.test')}
                  </Button>
                  <Button
                    size="small"
                    autoInsertSpace={false}
                    onClick={() => setEditing(w)}
                    aria-label={`${t('common.edit')} ${w.name}`}
                  >
                    {t('common.edit')}
                  </Button>
                  <Popconfirm
                    title={t('channels.deleteConfirm', { name: w.name })}
                    description={t('channels.deleteHelp')}
                    okText={t('common.delete')}
                    cancelText={t('common.cancel')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => remove.mutateAsync(w)}
                  >
                    <Button
                      size="small"
                      icon={<DeleteOutlined />}
                      aria-label={`${t('common.delete')} ${w.name}`}
                    >
                      {t('common.delete')}
                    </Button>
                  </Popconfirm>
                  {resultTag(results[w.id])}
                </Space>
              ),
            },
          ]}
        />
      )}
      {editing && (
        <WebhookDrawer
          key={editing === 'new' ? 'new' : editing.id}
          webhook={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Card>
  )
}
