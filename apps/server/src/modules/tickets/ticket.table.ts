import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { businessColumns, tstz } from '../../core/db/columns'

export const tickets = pgTable(
  'tickets',
  {
    ...businessColumns(),
    accountId: uuid('account_id').notNull(),
    contactId: uuid('contact_id'),
    type: text('type').notNull().default('question'),
    priority: text('priority').notNull().default('normal'),
    subject: text('subject').notNull(),
    body: text('body'),
    status: text('status').notNull().default('new'),
    assigneeId: uuid('assignee_id'),
    teamId: uuid('team_id'),
    satisfaction: integer('satisfaction'),
    /** The contact's comment with their satisfaction rating, and when they rated (satisfaction/). */
    satisfactionComment: text('satisfaction_comment'),
    satisfactionAt: tstz('satisfaction_at'),
    channel: text('channel'),
    resolvedAt: tstz('resolved_at'),
    /** `TK-10001`…: per workspace, from ticket_counters, given on create. */
    number: text('number'),
    // Service levels (service desk): due times from the account's tier, the first agent reply, status,
    // and the pause while the ticket waits on the customer.
    firstResponseDueAt: tstz('first_response_due_at'),
    resolutionDueAt: tstz('resolution_due_at'),
    firstRespondedAt: tstz('first_responded_at'),
    slaStatus: text('sla_status'),
    slaPausedAt: tstz('sla_paused_at'),
    slaPausedMinutes: integer('sla_paused_minutes').notNull().default(0),
    /**
     * What is due next (the agents' queue sorts by it): the first response until it is given, then the
     * resolution; nothing while the clock is paused (waiting on the customer) or once resolved.
     */
    nextDueAt: tstz('next_due_at').generatedAlwaysAs(
      sql`case when status in ('resolved', 'closed') or sla_paused_at is not null then null when first_responded_at is null then first_response_due_at else resolution_due_at end`,
    ),
    /** Which routing rule sent the ticket to whom, and why. */
    routedBy: jsonb('routed_by').$type<{
      ruleId: string | null
      ruleName: string | null
      strategy: 'round_robin' | 'least_open' | 'named' | null
      reason: string
    }>(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('tickets_account_idx').on(t.workspaceId, t.accountId, t.createdAt),
    index('tickets_status_idx').on(t.workspaceId, t.status, t.priority),
    index('tickets_assignee_idx').on(t.workspaceId, t.assigneeId),
    index('tickets_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
    uniqueIndex('tickets_number_idx').on(t.workspaceId, t.number),
    index('tickets_sla_idx').on(t.workspaceId, t.slaStatus, t.resolutionDueAt),
    index('tickets_queue_idx').on(t.workspaceId, t.teamId, t.nextDueAt, t.id),
  ],
)

/** The last ticket number given in each workspace (a row lock serialises concurrent creates). */
export const ticketCounters = pgTable('ticket_counters', {
  workspaceId: uuid('workspace_id').primaryKey(),
  last: bigint('last', { mode: 'number' }).notNull(),
})
