import { z } from 'zod'
import { Id } from './common'
import { tiers, ticketResource } from './records'

/** What the agents' queue shows of a ticket's account: who, how valuable, how healthy, what is wrong. */
export const QueueAccount = z
  .object({
    id: Id,
    name: z.string(),
    tier: z.enum(tiers).nullable(),
    health: z.object({ score: z.number(), band: z.string() }).nullable(),
    /** Open and acknowledged alerts, and how many of them are danger. */
    alerts: z.object({ open: z.number().int(), danger: z.number().int() }),
  })
  .meta({ id: 'QueueAccount' })

/** How many open tickets the queue holds in each of its views (the team filter applied, no other). */
export const QueueCounts = z
  .object({
    open: z.number().int(),
    unassigned: z.number().int(),
    mine: z.number().int(),
    atRisk: z.number().int(),
    breached: z.number().int(),
  })
  .meta({ id: 'QueueCounts' })

/**
 * `GET /api/v1/ticket-queue`: a page of tickets (any ticket list filter; by default the open ones, most
 * urgent due time first), each ticket's account summary, and the counts per view.
 */
export const TicketQueue = z
  .object({
    data: z.array(ticketResource.Record),
    nextCursor: z.string().nullable(),
    accounts: z.record(z.string(), QueueAccount),
    counts: QueueCounts,
  })
  .meta({ id: 'TicketQueue' })
export type TicketQueue = z.infer<typeof TicketQueue>
export type QueueAccount = z.infer<typeof QueueAccount>
export type Ticket = z.infer<typeof ticketResource.Record>
