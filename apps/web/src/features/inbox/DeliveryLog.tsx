import { useMemo, useState } from 'react'
import { Button, Card, Select, Table, Tag, Tooltip, Typography } from 'antd'
import { ReloadOutlined } from '@ant-design/icons'
import { deliveryChannels, deliveryStatuses } from '@openkam/contract'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { useUsers } from '../../shared/api/lookups'
import { ErrorState } from '../../shared/ui/states'
import { useChannelWebhooks, useDeliveries, type DeliveryFilter } from './channels.queries'
import type { Notification } from './inbox.queries'
import { channelTones, dangerText, statusTones, toneStyle } from './tag-styles'

/** Every delivery of the workspace on every channel, with its status, attempts and error (administrators). */
export function DeliveryLog() {
  const { t } = useTranslation()
  const [filter, setFilter] = useState<DeliveryFilter>({})
  const log = useDeliveries(filter)
  const users = useUsers()
  const hooks = useChannelWebhooks()
  const names = useMemo<Record<string, string>>(
    () => ({
      ...Object.fromEntries((users.data?.data ?? []).map((u) => [u.id, u.name])),
      ...Object.fromEntries((hooks.data?.data ?? []).map((w) => [w.id, w.name])),
    }),
    [users.data, hooks.data],
  )
  const rows = log.data?.pages.flatMap((p) => p.data) ?? []

  const recipient = (n: Notification) => {
    if (n.userId) return names[n.userId] ?? '…'
    if (n.role) return t('channels.toRole', { role: t(`enums.role.${n.role}`, { defaultValue: n.role }) })
    if (n.webhookId) return names[n.webhookId] ?? '…'
    return '—'
  }

  return (
    <Card
      title={t('channels.deliveryLog')}
      extra={
        <Button
          icon={<ReloadOutlined />}
          loading={log.isFetching && !log.isFetchingNextPage}
          onClick={() => void log.refetch()}
        >
          {t('common.refresh')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('channels.deliveryLogHelp')}</Typography.Paragraph>
      <div className="toolbar">
        <Select
          allowClear
          aria-label={t('channels.status')}
          placeholder={t('channels.allStatuses')}
          style={{ width: 180 }}
          value={filter.status}
          onChange={(v?: string) => setFilter((f) => ({ ...f, status: v }))}
          options={deliveryStatuses.map((s) => ({ value: s, label: t(`channels.statuses.${s}`) }))}
        />
        <Select
          allowClear
          aria-label={t('channels.channelLabel')}
          placeholder={t('channels.allChannels')}
          style={{ width: 180 }}
          value={filter.channel}
          onChange={(v?: string) => setFilter((f) => ({ ...f, channel: v }))}
          options={deliveryChannels.map((c) => ({ value: c, label: t(`channels.channel.${c}`) }))}
        />
      </div>
      {log.isError && !rows.length ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : (
        <Table<Notification>
          rowKey="id"
          size="small"
          loading={log.isLoading}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 980 }}
          locale={{ emptyText: t('channels.noDeliveries') }}
          columns={[
            {
              title: t('channels.time'),
              dataIndex: 'createdAt',
              width: 150,
              render: (v: string, n) => (
                <span
                  className="num"
                  style={{ whiteSpace: 'nowrap' }}
                  title={
                    n.sentAt
                      ? t('channels.sentAt', { at: dayjs(n.sentAt).format('YYYY-MM-DD HH:mm:ss') })
                      : undefined
                  }
                >
                  {dayjs(v).format('YYYY-MM-DD HH:mm')}
                </span>
              ),
            },
            {
              title: t('channels.channelLabel'),
              dataIndex: 'channel',
              width: 110,
              render: (v: string) => (
                <Tag style={toneStyle(channelTones[v])}>
                  {t(`channels.channel.${v}`, { defaultValue: v })}
                </Tag>
              ),
            },
            { title: t('channels.recipient'), key: 'recipient', width: 150, render: (_, n) => recipient(n) },
            {
              title: t('channels.subject'),
              dataIndex: 'subject',
              render: (v: string) => (
                <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 280 }}>
                  {v}
                </Typography.Text>
              ),
            },
            {
              title: t('channels.status'),
              dataIndex: 'status',
              width: 100,
              render: (v: string) => (
                <Tag style={toneStyle(statusTones[v])}>
                  {t(`channels.statuses.${v}`, { defaultValue: v })}
                </Tag>
              ),
            },
            { title: t('channels.attempts'), dataIndex: 'attempts', width: 80, align: 'right' },
            {
              title: t('channels.error'),
              dataIndex: 'error',
              render: (v: string | null) =>
                v ? (
                  <Tooltip title={v}>
                    <Typography.Text ellipsis style={{ maxWidth: 240, color: dangerText }}>
                      {v}
                    </Typography.Text>
                  </Tooltip>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      )}
      <div style={{ textAlign: 'center', marginTop: 12 }}>
        {log.isError && rows.length > 0 && (
          <Typography.Paragraph style={{ color: dangerText }}>{log.error.message}</Typography.Paragraph>
        )}
        {log.hasNextPage ? (
          <Button onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        ) : (
          rows.length > 0 && <Typography.Text type="secondary">{t('channels.deliveriesEnd')}</Typography.Text>
        )}
      </div>
    </Card>
  )
}
