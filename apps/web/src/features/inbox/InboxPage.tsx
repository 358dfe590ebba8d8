import { Badge, Button, Card, Space, Tag, Typography } from 'antd'
import { Tabs } from '../../shared/ui/Tabs'
import { ReloadOutlined } from '@ant-design/icons'
import { useSearchParams } from 'react-router'
import { useTranslation } from 'react-i18next'
import { ErrorState, LoadingState } from '../../shared/ui/states'
import { useInbox } from './inbox.queries'
import { NotificationsPanel } from './NotificationList'
import { TaskList } from './TaskList'
import { toneStyle } from './tag-styles'

const tabKeys = ['tasks', 'notifications', 'reminders'] as const

/** My inbox: open tasks for me or my roles, notifications and reminders. The tab is kept in the address. */
export default function InboxPage() {
  const { t } = useTranslation()
  const [params, setParams] = useSearchParams()
  const inbox = useInbox()
  const requested = params.get('tab')
  const tab = tabKeys.find((k) => k === requested) ?? 'tasks'
  const d = inbox.data

  const label = (text: string, count: number, color?: string) => (
    <Space size={6}>
      {text}
      <span aria-hidden>
        <Badge count={count} color={color} overflowCount={99} />
      </span>
      <span style={srOnly}>{count > 0 ? `(${count})` : ''}</span>
    </Space>
  )

  return (
    <div>
      <div className="page-header">
        <div>
          <h1>{t('inbox.title')}</h1>
          <Typography.Text type="secondary">{t('inbox.subtitle')}</Typography.Text>
        </div>
        <Space wrap>
          {!!d?.overdue && (
            <Tag style={toneStyle('red')}>{t('inbox.overdueCount', { count: d.overdue })}</Tag>
          )}
          <Button
            icon={<ReloadOutlined />}
            loading={inbox.isFetching && !inbox.isLoading}
            onClick={() => void inbox.refetch()}
          >
            {t('common.refresh')}
          </Button>
        </Space>
      </div>
      <Card>
        {inbox.isLoading ? (
          <LoadingState rows={8} />
        ) : inbox.isError || !d ? (
          <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />
        ) : (
          <Tabs
            activeKey={tab}
            onChange={(k) => setParams({ tab: k }, { replace: true })}
            destroyOnHidden
            items={[
              {
                key: 'tasks',
                label: label(t('inbox.tasks'), d.tasks.length, d.overdue ? '#ff4d4f' : '#8c8c8c'),
                children: <TaskList tasks={d.tasks} />,
              },
              {
                key: 'notifications',
                label: label(t('inbox.notifications'), d.unread, '#1f56d6'),
                children: <NotificationsPanel unread={d.unread} />,
              },
              {
                key: 'reminders',
                label: label(t('inbox.reminders'), d.reminders.length, '#8c8c8c'),
                children: <TaskList tasks={d.reminders} reminders />,
              },
            ]}
          />
        )}
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, fontSize: 12 }}>
        {t('inbox.keyboardHint')}
      </Typography.Paragraph>
    </div>
  )
}

/** Read by screen readers, not shown: the badge is decorative. */
const srOnly = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const
