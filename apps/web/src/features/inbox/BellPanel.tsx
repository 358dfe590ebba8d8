import { Button, Typography } from 'antd'
import { useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import { EmptyState, ErrorState, LoadingState } from '../../shared/ui/states'
import { useLatestNotifications, useMarkAllRead } from './inbox.queries'
import { NotificationItems } from './NotificationList'

/** The bell's popover: the newest notifications (loaded when the bell is first opened, NotificationBell). */
export default function BellPanel({
  open,
  unread,
  onClose,
}: {
  open: boolean
  unread: number
  onClose: () => void
}) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const latest = useLatestNotifications(open)
  const markAll = useMarkAllRead()
  const rows = latest.data?.data ?? []
  return (
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
          <NotificationItems items={rows} compact onOpened={onClose} />
        )}
      </div>
      <Button
        block
        type="link"
        style={{ marginTop: 4 }}
        onClick={() => {
          onClose()
          navigate('/inbox?tab=notifications')
        }}
      >
        {t('notifications.openInbox')}
      </Button>
    </div>
  )
}
