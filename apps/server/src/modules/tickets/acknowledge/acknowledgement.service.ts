import type { TicketAcknowledgement } from '@openkam/contract'
import type { Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
import type { JobQueue } from '../../../core/jobs/jobs'
import {
  deliveriesByIds,
  emailAddress,
  mobileNumber,
  textAddress,
  workspaceLocale,
} from '../../notifications'
import { ticketCollection } from '../ticket.collection'
import { acknowledgementMail, acknowledgementSmsLog, shorten } from './acknowledgement-texts'
import {
  claimAcknowledgement,
  findAcknowledgement,
  recordAcknowledgement,
  ticketWithContact,
} from './acknowledgement.repository'
import type { AcknowledgementDelivery, AcknowledgementSkip } from './acknowledgement.table'

/**
 * Tells a new ticket's contact that it was received, with its number and subject: an e-mail when the
 * contact has an address, a text when the contact has a mobile number (each logged and retried as a
 * delivery; a channel that is not set up is logged as skipped). At most once per ticket: the first call
 * takes the ticket's acknowledgement row, later ones (a repeated event) do nothing. Returns whether it ran.
 */
export async function acknowledgeTicket(
  tx: Executor,
  ws: string,
  jobs: JobQueue,
  ticketId: string,
  eventId: string | null,
): Promise<boolean> {
  const t = await ticketWithContact(tx, ws, ticketId)
  if (!t) return false
  const lang = (await workspaceLocale(tx, ws)) === 'en' ? ('en' as const) : ('zh-CN' as const)
  if (!(await claimAcknowledgement(tx, ws, ticketId, eventId, lang))) return false
  const number = t.number ?? ''
  const deliveries: AcknowledgementDelivery[] = []
  const skipped: AcknowledgementSkip[] = []
  const related = { relatedType: 'ticket', relatedId: ticketId }
  if (!t.contactName) {
    skipped.push({ channel: 'email', reason: 'no_contact' }, { channel: 'sms', reason: 'no_contact' })
  } else {
    const email = t.email?.trim()
    if (email) {
      const mail = acknowledgementMail(lang, { number, subject: t.subject, name: t.contactName })
      const r = await emailAddress(tx, ws, jobs, { to: email, ...mail, link: null, lang, ...related })
      deliveries.push({ channel: 'email', to: email, notificationId: r.id })
    } else skipped.push({ channel: 'email', reason: 'no_email' })
    const mobile = mobileNumber(t.phone)
    if (mobile) {
      const r = await textAddress(tx, ws, jobs, {
        to: mobile,
        params: { number, subject: shorten(t.subject) },
        ...acknowledgementSmsLog(lang, { number, subject: t.subject }),
        ...related,
      })
      deliveries.push({ channel: 'sms', to: mobile.e164, notificationId: r.id })
    } else skipped.push({ channel: 'sms', reason: t.phone?.trim() ? 'not_mobile' : 'no_phone' })
  }
  await recordAcknowledgement(tx, ws, ticketId, { deliveries, skipped })
  return true
}

type Status = TicketAcknowledgement['status']

/** One word for how the acknowledgement went, from its deliveries' states. */
export function acknowledgementStatus(states: string[]): Status {
  if (!states.length) return 'skipped'
  if (states.some((s) => s === 'pending' || s === 'retrying')) return 'pending'
  if (states.every((s) => s === 'sent')) return 'sent'
  return states.includes('sent') ? 'partly_sent' : 'failed'
}

/**
 * How the ticket's contact was told the ticket was received (whoever may read the ticket): the addresses,
 * each delivery's outcome, and the channels left out and why.
 */
export async function getAcknowledgement(
  tx: Executor,
  ctx: Ctx,
  ticketId: string,
  translate: (message: string) => string,
): Promise<TicketAcknowledgement> {
  await ticketCollection.get(tx, ctx, ticketId)
  const row = await findAcknowledgement(tx, ctx.ws, ticketId)
  if (!row)
    return { ticketId, status: 'none', createdAt: null, acknowledgedAt: null, deliveries: [], skipped: [] }
  const rows = new Map(
    (
      await deliveriesByIds(
        tx,
        ctx.ws,
        row.deliveries.map((d) => d.notificationId),
      )
    ).map((n) => [n.id, n]),
  )
  const deliveries = row.deliveries.map((d) => {
    const n = rows.get(d.notificationId)
    return {
      channel: d.channel,
      to: d.to,
      status: n?.status ?? 'failed',
      error: n?.error ? translate(n.error) : n ? null : translate('The delivery record is missing'),
      attempts: n?.attempts ?? 0,
      sentAt: n?.sentAt ?? null,
    }
  })
  const sent = deliveries.map((d) => d.sentAt).filter((x): x is string => !!x)
  return {
    ticketId,
    status: acknowledgementStatus(deliveries.map((d) => d.status)),
    createdAt: row.createdAt.toISOString(),
    acknowledgedAt: sent.length ? sent.sort().at(-1)! : null,
    deliveries,
    skipped: row.skipped,
  }
}
