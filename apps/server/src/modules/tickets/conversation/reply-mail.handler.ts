import { systemPrincipal } from '../../../core/access/permissions'
import type { Executor } from '../../../core/db/types'
import type { EventSink } from '../../../core/events/bus'
import type { EventHandler } from '../../../core/events/registry'
import type { JobQueue } from '../../../core/jobs/jobs'
import { emailAddress, workspaceLocale } from '../../notifications'
import { getWorkspace } from '../../workspaces'
import { replyMail } from './conversation-texts'
import {
  contactsByIds,
  filesMeta,
  findMessage,
  findTicket,
  setMessageEmail,
  userNames,
} from './ticket-message.repository'

/** The contact who should hear from the ticket: an active contact with an e-mail, or why there is none. */
export async function ticketContact(tx: Executor, ws: string, contactId: string | null) {
  const [c] = contactId ? await contactsByIds(tx, ws, [contactId]) : []
  if (!c || c.deletedAt) return { status: 'no_contact' as const }
  if (!c.email?.trim()) return { status: 'no_email' as const, name: c.name }
  return { status: 'ok' as const, name: c.name, email: c.email.trim() }
}

export const langOfWorkspace = async (tx: Executor, ws: string) =>
  (await workspaceLocale(tx, ws)) === 'en' ? ('en' as const) : ('zh-CN' as const)

/**
 * An agent's public reply goes to the ticket's contact by e-mail (once: the outbox delivers each event
 * once, and a message already marked is skipped). Internal notes and the contact's own messages never
 * leave. The message records what happened (`emailStatus`, `emailedTo`).
 */
export const replyMailHandler = (deps: { jobs: JobQueue; events: EventSink }): EventHandler => ({
  name: 'tickets.reply_mail',
  events: ['ticket.message_added'],
  async handle(tx, event) {
    const p = event.payload as {
      messageId: string
      ticketId: string
      visibility: string
      authorUserId: string | null
    }
    if (p.visibility !== 'public' || !p.authorUserId) return
    const ws = event.workspaceId
    const msg = await findMessage(tx, ws, p.messageId)
    if (!msg || msg.emailStatus) return
    const ticket = await findTicket(tx, ws, p.ticketId)
    if (!ticket) return
    const to = await ticketContact(tx, ws, ticket.contactId)
    if (to.status !== 'ok') {
      await setMessageEmail(tx, ws, msg.id, { emailStatus: to.status, emailedTo: null, emailedAt: null })
      return
    }
    const lang = await langOfWorkspace(tx, ws)
    const ctx = { ws, principal: systemPrincipal(ws), events: deps.events }
    const [workspace, [agent], files] = await Promise.all([
      getWorkspace(tx, ctx),
      userNames(tx, ws, [p.authorUserId]),
      filesMeta(tx, ws, msg.fileIds),
    ])
    const sent = await emailAddress(tx, ws, deps.jobs, {
      to: to.email,
      ...replyMail(lang, {
        number: ticket.number,
        subject: ticket.subject,
        contact: to.name,
        agent: agent?.name ?? null,
        workspace: workspace.name,
        body: msg.body,
        files: files.map((f) => f.name),
      }),
      link: null,
      lang,
      relatedType: 'ticket',
      relatedId: ticket.id,
    })
    await setMessageEmail(tx, ws, msg.id, {
      emailStatus: sent.status === 'pending' ? 'queued' : 'not_configured',
      emailedTo: sent.status === 'pending' ? to.email : null,
      emailedAt: sent.status === 'pending' ? new Date() : null,
    })
  },
})
