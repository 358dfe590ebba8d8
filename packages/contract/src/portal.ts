import { z } from 'zod'
import { Id, Timestamp } from './common'
import { ticketPriorities, ticketStatuses, ticketTypes } from './records'
import { TicketMessageFile } from './ticket-conversation'
export { TicketRatingAnswer as PortalRating } from './ticket-conversation'

/** Asks for a one-time sign-in link to the customer portal (answered 202 whether or not the address is known). */
export const PortalSignIn = z
  .object({
    email: z.email('must be an e-mail address').transform((s) => s.toLowerCase()),
    lang: z.enum(['zh-CN', 'en']).optional(),
  })
  .strict()
  .meta({ id: 'PortalSignIn' })

/** Exchanges the e-mailed link's token for a portal session (cookie). */
export const PortalSessionStart = z
  .object({ token: z.string().min(20, 'not a sign-in link').max(200, 'not a sign-in link') })
  .strict()
  .meta({ id: 'PortalSessionStart' })

export const PortalMe = z
  .object({
    workspace: z.object({ name: z.string(), slug: z.string() }),
    contact: z.object({ id: Id, name: z.string(), email: z.string().nullable() }),
    account: z.object({ id: Id, name: z.string() }),
  })
  .meta({ id: 'PortalMe' })

/** A ticket as its customer sees it: no internal fields (assignee, team, routing, internal notes). */
export const PortalTicket = z
  .object({
    id: Id,
    number: z.string().nullable(),
    subject: z.string(),
    body: z.string().nullable(),
    type: z.enum(ticketTypes),
    priority: z.enum(ticketPriorities),
    status: z.enum(ticketStatuses),
    satisfaction: z.number().int().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    resolvedAt: Timestamp.nullable(),
    contactName: z.string().nullable(),
  })
  .meta({ id: 'PortalTicket' })

export const PortalTicketCreate = z
  .object({
    subject: z.string().trim().min(1, 'is required').max(300, 'at most 300 characters'),
    body: z.string().trim().max(50_000, 'at most 50000 characters').optional(),
    type: z.enum(ticketTypes).default('question'),
    priority: z.enum(ticketPriorities).default('normal'),
    /** Files the contact uploaded (POST /portal/<workspace>/files), shown with the ticket's first message. */
    fileIds: z.array(Id).max(10, 'at most 10 files a message').optional(),
  })
  .strict()
  .meta({ id: 'PortalTicketCreate' })

/** A message as the customer sees it in the portal (public replies only; who wrote it, never internal ids). */
export const PortalMessage = z
  .object({
    id: Id,
    body: z.string(),
    fromCustomer: z.boolean(),
    authorName: z.string().nullable(),
    /** Attachments, each downloadable at GET /portal/<workspace>/files/:id. */
    files: z.array(TicketMessageFile),
    createdAt: Timestamp,
  })
  .meta({ id: 'PortalMessage' })

/** A file the contact uploaded in the portal, to attach to a new ticket or a reply (by `fileIds`). */
export const PortalFile = TicketMessageFile.meta({ id: 'PortalFile' })

/** The customer's reply: words, files (uploaded first), or both. */
export const PortalMessageCreate = z
  .object({
    body: z.string().trim().max(20_000, 'at most 20000 characters').default(''),
    fileIds: z.array(Id).max(10, 'at most 10 files a message').optional(),
  })
  .strict()
  .refine((v) => v.body.length > 0 || (v.fileIds?.length ?? 0) > 0, {
    path: ['body'],
    message: 'must not be empty',
  })
  .meta({ id: 'PortalMessageCreate' })
