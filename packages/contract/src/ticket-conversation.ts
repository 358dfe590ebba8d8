import { z } from 'zod'
import { Id, Timestamp } from './common'

/** Who sees a ticket message: `public` replies reach the customer's contact, `internal` notes never do. */
export const ticketMessageVisibilities = ['public', 'internal'] as const
/** What became of a public reply's e-mail to the contact: `queued`, or why none went. */
export const ticketEmailStatuses = ['queued', 'no_contact', 'no_email', 'not_configured'] as const

export const TicketMessageFile = z
  .object({ id: Id, name: z.string(), size: z.number().int(), contentType: z.string() })
  .meta({ id: 'TicketMessageFile' })

/** One message of a ticket's conversation (oldest first in the list). */
export const TicketMessage = z
  .object({
    id: Id,
    ticketId: Id,
    visibility: z.enum(ticketMessageVisibilities),
    body: z.string(),
    /** The agent who wrote it, or the contact (portal, e-mail): exactly one is set. */
    authorUserId: Id.nullable(),
    authorContactId: Id.nullable(),
    authorName: z.string().nullable(),
    files: z.array(TicketMessageFile),
    emailStatus: z.enum(ticketEmailStatuses).nullable(),
    emailedTo: z.string().nullable(),
    emailedAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'TicketMessage' })
export type TicketMessage = z.infer<typeof TicketMessage>

export const TicketMessageCreate = z
  .object({
    visibility: z.enum(ticketMessageVisibilities, {
      error: 'public (reply to the customer) or internal (note)',
    }),
    body: z.string().trim().min(1, 'must not be empty').max(20_000, 'at most 20000 characters'),
    fileIds: z.array(Id).max(10, 'at most 10 files a message').optional(),
  })
  .strict()
  .meta({ id: 'TicketMessageCreate' })
export type TicketMessageCreate = z.infer<typeof TicketMessageCreate>

export const TicketMessagesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional(),
})

/** What a satisfaction link shows (no login). */
export const PublicTicketRating = z
  .object({
    ticketNumber: z.string().nullable(),
    subject: z.string(),
    accountName: z.string(),
    contactName: z.string().nullable(),
    workspaceName: z.string(),
    locale: z.enum(['zh-CN', 'en']),
    resolvedAt: Timestamp.nullable(),
    expiresAt: Timestamp,
  })
  .meta({ id: 'PublicTicketRating' })
export type PublicTicketRating = z.infer<typeof PublicTicketRating>

/** The contact's rating of how their ticket was handled: 1 (very poor) to 5 (very good). */
export const TicketRatingAnswer = z
  .object({
    score: z
      .number({ error: 'score must be a whole number from 1 to 5' })
      .int('score must be a whole number from 1 to 5')
      .min(1, 'score must be a whole number from 1 to 5')
      .max(5, 'score must be a whole number from 1 to 5'),
    comment: z.string().trim().max(2000, 'at most 2000 characters').optional(),
  })
  .strict()
  .meta({ id: 'TicketRatingAnswer' })
export type TicketRatingAnswer = z.infer<typeof TicketRatingAnswer>

export const TicketRated = z
  .object({ score: z.number().int(), ratedAt: Timestamp })
  .meta({ id: 'TicketRated' })
export type TicketRated = z.infer<typeof TicketRated>
