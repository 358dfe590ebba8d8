import { sql } from 'drizzle-orm'
import { boolean, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { businessColumns, tstz } from '../../core/db/columns'

export const contacts = pgTable(
  'contacts',
  {
    ...businessColumns(),
    accountId: uuid('account_id').notNull(),
    name: text('name').notNull(),
    title: text('title'),
    department: text('department'),
    email: text('email'),
    phone: text('phone'),
    buyingRole: text('buying_role'),
    influence: integer('influence'),
    stance: text('stance'),
    relationshipStrength: integer('relationship_strength'),
    reportsToId: uuid('reports_to_id'),
    active: boolean('active').notNull().default(true),
    leftAt: tstz('left_at'),
    lastContactedAt: tstz('last_contacted_at'),
    notes: text('notes'),
    /** Decision map: the contacts this one sways beyond the reporting line. */
    influences: uuid('influences').array(),
    /** Our colleague who owns the relationship, its current and target level (1–5). */
    relationshipOwnerId: uuid('relationship_owner_id'),
    relationshipLevel: integer('relationship_level'),
    targetLevel: integer('target_level'),
    /** A persona for a role not yet identified (no real person behind it yet). */
    placeholder: boolean('placeholder').default(false),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('contacts_account_idx').on(t.workspaceId, t.accountId),
    index('contacts_owner_idx').on(t.workspaceId, t.ownerId),
    index('contacts_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
    index('contacts_name_idx').on(t.workspaceId, sql`lower(${t.name})`),
    index('contacts_email_idx').on(t.workspaceId, sql`lower(${t.email})`),
  ],
)
