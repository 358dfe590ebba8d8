import { useEffect, useRef, useState } from 'react'
import { Badge, Button, Popover, Typography } from 'antd'
import { BellOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/states'
import { inboxKeys, useLatestNotifications, useMarkAllRead, useUnreadCount } from './inbox.queries'
import { NotificationItems } from './NotificationList'

/** The bell in the header: unread count (polled), and a popover with the newest notifications. */
export function NotificationBell() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const qc = useQueryClient()
  const [open, setOpen] = useState(false)
  const count = useUnreadCount()
  const latest = useLatestNotifications(open)
  const markAll = useMarkAllRead()
  const unread = count.data?.unread ?? 0

  // A new notification arrived: refresh the lists that show notifications (only the ones on screen refetch).
  const previous = useRef<number | undefined>(undefined)
  useEffect(() => {
    const now = count.data?.unread
    if (previous.current !== undefined && now !== undefined && now > previous.current) {
      void qc.invalidateQueries({ queryKey: inboxKeys.latest })
      void qc.invalidateQueries({ queryKey: inboxKeys.lists })
      void qc.invalidateQueries({ queryKey: inboxKeys.inbox })
    }
    previous.current = now
  }, [count.data?.unread, qc])

  const rows = latest.data?.data ?? []
  const content = (
    <div style={{ width: 360, maxWidth: 'calc(100vw - 32px)' }}>
      <div
        style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', marginBottom: 4 }}
      >
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button
          size="small"
          type="link"
          disabled={unread === 0}
          loading={markAll.isPending}
          onClick={() => markAll.mutate()}
        >
          {t('notifications.markAllRead')}
        </Button>
      </div>
      <div style={{ maxHeight: 400, overflowY: 'auto' }}>
        {latest.isLoading ? (
          <LoadingState rows={3} />
        ) : latest.isError ? (
          <ErrorState error={latest.error} onRetry={() => void latest.refetch()} />
        ) : rows.length === 0 ? (
          <EmptyState description={t('notifications.none')} />
        ) : (
          <NotificationItems items={rows} compact onOpened={() => setOpen(false)} />
        )}
      </div>
      <Button
        block
        type="link"
        style={{ marginTop: 4 }}
        onClick={() => {
          setOpen(false)
          navigate('/inbox?tab=notifications')
        }}
      >
        {t('notifications.openInbox')}
      </Button>
    </div>
  )
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={(o) => {
        setOpen(o)
        if (o) void count.refetch()
      }}
      content={content}
    >
      <Button
        type="text"
        aria-label={t('notifications.bellLabel', { count: unread })}
        aria-haspopup="dialog"
        aria-expanded={open}
        icon={
          <Badge count={unread} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 18 }} />
          </Badge>
        }
      />
    </Popover>
  )
}
