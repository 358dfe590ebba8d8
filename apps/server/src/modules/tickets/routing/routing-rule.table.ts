import { boolean, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import type { ConditionGroup, RoutingAssign } from '@openkam/contract'
import { businessColumns } from '../../../core/db/columns'

/** Ticket routing rules (service desk): the first enabled one a new ticket matches decides where it goes. */
export const ticketRoutingRules = pgTable(
  'ticket_routing_rules',
  {
    ...businessColumns(),
    name: text('name').notNull(),
    /** Position in the list, 1 first (`order` is a keyword in SQL, hence the column's name). */
    order: integer('sort_order').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    condition: jsonb('condition').$type<ConditionGroup>().notNull().default({}),
    assign: jsonb('assign').$type<RoutingAssign>().notNull(),
    /** Round-robin memory: who got this rule's last ticket (updated under the rule row's lock). */
    lastAssigneeId: uuid('last_assignee_id'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('ticket_routing_rules_order_idx').on(t.workspaceId, t.order),
  ],
)
