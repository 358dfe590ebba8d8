import { useState, type CSSProperties, type KeyboardEvent } from 'react'
import { App, Button, Segmented, Typography } from 'antd'
import { CheckOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'
import { useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/states'
import { linkTarget } from './inbox-items'
import { useMarkAllRead, useMarkRead, useNotificationList, type Notification } from './inbox.queries'

/** Opening a notification marks it read and follows its link, if it has one. */
export function useOpenNotification() {
  const navigate = useNavigate()
  const markRead = useMarkRead()
  return (n: Notification) => {
    if (!n.readAt) markRead.mutate(n)
    const target = linkTarget(n.link)
    if (target && 'internal' in target) navigate(target.internal)
    else if (target) window.open(target.external, '_blank', 'noopener,noreferrer')
  }
}

/** Notifications as a keyboard-friendly list: Tab to an item, Enter opens it. */
export function NotificationItems({
  items,
  compact = false,
  onOpened,
}: {
  items: Notification[]
  compact?: boolean
  onOpened?: () => void
}) {
  const { t } = useTranslation()
  const open = useOpenNotification()
  const markRead = useMarkRead()
  const activate = (n: Notification) => {
    open(n)
    onOpened?.()
  }
  const onKey = (e: KeyboardEvent<HTMLLIElement>, n: Notification) => {
    if (e.key === 'Enter' && e.target === e.currentTarget) {
      e.preventDefault()
      activate(n)
    }
  }
  return (
    <ul aria-label={t('notifications.title')} style={listStyle}>
      {items.map((n) => {
        const unread = !n.readAt
        const at = dayjs(n.createdAt)
        return (
          <li
            key={n.id}
            tabIndex={0}
            data-testid="notification-item"
            onClick={() => activate(n)}
            onKeyDown={(e) => onKey(e, n)}
            style={{ ...itemStyle, background: unread ? '#f0f5ff' : undefined, cursor: 'pointer' }}
          >
            <span
              role="img"
              aria-label={unread ? t('notifications.unread') : t('notifications.read')}
              style={{ ...dotStyle, background: unread ? '#1f56d6' : 'transparent' }}
            />
            <div style={{ flex: 1, minWidth: 0 }}>
              <Typography.Text strong={unread} style={{ display: 'block' }} ellipsis={compact}>
                {n.subject}
              </Typography.Text>
              {!compact && n.body && (
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                  {n.body}
                </Typography.Paragraph>
              )}
              <Typography.Text
                type="secondary"
                style={{ fontSize: 12 }}
                title={at.format('YYYY-MM-DD HH:mm')}
              >
                {at.fromNow()}
              </Typography.Text>
            </div>
            {!compact && unread && (
              <Button
                size="small"
                icon={<CheckOutlined />}
                aria-label={t('notifications.markReadOf', { subject: n.subject })}
                onClick={(e) => {
                  e.stopPropagation()
                  markRead.mutate(n)
                }}
              >
                {t('notifications.markRead')}
              </Button>
            )}
          </li>
        )
      })}
    </ul>
  )
}

/** The inbox's notifications tab: unread or all, a page at a time, with "mark all read". */
export function NotificationsPanel({ unread }: { unread: number }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [unreadOnly, setUnreadOnly] = useState(true)
  const list = useNotificationList(unreadOnly)
  const markAll = useMarkAllRead()
  const rows = list.data?.pages.flatMap((p) => p.data) ?? []

  return (
    <>
      <div className="toolbar">
        <Segmented
          aria-label={t('notifications.filter')}
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(v) => setUnreadOnly(v === 'unread')}
          options={[
            { value: 'unread', label: t('notifications.unreadOnly') },
            { value: 'all', label: t('notifications.all') },
          ]}
        />
        <div style={{ flex: 1 }} />
        <Button
          disabled={unread === 0}
          loading={markAll.isPending}
          onClick={() =>
            markAll.mutate(undefined, {
              onSuccess: () => void message.success(t('notifications.markedAllRead')),
              onError: (e) => void message.error(e.message),
            })
          }
        >
          {t('notifications.markAllRead')}
        </Button>
      </div>
      {list.isLoading ? (
        <LoadingState rows={5} />
      ) : list.isError && !rows.length ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState description={unreadOnly ? t('notifications.noUnread') : t('notifications.none')} />
      ) : (
        <NotificationItems items={rows} />
      )}
      <div style={{ textAlign: 'center', marginTop: 12 }}>
        {list.hasNextPage ? (
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        ) : (
          rows.length > 0 && <Typography.Text type="secondary">{t('notifications.end')}</Typography.Text>
        )}
      </div>
    </>
  )
}

export const listStyle: CSSProperties = { listStyle: 'none', margin: 0, padding: 0 }
export const itemStyle: CSSProperties = {
  display: 'flex',
  alignItems: 'center',
  gap: 10,
  padding: '8px 8px',
  borderBottom: '1px solid #f0f0f0',
  borderRadius: 4,
}
const dotStyle: CSSProperties = { width: 8, height: 8, borderRadius: 4, flex: 'none' }
