import { createHash, randomBytes } from 'node:crypto'
import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm'
import type { z } from 'zod'
import type {
  PortalMe,
  PortalMessage,
  PortalMessageCreate,
  PortalRating,
  PortalTicket,
  PortalTicketCreate,
} from '@openkam/contract'
import { systemCtx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import type { EventSink } from '../../core/events/bus'
import { AppError } from '../../core/errors'
import { newId } from '../../core/ids'
import type { JobQueue } from '../../core/jobs/jobs'
import { accounts } from '../accounts'
import { contacts } from '../contacts'
import { emailAddress } from '../notifications'
import { openFile, storeFile, type Upload } from '../pipelines'
import {
  addContactMessage,
  addMessage,
  pageOfMessages,
  rateTicket,
  ticketCollection,
  tickets,
  ticketsShowingFile,
} from '../tickets'
import { findWorkspaceBySlug } from '../workspaces'
import { portalLinkText } from './portal-texts'
import { portalLinks, portalSessions } from './portal.table'

/** A sign-in link works for 15 minutes, once; a portal session lasts 12 hours. */
export const LINK_MINUTES = 15
export const SESSION_HOURS = 12
/** At most this many links per address in LINK_MINUTES (further requests are answered alike, and dropped). */
export const LINKS_PER_WINDOW = 3

export type PortalDeps = { events: EventSink; jobs: JobQueue }
/** A signed-in portal visitor: one contact of one account of one workspace. */
export type PortalVisitor = { ws: string; slug: string; contactId: string; accountId: string }

const hash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex')
const newSecret = () => randomBytes(32).toString('base64url')

/** The workspace of a portal address; 404 for an unknown one. */
export async function portalWorkspace(tx: Executor, slug: string) {
  const ws = await findWorkspaceBySlug(tx, slug)
  if (!ws) throw new AppError('not_found', 'not_found', `There is no customer portal at /portal/${slug}`)
  return ws
}

/**
 * E-mails a one-time sign-in link to the active contact with this address (of an account not deleted).
 * Answers the same whether or not the address is known, and drops requests beyond LINKS_PER_WINDOW per
 * address, so the form tells nobody who is a customer.
 */
export async function requestPortalLink(
  tx: Executor,
  deps: PortalDeps,
  slug: string,
  input: { email: string; lang?: 'zh-CN' | 'en' },
  now = new Date(),
): Promise<void> {
  const ws = await portalWorkspace(tx, slug)
  const [contact] = await tx
    .select({ id: contacts.id, name: contacts.name, email: contacts.email, accountName: accounts.name })
    .from(contacts)
    .innerJoin(
      accounts,
      and(eq(accounts.workspaceId, contacts.workspaceId), eq(accounts.id, contacts.accountId)),
    )
    .where(
      and(
        eq(contacts.workspaceId, ws.id),
        sql`lower(${contacts.email}) = ${input.email}`,
        eq(contacts.active, true),
        isNull(contacts.deletedAt),
        isNull(accounts.deletedAt),
      ),
    )
    .orderBy(desc(contacts.updatedAt))
    .limit(1)
  if (!contact) return
  const since = new Date(now.getTime() - LINK_MINUTES * 60_000)
  const [recent] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(portalLinks)
    .where(
      and(
        eq(portalLinks.workspaceId, ws.id),
        eq(portalLinks.email, input.email),
        gt(portalLinks.createdAt, since),
      ),
    )
  if ((recent?.n ?? 0) >= LINKS_PER_WINDOW) return
  const token = newSecret()
  await tx.insert(portalLinks).values({
    workspaceId: ws.id,
    id: newId(),
    contactId: contact.id,
    email: input.email,
    tokenHash: hash(token),
    createdAt: now,
    expiresAt: new Date(now.getTime() + LINK_MINUTES * 60_000),
  })
  const lang = input.lang ?? (ws.locale === 'en' ? 'en' : 'zh-CN')
  await emailAddress(tx, ws.id, deps.jobs, {
    to: contact.email!,
    ...portalLinkText(lang, { contact: contact.name, workspace: ws.name, minutes: LINK_MINUTES }),
    link: `/portal/${slug}/link/${token}`,
    lang,
    relatedType: 'contact',
    relatedId: contact.id,
    needsAbsoluteLink: true,
  })
}

/** Spends a sign-in link (once, before it expires) for a new portal session; returns the session's secret. */
export async function startPortalSession(
  tx: Executor,
  slug: string,
  token: string,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const ws = await portalWorkspace(tx, slug)
  const [link] = await tx
    .select()
    .from(portalLinks)
    .where(and(eq(portalLinks.workspaceId, ws.id), eq(portalLinks.tokenHash, hash(token))))
    .for('update')
  if (!link)
    throw new AppError('invalid', 'invalid_link', 'This sign-in link is not valid; ask for a new one')
  if (link.usedAt)
    throw new AppError('gone', 'link_used', 'This sign-in link was used already; ask for a new one')
  if (link.expiresAt <= now)
    throw new AppError('gone', 'link_expired', 'This sign-in link has expired; ask for a new one')
  const [contact] = await tx
    .select({ accountId: contacts.accountId, active: contacts.active, deletedAt: contacts.deletedAt })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ws.id), eq(contacts.id, link.contactId)))
  if (!contact?.accountId || !contact.active || contact.deletedAt)
    throw new AppError('invalid', 'invalid_link', 'This sign-in link is not valid; ask for a new one')
  await tx
    .update(portalLinks)
    .set({ usedAt: now })
    .where(and(eq(portalLinks.workspaceId, ws.id), eq(portalLinks.id, link.id)))
  const secret = newSecret()
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000)
  await tx.insert(portalSessions).values({
    workspaceId: ws.id,
    tokenHash: hash(secret),
    contactId: link.contactId,
    accountId: contact.accountId,
    createdAt: now,
    expiresAt,
  })
  return { token: secret, expiresAt }
}

/** The visitor of a portal session secret for this portal, or null (unknown, expired, another workspace's). */
export async function portalVisitor(
  tx: Executor,
  slug: string,
  secret: string | undefined,
  now = new Date(),
): Promise<PortalVisitor | null> {
  if (!secret || secret.length > 200) return null
  const ws = await findWorkspaceBySlug(tx, slug)
  if (!ws) return null
  const [s] = await tx
    .select()
    .from(portalSessions)
    .where(
      and(
        eq(portalSessions.workspaceId, ws.id),
        eq(portalSessions.tokenHash, hash(secret)),
        gt(portalSessions.expiresAt, now),
      ),
    )
  return s ? { ws: ws.id, slug, contactId: s.contactId, accountId: s.accountId } : null
}

export async function endPortalSession(tx: Executor, v: PortalVisitor, secret: string) {
  await tx
    .delete(portalSessions)
    .where(and(eq(portalSessions.workspaceId, v.ws), eq(portalSessions.tokenHash, hash(secret))))
}

export async function portalMe(tx: Executor, v: PortalVisitor): Promise<z.infer<typeof PortalMe>> {
  const ws = await portalWorkspace(tx, v.slug)
  const [c] = await tx
    .select({ id: contacts.id, name: contacts.name, email: contacts.email })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, v.ws), eq(contacts.id, v.contactId)))
  const [a] = await tx
    .select({ id: accounts.id, name: accounts.name })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, v.ws), eq(accounts.id, v.accountId)))
  return { workspace: { name: ws.name, slug: ws.slug }, contact: c!, account: a! }
}

type Row = typeof tickets.$inferSelect
const shown = (t: Row, contactName: string | null): z.infer<typeof PortalTicket> => ({
  id: t.id,
  number: t.number,
  subject: t.subject,
  body: t.body,
  type: t.type as z.infer<typeof PortalTicket>['type'],
  priority: t.priority as z.infer<typeof PortalTicket>['priority'],
  status: t.status as z.infer<typeof PortalTicket>['status'],
  satisfaction: t.satisfaction,
  createdAt: t.createdAt.toISOString(),
  updatedAt: t.updatedAt.toISOString(),
  resolvedAt: t.resolvedAt?.toISOString() ?? null,
  contactName,
})

/** The account's tickets (any of its contacts'), newest first. */
export async function portalTickets(tx: Executor, v: PortalVisitor, opts: { limit: number; offset: number }) {
  const rows = await tx
    .select({ t: tickets, contactName: contacts.name })
    .from(tickets)
    .leftJoin(
      contacts,
      and(eq(contacts.workspaceId, tickets.workspaceId), eq(contacts.id, tickets.contactId)),
    )
    .where(and(eq(tickets.workspaceId, v.ws), eq(tickets.accountId, v.accountId), isNull(tickets.deletedAt)))
    .orderBy(desc(tickets.createdAt), desc(tickets.id))
    .limit(opts.limit + 1)
    .offset(opts.offset)
  return {
    data: rows.slice(0, opts.limit).map((r) => shown(r.t, r.contactName)),
    hasMore: rows.length > opts.limit,
  }
}

/** One of the account's tickets; 404 for any other (another account's is not told apart from none). */
async function ownTicket(tx: Executor, v: PortalVisitor, id: string, lock = false) {
  const q = tx
    .select({ t: tickets, contactName: contacts.name })
    .from(tickets)
    .leftJoin(
      contacts,
      and(eq(contacts.workspaceId, tickets.workspaceId), eq(contacts.id, tickets.contactId)),
    )
    .where(
      and(
        eq(tickets.workspaceId, v.ws),
        eq(tickets.id, id),
        eq(tickets.accountId, v.accountId),
        isNull(tickets.deletedAt),
      ),
    )
  const [row] = lock ? await q.for('update', { of: tickets }) : await q
  if (!row) throw new AppError('not_found', 'not_found', 'Ticket was not found')
  return row
}

export async function portalTicket(tx: Executor, v: PortalVisitor, id: string) {
  const r = await ownTicket(tx, v, id)
  return shown(r.t, r.contactName)
}

/** A new ticket from the portal: the visitor's account and contact, channel `portal`; routed like any. */
export async function submitPortalTicket(
  tx: Executor,
  v: PortalVisitor,
  events: EventSink,
  input: z.infer<typeof PortalTicketCreate>,
) {
  const rec = (await ticketCollection.create(tx, systemCtx(v.ws, events), {
    accountId: v.accountId,
    contactId: v.contactId,
    subject: input.subject,
    body: input.body ?? null,
    type: input.type,
    priority: input.priority,
    status: 'new',
    channel: 'portal',
  } as never)) as { id: string }
  // The files come with the ticket as the contact's first message (a ticket has no files of its own);
  // a file that is not the contact's own upload refuses the whole submission.
  if (input.fileIds?.length)
    await addMessage(
      tx,
      systemCtx(v.ws, events),
      rec.id,
      { visibility: 'public', body: '', fileIds: input.fileIds },
      { kind: 'contact', contactId: v.contactId },
    )
  return portalTicket(tx, v, rec.id)
}

/** What the customer may do with a ticket: confirm a resolution (→ closed) or reopen it (→ open). */
export async function moveTicketFromPortal(
  tx: Executor,
  v: PortalVisitor,
  events: EventSink,
  id: string,
  action: 'confirm' | 'reopen',
) {
  const { t } = await ownTicket(tx, v, id, true)
  const allowed = action === 'confirm' ? ['resolved'] : ['resolved', 'closed']
  if (!allowed.includes(t.status)) {
    throw new AppError(
      'conflict',
      'ticket_state',
      action === 'confirm'
        ? 'Only a resolved ticket can be confirmed'
        : 'Only a resolved or closed ticket can be reopened',
    )
  }
  await ticketCollection.update(tx, systemCtx(v.ws, events), id, {
    version: t.version,
    status: action === 'confirm' ? 'closed' : 'open',
  } as never)
  return portalTicket(tx, v, id)
}

/** The customer's rating of a resolved or closed ticket, once (the ticket module's rating: rules, health). */
export async function rateTicketFromPortal(
  tx: Executor,
  v: PortalVisitor,
  events: EventSink,
  id: string,
  input: z.infer<typeof PortalRating>,
) {
  const { t } = await ownTicket(tx, v, id, true)
  if (t.status !== 'resolved' && t.status !== 'closed')
    throw new AppError('conflict', 'ticket_state', 'A ticket can be rated once it is resolved')
  await rateTicket(tx, systemCtx(v.ws, events), id, input)
  return portalTicket(tx, v, id)
}

/** The ticket's public conversation, oldest first (internal notes never reach the portal). */
export async function portalMessages(
  tx: Executor,
  v: PortalVisitor,
  id: string,
): Promise<{ data: z.infer<typeof PortalMessage>[] }> {
  await ownTicket(tx, v, id)
  const page = await pageOfMessages(tx, v.ws, id, { limit: 500, publicOnly: true })
  return {
    data: page.data
      .filter((m) => m.visibility === 'public')
      .map((m) => ({
        id: m.id,
        body: m.body,
        fromCustomer: m.authorContactId !== null,
        authorName: m.authorName,
        files: m.files,
        createdAt: m.createdAt,
      })),
  }
}

/** The customer's reply on their ticket: a public message by the contact (a resolved ticket reopens). */
export async function replyFromPortal(
  tx: Executor,
  v: PortalVisitor,
  events: EventSink,
  id: string,
  input: z.infer<typeof PortalMessageCreate>,
) {
  await ownTicket(tx, v, id, true)
  // The conversation's one way for a customer's message (the e-mail intake uses it too).
  await addContactMessage(tx, systemCtx(v.ws, events), id, v.contactId, {
    body: input.body,
    fileIds: input.fileIds,
  })
  return portalMessages(tx, v, id)
}

/** A file the contact uploads, to attach to a new ticket or a reply; theirs alone until attached. */
export async function uploadFromPortal(tx: Executor, v: PortalVisitor, events: EventSink, upload: Upload) {
  const f = await storeFile(tx, systemCtx(v.ws, events), upload, { contactId: v.contactId })
  return { id: f.id, name: f.name, size: f.size, contentType: f.contentType }
}

/**
 * A file for the portal visitor: their own upload, or one attached to a public reply on a ticket of their
 * account (never an internal note's file, nor another account's); 404 for anything else.
 */
export function portalFile(tx: Executor, v: PortalVisitor, id: string) {
  return openFile(tx, v.ws, id, async (f) => {
    if (f.createdByContactId === v.contactId) return true
    const ids = await ticketsShowingFile(tx, v.ws, f.id)
    if (!ids.length) return false
    const [own] = await tx
      .select({ id: tickets.id })
      .from(tickets)
      .where(
        and(
          eq(tickets.workspaceId, v.ws),
          inArray(tickets.id, ids),
          eq(tickets.accountId, v.accountId),
          isNull(tickets.deletedAt),
        ),
      )
      .limit(1)
    return !!own
  })
}
