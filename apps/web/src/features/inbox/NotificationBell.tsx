import { Suspense, lazy, useEffect, useRef, useState } from 'react'
import { Badge, Button, Popover } from 'antd'
import { BellOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { LoadingState } from '../../shared/ui/loading'
import { inboxKeys, useUnreadCount } from './inbox.queries'

const BellPanel = lazy(() => import('./BellPanel'))
const panelWidth = { width: 360, maxWidth: 'calc(100vw - 32px)' }

/** The bell in the header: unread count (polled), and a popover with the newest notifications. */
export function NotificationBell() {
  const { t } = useTranslation()
  const qc = useQueryClient()
  const [open, setOpen] = useState(false)
  const count = useUnreadCount()
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

  // The popover's list (and its code) loads when the bell is first opened.
  const content = (
    <Suspense
      fallback={
        <div style={panelWidth}>
          <LoadingState rows={3} />
        </div>
      }
    >
      <BellPanel open={open} unread={unread} onClose={() => setOpen(false)} />
    </Suspense>
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
