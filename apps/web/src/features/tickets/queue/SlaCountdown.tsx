import { useEffect, useState } from 'react'
import { Tag, Tooltip, Typography } from 'antd'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'

/** The current time, renewed every `ms` (countdowns move without a refetch). */
export function useNow(ms = 30_000) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(id)
  }, [ms])
  return now
}

/** A span of time in its two largest units: "2 d 3 h", "1 h 5 min", "12 min". */
export function spanText(ms: number, t: TFunction) {
  const min = Math.max(0, Math.floor(Math.abs(ms) / 60_000))
  const d = Math.floor(min / 1440)
  const h = Math.floor((min % 1440) / 60)
  const m = min % 60
  if (d)
    return [t('ticketQueue.days', { count: d }), h ? t('ticketQueue.hours', { count: h }) : '']
      .join(' ')
      .trim()
  if (h)
    return [t('ticketQueue.hours', { count: h }), m ? t('ticketQueue.minutes', { count: m }) : '']
      .join(' ')
      .trim()
  return t('ticketQueue.minutes', { count: m })
}

type Ticket = {
  nextDueAt: string | null
  slaStatus: string | null
  slaPausedAt?: string | null
  firstRespondedAt: string | null
}

/**
 * What is due next and when: "in 35 min" (amber when at risk), "1 h 10 min overdue" (red), "Paused"
 * while waiting on the customer, "No target" without a service level; which target it is beneath.
 */
export function SlaCountdown({ ticket, now }: { ticket: Ticket; now: number }) {
  const { t } = useTranslation()
  if (ticket.slaStatus === 'paused' || ticket.slaPausedAt)
    return (
      <Tooltip title={t('ticketQueue.pausedHelp')}>
        <Tag>{t('ticketQueue.paused')}</Tag>
      </Tooltip>
    )
  if (!ticket.nextDueAt)
    return ticket.slaStatus === 'breached' ? (
      <Tag color="red">{t('enums.slaStatus.breached')}</Tag>
    ) : (
      <Typography.Text type="secondary">{t('ticketQueue.noSla')}</Typography.Text>
    )
  const left = new Date(ticket.nextDueAt).getTime() - now
  const late = left < 0 || ticket.slaStatus === 'breached'
  const text =
    left < 0
      ? t('ticketQueue.overdue', { time: spanText(left, t) })
      : t('ticketQueue.dueIn', { time: spanText(left, t) })
  const color = late ? 'red' : ticket.slaStatus === 'at_risk' ? 'orange' : 'green'
  return (
    <div className="sla-countdown">
      <Tag color={color} className="num">
        {text}
      </Tag>
      <Typography.Text type="secondary" className="sla-target">
        {ticket.firstRespondedAt ? t('ticketQueue.resolution') : t('ticketQueue.firstResponse')}
      </Typography.Text>
    </div>
  )
}
