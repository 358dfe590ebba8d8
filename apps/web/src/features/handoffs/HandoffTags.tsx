import { Space, Tag } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { handoffState } from './handoff-status'
import type { Handoff } from './handoffs.queries'

const statusColor: Record<string, string> = { open: 'blue', submitted: 'gold', validated: 'green' }

/** The status of a handoff, with overdue and escalated marks. */
export function HandoffTags({ h }: { h: Handoff }) {
  const { t } = useTranslation()
  const { late } = handoffState(h)
  return (
    <Space size={4} wrap>
      <Tag color={statusColor[h.status ?? 'open']}>{t(`handoffs.status.${h.status ?? 'open'}`)}</Tag>
      {late && <Tag color="red">{t('handoffs.overdue')}</Tag>}
      {(h.status === 'open' ? h.escalatedAt : h.status === 'submitted' ? h.validationEscalatedAt : null) && (
        <Tag color="volcano">{t('handoffs.escalated')}</Tag>
      )}
    </Space>
  )
}

/** The deadline that matters now: the handoff's until it is submitted, then the validation's. */
export function HandoffDeadline({ h }: { h: Handoff }) {
  const { t } = useTranslation()
  if (h.status === 'validated')
    return <>{t('handoffs.validatedOn', { date: dayjs(h.validatedAt).format('YYYY-MM-DD') })}</>
  const at = h.status === 'submitted' ? h.validationDueAt : h.dueAt
  if (!at) return <>—</>
  const late = dayjs(at).isBefore(dayjs())
  return (
    <span title={dayjs(at).format('YYYY-MM-DD HH:mm')} style={late ? { color: '#cf1322' } : undefined}>
      {t(h.status === 'submitted' ? 'handoffs.validateBy' : 'handoffs.submitBy', {
        date: dayjs(at).format('YYYY-MM-DD HH:mm'),
        when: dayjs(at).fromNow(),
      })}
    </span>
  )
}
