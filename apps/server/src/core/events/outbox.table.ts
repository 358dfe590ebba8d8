import { index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { tstz } from '../db/columns'

/** Every domain event, written in the transaction of the change that caused it. */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    type: text('type').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    actorId: uuid('actor_id'),
    requestId: text('request_id'),
    cause: jsonb('cause').$type<{ ruleId: string; runId: string; depth: number }>(),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('outbox_entity_idx').on(t.workspaceId, t.entityType, t.entityId),
    index('outbox_type_idx').on(t.workspaceId, t.type, t.createdAt),
  ],
)

/** One row per (handler, event) that was handled, in the handler's own transaction: exactly-once effects. */
export const eventReceipts = pgTable(
  'event_receipts',
  {
    workspaceId: uuid('workspace_id').notNull(),
    handler: text('handler').notNull(),
    eventId: uuid('event_id').notNull(),
    handledAt: tstz('handled_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.handler, t.eventId] })],
)
