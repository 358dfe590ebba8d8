import { type CSSProperties, type KeyboardEvent } from 'react'
import { App, Checkbox, Space, Tag, Typography } from 'antd'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import dayjs from 'dayjs'
import { Link, useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'
import { patch } from '../../shared/api/client'
import { useNames } from '../../shared/api/lookups'
import { EmptyState } from '../../shared/ui/states'
import { collectionOf, overdueDays, relatedPath } from './inbox-items'
import { inboxKeys, type InboxData, type Task } from './inbox.queries'
import { itemStyle, listStyle } from './NotificationList'
import { dangerText, priorityTones, toneStyle } from './tag-styles'
import { showUndo } from '../../shared/ui/undo'

/** Names of the records tasks point at (their account and related record), one request per collection. */
function useRelatedNames(tasks: Task[]) {
  const ids = (c: string) =>
    tasks.filter((x) => x.relatedType && collectionOf(x.relatedType) === c).map((x) => x.relatedId)
  const accounts = useNames('accounts', [...tasks.map((x) => x.accountId), ...ids('accounts')])
  const contacts = useNames('contacts', ids('contacts'))
  const leads = useNames('leads', ids('leads'))
  const opportunities = useNames('opportunities', ids('opportunities'))
  const contracts = useNames('contracts', ids('contracts'))
  const tickets = useNames('tickets', ids('tickets'))
  return {
    ...accounts.data,
    ...contacts.data,
    ...leads.data,
    ...opportunities.data,
    ...contracts.data,
    ...tickets.data,
  } as Record<string, string>
}

/** Marks a task done at once (it leaves the list) and offers Undo, which reopens it. */
function useCompleteTask() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const qc = useQueryClient()
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: inboxKeys.inbox })
    void qc.invalidateQueries({ queryKey: ['tasks'] })
  }
  const reopen = useMutation({
    mutationFn: (task: Task) => patch<Task>(`/tasks/${task.id}`, { version: task.version, status: 'open' }),
    onSuccess: (task) => void message.success(t('inbox.reopened', { title: task.title })),
    onError: (e) => void message.error(t('inbox.reopenFailed', { reason: e.message })),
    onSettled: refresh,
  })
  return useMutation({
    mutationFn: (task: Task) => patch<Task>(`/tasks/${task.id}`, { version: task.version, status: 'done' }),
    onMutate: async (task) => {
      await qc.cancelQueries({ queryKey: inboxKeys.inbox })
      const before = qc.getQueryData<InboxData>(inboxKeys.inbox)
      qc.setQueryData<InboxData>(
        inboxKeys.inbox,
        (d) =>
          d && {
            ...d,
            tasks: d.tasks.filter((x) => x.id !== task.id),
            reminders: d.reminders.filter((x) => x.id !== task.id),
          },
      )
      return { before }
    },
    onError: (e, _task, ctx) => {
      if (ctx?.before) qc.setQueryData(inboxKeys.inbox, ctx.before)
      void message.error(t('inbox.doneFailed', { reason: e.message }))
    },
    onSuccess: (task) => {
      showUndo(message, t('inbox.done', { title: task.title }), t('common.undo'), () => reopen.mutate(task))
    },
    onSettled: refresh,
  })
}

/** Open tasks (or reminders) as a list: overdue in red, Enter on an item opens the task. */
export function TaskList({ tasks, reminders = false }: { tasks: Task[]; reminders?: boolean }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const names = useRelatedNames(tasks)
  const complete = useCompleteTask()
  if (!tasks.length)
    return <EmptyState description={reminders ? t('inbox.noReminders') : t('inbox.nothingToDo')} />

  const onKey = (e: KeyboardEvent<HTMLLIElement>, task: Task) => {
    if (e.key === 'Enter' && e.target === e.currentTarget) {
      e.preventDefault()
      navigate(`/tasks/${task.id}`)
    }
  }
  const now = dayjs()
  return (
    <ul aria-label={reminders ? t('inbox.reminders') : t('inbox.tasks')} style={listStyle}>
      {tasks.map((task) => {
        const days = task.status === 'open' ? overdueDays(task.dueAt, now) : null
        const overdue = days !== null
        const related = relatedPath(task.relatedType, task.relatedId)
        const showRelated =
          !!related && !(task.relatedType === 'account' && task.relatedId === task.accountId)
        return (
          <li
            key={task.id}
            tabIndex={0}
            data-testid="inbox-task"
            onKeyDown={(e) => onKey(e, task)}
            style={{
              ...itemStyle,
              alignItems: 'flex-start',
              background: overdue ? '#fff1f0' : undefined,
              borderLeft: `3px solid ${overdue ? '#ff4d4f' : 'transparent'}`,
            }}
          >
            <Checkbox
              style={{ marginTop: 2 }}
              aria-label={t('inbox.markDone', { title: task.title })}
              checked={false}
              disabled={complete.isPending && complete.variables?.id === task.id}
              onChange={() => complete.mutate(task)}
            />
            <div style={{ flex: 1, minWidth: 0 }}>
              <Link to={`/tasks/${task.id}`} style={{ fontWeight: 500 }}>
                {task.title}
              </Link>
              <div style={metaStyle}>
                <Space size={4} wrap separator="·">
                  {task.accountId && (
                    <Link to={`/accounts/${task.accountId}`}>{names[task.accountId] ?? '…'}</Link>
                  )}
                  {showRelated && (
                    <span>
                      {t('inbox.relatedLabel', {
                        type: t(`settings.entityTypes.${task.relatedType}`, {
                          defaultValue: task.relatedType,
                        }),
                      })}
                      <Link to={related}>{names[task.relatedId!] ?? '…'}</Link>
                    </span>
                  )}
                  {!task.assigneeId && task.assigneeRole && (
                    <span>
                      {t('inbox.forRole', {
                        role: t(`enums.role.${task.assigneeRole}`, { defaultValue: task.assigneeRole }),
                      })}
                    </span>
                  )}
                  {task.source && task.source !== 'manual' && (
                    <span>{t(`enums.taskSource.${task.source}`, { defaultValue: task.source })}</span>
                  )}
                </Space>
              </div>
            </div>
            {task.priority && task.priority !== 'normal' && (
              <Tag style={toneStyle(priorityTones[task.priority])}>
                {t(`enums.priority.${task.priority}`)}
              </Tag>
            )}
            <div style={{ whiteSpace: 'nowrap', textAlign: 'right' }}>
              {overdue && (
                <Tag style={toneStyle('red')}>
                  {days ? t('inbox.overdueDays', { count: days }) : t('inbox.overdue')}
                </Tag>
              )}
              <div>
                {task.dueAt ? (
                  <Typography.Text
                    type={overdue ? undefined : 'secondary'}
                    style={overdue ? { color: dangerText } : undefined}
                    title={dayjs(task.dueAt).format('YYYY-MM-DD HH:mm')}
                    className="num"
                  >
                    {t('inbox.due', { date: dayjs(task.dueAt).format('MM-DD HH:mm') })}
                  </Typography.Text>
                ) : (
                  <Typography.Text type="secondary">{t('inbox.noDue')}</Typography.Text>
                )}
              </div>
              {reminders && task.remindAt && (
                <div>
                  <Typography.Text type="secondary" className="num" style={{ fontSize: 12 }}>
                    {t('inbox.remindAt', { date: dayjs(task.remindAt).format('MM-DD HH:mm') })}
                  </Typography.Text>
                </div>
              )}
            </div>
          </li>
        )
      })}
    </ul>
  )
}

const metaStyle: CSSProperties = { fontSize: 12, color: '#545a63' }
