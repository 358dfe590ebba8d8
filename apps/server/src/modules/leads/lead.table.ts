import { sql } from 'drizzle-orm'
import { index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { businessColumns, tstz } from '../../core/db/columns'

export const leads = pgTable(
  'leads',
  {
    ...businessColumns(),
    name: text('name').notNull(),
    company: text('company'),
    title: text('title'),
    email: text('email'),
    phone: text('phone'),
    source: text('source'),
    industry: text('industry'),
    region: text('region'),
    score: integer('score'),
    status: text('status').notNull().default('new'),
    notes: text('notes'),
    convertedAccountId: uuid('converted_account_id'),
    convertedAt: tstz('converted_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('leads_owner_idx').on(t.workspaceId, t.ownerId),
    index('leads_status_idx').on(t.workspaceId, t.status, t.updatedAt),
    index('leads_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
    index('leads_email_idx').on(t.workspaceId, sql`lower(${t.email})`),
  ],
)
