import { sql } from 'drizzle-orm'
import { index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { businessColumns, tstz } from '../../core/db/columns'

/** Marketing responses: events attended, e-mails clicked, pages visited. */
export const marketingTouches = pgTable(
  'marketing_touches',
  {
    ...businessColumns(),
    accountId: uuid('account_id').notNull(),
    contactId: uuid('contact_id'),
    leadId: uuid('lead_id'),
    kind: text('kind').notNull(),
    campaign: text('campaign'),
    title: text('title').notNull(),
    url: text('url'),
    occurredAt: tstz('occurred_at').notNull(),
    externalId: text('external_id'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('marketing_touches_account_idx').on(t.workspaceId, t.accountId, t.occurredAt),
    index('marketing_touches_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
    uniqueIndex('marketing_touches_external_key')
      .on(t.workspaceId, t.externalId)
      .where(sql`${t.externalId} is not null`),
  ],
)
