import { Space, Tag, Typography } from 'antd'
import i18n from 'i18next'
import { useTranslation } from 'react-i18next'
import { formatAge } from './alert-age'
import type { Alert } from './alerts.queries'

const severityColor: Record<string, string> = { info: 'blue', warning: 'gold', danger: 'red' }
const statusColor: Record<string, string> = {
  open: 'volcano',
  acknowledged: 'processing',
  snoozed: 'default',
  resolved: 'success',
}

/** Severity as a coloured tag: warning yellow, danger red. */
export function SeverityTag({ severity }: { severity: string }) {
  const { t } = useTranslation()
  return (
    <Tag color={severityColor[severity] ?? 'default'}>
      {t(`alerts.severities.${severity}`, { defaultValue: severity })}
    </Tag>
  )
}

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation()
  return <Tag color={statusColor[status]}>{t(`alerts.statuses.${status}`, { defaultValue: status })}</Tag>
}

export const typeLabel = (t: (k: string, o?: any) => string, type: string) =>
  t(`alerts.types.${type}`, { defaultValue: type })

/** How long the alert has been there, in minutes, hours, days or months, in the interface language. */
export function ageOf(createdAt: string, now = Date.now(), lang = i18n.language ?? 'en') {
  return formatAge(now - new Date(createdAt).getTime(), lang)
}

const shown = [
  'previous',
  'current',
  'dropPercent',
  'keyContacts',
  'daysSinceLogin',
  'ticketsThisWeek',
  'weeklyAverage',
  'overdueItems',
  'daysOverdue',
  'score',
  'previousScore',
  'contacts',
  'daysSinceLeft',
  'daysSilent',
  'uncoveredRoles',
]

/** The numbers that opened the alert, compactly. */
export function Evidence({ alert }: { alert: Alert }) {
  const { t } = useTranslation()
  const d = (alert.details ?? {}) as Record<string, unknown>
  const items = shown.filter((k) => d[k] !== undefined && d[k] !== null && d[k] !== '')
  return (
    <Space size={[8, 2]} wrap>
      {items.map((k) => (
        <Typography.Text key={k} type="secondary" style={{ fontSize: 12 }}>
          {t(`alerts.ev.${k}`)}:{' '}
          <Typography.Text style={{ fontSize: 12 }}>
            {Array.isArray(d[k])
              ? (d[k] as string[]).map((r) => t(`alerts.roles.${r}`, { defaultValue: r })).join(', ')
              : String(d[k])}
          </Typography.Text>
        </Typography.Text>
      ))}
      {alert.playbookTaskIds?.length ? (
        <Typography.Text type="success" style={{ fontSize: 12 }}>
          {t('alerts.playbookStarted', { count: alert.playbookTaskIds.length })}
        </Typography.Text>
      ) : null}
      {typeof d.playbookError === 'string' && (
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          {t('alerts.playbookError', { reason: d.playbookError })}
        </Typography.Text>
      )}
    </Space>
  )
}
