import { Alert } from 'antd'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import type { TicketRouting } from '@openkam/contract'

/**
 * A ticket's routing on its page: "Routed by rule X to Y: least open tickets (2)", or why nobody got it.
 * The reason comes from the server in the reader's language.
 */
export function RoutedByNote({
  ticket,
  names,
}: {
  ticket: {
    routedBy?: z.infer<typeof TicketRouting> | null
    assigneeId?: string | null
    teamId?: string | null
  }
  names: Record<string, string>
}) {
  const { t } = useTranslation()
  const r = ticket.routedBy
  if (!r) return null
  const to =
    [ticket.assigneeId && names[ticket.assigneeId], ticket.teamId && names[ticket.teamId]]
      .filter(Boolean)
      .join(' · ') || t('ticketRouting.routed.nobody')
  const text = r.ruleId
    ? t('ticketRouting.routed.byRule', { rule: r.ruleName ?? '', to, reason: r.reason })
    : t('ticketRouting.routed.noRule', { reason: r.reason })
  return (
    <Alert
      type={r.ruleId ? 'info' : 'warning'}
      showIcon
      title={t('ticketRouting.routed.title')}
      description={text}
      style={{ marginTop: 16 }}
      data-testid="ticket-routed-by"
    />
  )
}
