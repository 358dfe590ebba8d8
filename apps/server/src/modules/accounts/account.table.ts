import { sql } from 'drizzle-orm'
import { index, numeric, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { businessColumns } from '../../core/db/columns'

export const accounts = pgTable(
  'accounts',
  {
    ...businessColumns(),
    name: text('name').notNull(),
    industry: text('industry'),
    annualSpend: numeric('annual_spend', { precision: 18, scale: 2 }),
    currency: text('currency').notNull().default('CNY'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('accounts_owner_idx').on(t.workspaceId, t.ownerId, t.updatedAt),
    index('accounts_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
    index('accounts_name_idx').on(t.workspaceId, sql`lower(${t.name})`),
    index('accounts_industry_idx').on(t.workspaceId, t.industry),
  ],
)
