import type { TicketMessage, TicketMessageCreate } from '@openkam/contract'
import { scopeFor } from '../../../core/access/permissions'
import { recordAudit } from '../../../core/audit/audit'
import type { Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
import { AppError, notFound } from '../../../core/errors'
import { isUuid, newId } from '../../../core/ids'
import { recordFirstResponse } from '../sla'
import { ticketCollection } from '../ticket.collection'
import {
  contactsByIds,
  filesMeta,
  findTicket,
  insertMessage,
  messagesOf,
  ticketsWithFile,
  userNames,
  type MessageRow,
} from './ticket-message.repository'

type Row = Record<string, any>

/** Who writes a message: an agent (signed in), or the ticket's contact (the portal, an e-mail reply). */
export type MessageAuthor = { kind: 'user'; userId: string } | { kind: 'contact'; contactId: string }

const invalid = (path: string, message: string) =>
  new AppError('invalid', 'invalid_input', `Invalid ${path}: ${message}`, { errors: [{ path, message }] })

/**
 * The ticket an agent may write on: 404 when they may not read it (or it is another workspace's),
 * 403 when they may read but not change it.
 */
async function ticketForAgent(tx: Executor, ctx: Ctx, ticketId: string, action: 'read' | 'update') {
  if (!isUuid(ticketId)) throw notFound('Ticket')
  const read = ticketCollection.visibility(ctx, ticketCollection.scope(ctx, 'read'))
  const ticket = await findTicket(tx, ctx.ws, ticketId, read)
  if (!ticket) throw notFound('Ticket')
  if (action === 'update') {
    const scope = ticketCollection.scope(ctx, 'update')
    if (!(await findTicket(tx, ctx.ws, ticketId, ticketCollection.visibility(ctx, scope))))
      throw new AppError('forbidden', 'forbidden', 'Your role may read this ticket but not reply on it')
  }
  return ticket
}

/**
 * Adds a message to a ticket's conversation, in the caller's transaction: the row, an audit entry on the
 * ticket and the `ticket.message_added` event (whose handler e-mails an agent's public reply to the
 * ticket's contact). An agent's first public reply marks the ticket's first response and opens a `new`
 * ticket. For an agent the ticket must be one they may change (404 / 403 otherwise); for a contact the
 * caller (the portal) has already checked that the ticket is theirs.
 * @example await addMessage(tx, ctx, ticketId, { visibility: 'public', body: 'Fixed in 2.4' }, { kind: 'user', userId })
 */
export async function addMessage(
  tx: Executor,
  ctx: Ctx,
  ticketId: string,
  input: TicketMessageCreate,
  author: MessageAuthor,
): Promise<TicketMessage> {
  const ticket =
    author.kind === 'user'
      ? await ticketForAgent(tx, ctx, ticketId, 'update')
      : isUuid(ticketId)
        ? await findTicket(tx, ctx.ws, ticketId)
        : null
  if (!ticket) throw notFound('Ticket')
  if (author.kind === 'contact' && input.visibility !== 'public')
    throw invalid('visibility', 'a customer writes public messages only')
  const fileIds = [...new Set(input.fileIds ?? [])]
  if (fileIds.length) {
    const found = new Map((await filesMeta(tx, ctx.ws, fileIds)).map((f) => [f.id, f]))
    // One attaches the files one uploaded (an agent, or the contact in the portal): attaching someone
    // else's would open it to the ticket's readers — and a contact's to the customer.
    const bad = fileIds.filter((id) => {
      const f = found.get(id)
      return (
        !f ||
        (author.kind === 'user' ? f.createdBy !== author.userId : f.createdByContactId !== author.contactId)
      )
    })
    if (bad.length)
      throw invalid('fileIds', `no such file of yours: ${bad.join(', ')} — upload it first (POST /files)`)
  }
  const now = new Date()
  const row = await insertMessage(tx, {
    id: newId(),
    workspaceId: ctx.ws,
    createdAt: now,
    updatedAt: now,
    createdBy: author.kind === 'user' ? author.userId : null,
    ownerId: null,
    ticketId,
    visibility: input.visibility,
    body: input.body,
    authorUserId: author.kind === 'user' ? author.userId : null,
    authorContactId: author.kind === 'contact' ? author.contactId : null,
    fileIds,
  })
  const [message] = await toMessages(tx, ctx.ws, [row])
  await recordAudit(tx, ctx, [
    {
      action: input.visibility === 'public' ? 'reply' : 'note',
      entityType: 'ticket',
      entityId: ticketId,
      after: { messageId: row.id, visibility: row.visibility, body: row.body, fileIds },
    },
  ])
  await ctx.events.emit(tx, ctx, [
    {
      type: 'ticket.message_added',
      entityType: 'ticket',
      entityId: ticketId,
      payload: {
        ticketId,
        messageId: row.id,
        visibility: input.visibility,
        authorUserId: row.authorUserId,
        authorContactId: row.authorContactId,
        accountId: ticket.accountId,
        contactId: ticket.contactId,
        number: ticket.number,
      },
    },
  ])
  if (author.kind === 'user' && input.visibility === 'public') await markFirstResponse(tx, ctx, ticket, now)
  return message!
}

/**
 * The first public reply by an agent is the ticket's first response (the SLA part records it, and marks a
 * late one breached), and a `new` ticket becomes `open` (an audited change with its event).
 */
async function markFirstResponse(tx: Executor, ctx: Ctx, ticket: Row, at: Date) {
  await recordFirstResponse(tx, ctx.ws, ticket.id, at)
  if (ticket.status === 'new')
    await ticketCollection.update(tx, ctx, ticket.id, { status: 'open', version: ticket.version })
}

const cursorOf = (m: MessageRow) =>
  Buffer.from(`${m.createdAt.toISOString()}|${m.id}`, 'utf8').toString('base64url')
const readCursor = (c: string) => {
  const [at, id] = Buffer.from(c, 'base64url').toString('utf8').split('|')
  const d = new Date(at ?? '')
  if (!id || !isUuid(id) || Number.isNaN(d.getTime())) throw invalid('cursor', 'not a cursor of this list')
  return { at: d, id }
}

/**
 * A page of a ticket's conversation, oldest first, for someone who may read the ticket (404 otherwise);
 * `publicOnly` leaves internal notes out (the customer's view).
 */
export async function listMessages(
  tx: Executor,
  ctx: Ctx,
  ticketId: string,
  q: { limit: number; cursor?: string },
): Promise<{ data: TicketMessage[]; nextCursor: string | null }> {
  await ticketForAgent(tx, ctx, ticketId, 'read')
  return pageOfMessages(tx, ctx.ws, ticketId, { ...q, publicOnly: false })
}

/** The same page without any permission check (the caller checked): the portal lists public ones. */
export async function pageOfMessages(
  tx: Executor,
  ws: string,
  ticketId: string,
  q: { limit: number; cursor?: string; publicOnly: boolean },
) {
  const rows = await messagesOf(tx, ws, ticketId, {
    limit: q.limit + 1,
    after: q.cursor ? readCursor(q.cursor) : undefined,
    publicOnly: q.publicOnly,
  })
  const page = rows.slice(0, q.limit)
  return {
    data: await toMessages(tx, ws, page),
    nextCursor: rows.length > q.limit ? cursorOf(page.at(-1)!) : null,
  }
}

/** Rows → wire messages, with authors' names and files' metadata in three queries for the page. */
async function toMessages(tx: Executor, ws: string, rows: MessageRow[]): Promise<TicketMessage[]> {
  const ids = (k: 'authorUserId' | 'authorContactId') => [
    ...new Set(rows.map((r) => r[k]).filter((x): x is string => !!x)),
  ]
  const [people, contacts, files] = await Promise.all([
    userNames(tx, ws, ids('authorUserId')),
    contactsByIds(tx, ws, ids('authorContactId')),
    filesMeta(tx, ws, [...new Set(rows.flatMap((r) => r.fileIds))]),
  ])
  const name = new Map([...people, ...contacts].map((p) => [p.id, p.name]))
  const file = new Map(files.map((f) => [f.id, f]))
  return rows.map((r) => ({
    id: r.id,
    ticketId: r.ticketId,
    visibility: r.visibility as TicketMessage['visibility'],
    body: r.body,
    authorUserId: r.authorUserId,
    authorContactId: r.authorContactId,
    authorName: name.get((r.authorUserId ?? r.authorContactId)!) ?? null,
    files: r.fileIds
      .map((id) => file.get(id))
      .filter((f) => !!f)
      .map((f) => ({ id: f.id, name: f.name, size: f.size, contentType: f.contentType })),
    emailStatus: r.emailStatus as TicketMessage['emailStatus'],
    emailedTo: r.emailedTo,
    emailedAt: r.emailedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  }))
}

/**
 * The tickets on whose public replies a file is attached (what a customer may see of it; internal notes'
 * files never count).
 */
export const ticketsShowingFile = (tx: Executor, ws: string, fileId: string) =>
  ticketsWithFile(tx, ws, fileId, { publicOnly: true })

/**
 * Files attached to ticket messages open to whoever may read the ticket, and people who may change
 * tickets may upload (registered with the files module at start).
 */
export const ticketFileAccess = {
  read: async (tx: Executor, ctx: Ctx, fileId: string) => {
    const scope = scopeFor(ctx.principal, 'tickets', 'read')
    if (scope === 'none') return false
    const read = ticketCollection.visibility(ctx, scope)
    for (const id of await ticketsWithFile(tx, ctx.ws, fileId))
      if (await findTicket(tx, ctx.ws, id, read)) return true
    return false
  },
  upload: (ctx: Ctx) =>
    ctx.principal.kind === 'user' && scopeFor(ctx.principal, 'tickets', 'update') !== 'none',
}
