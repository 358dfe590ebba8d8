import { boolean, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { tstz } from '../../core/db/columns'

/**
 * Relationship signals (SPEC R-29): a contact left, changed title / buying role / stance, or a new
 * champion or economic buyer replaced another. One row per signal, written with its outbox event, so
 * health, alerts and the decision map can ask "did a key contact change in the last 30 days".
 */
export const relationshipSignals = pgTable(
  'relationship_signals',
  {
    id: uuid('id').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    accountId: uuid('account_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    /** `left`, `role_changed`, `key_contact_replaced`. */
    kind: text('kind').notNull(),
    /** The contact was (before) or is (after) a champion or economic buyer. */
    keyContact: boolean('key_contact').notNull().default(false),
    /** For replacements: the key role taken over (`champion`, `economic_buyer`) and whom it replaced. */
    keyRole: text('key_role'),
    replacedContactId: uuid('replaced_contact_id'),
    before: jsonb('before').$type<Record<string, unknown>>().notNull().default({}),
    after: jsonb('after').$type<Record<string, unknown>>().notNull().default({}),
    /** The contact event it was derived from (one signal of a kind per event). */
    sourceEventId: uuid('source_event_id'),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('relationship_signals_account_idx').on(t.workspaceId, t.accountId, t.at),
    index('relationship_signals_contact_idx').on(t.workspaceId, t.contactId, t.at),
  ],
)
