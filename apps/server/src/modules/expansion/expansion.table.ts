import { sql } from 'drizzle-orm'
import { index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { businessColumns, tstz } from '../../core/db/columns'

/** The figures behind a suggestion, by name (e.g. `{activeUsers: 92, seats: 100}`). */
export type Evidence = Record<string, string | number | boolean | null>

/**
 * Cross-sell and upsell suggestions (SPEC R-14): one row per account and basis (what the suggestion rests
 * on, e.g. `seats`, `feature:reports`, `module:analytics`, `renewal:<contract id>`, `tier_line`). At most
 * one open suggestion per account and basis (the partial unique index); accepting one links the
 * opportunity it created, dismissing one keeps why and when (the basis is not suggested again for a while).
 */
export const expansionSuggestions = pgTable(
  'expansion_suggestions',
  {
    ...businessColumns(),
    accountId: uuid('account_id').notNull(),
    kind: text('kind').notNull(),
    basis: text('basis').notNull(),
    /** The rule that made it: seat_pressure, feature_limit, peer_module, renewal_window, tier_line. */
    rule: text('rule').notNull(),
    evidence: jsonb('evidence').$type<Evidence>().notNull().default({}),
    status: text('status').notNull().default('open'),
    opportunityId: uuid('opportunity_id'),
    acceptedAt: tstz('accepted_at'),
    acceptedBy: uuid('accepted_by'),
    dismissReason: text('dismiss_reason'),
    dismissedAt: tstz('dismissed_at'),
    dismissedBy: uuid('dismissed_by'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('expansion_suggestions_account_idx').on(t.workspaceId, t.accountId, t.status),
    index('expansion_suggestions_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
    uniqueIndex('expansion_suggestions_open_key')
      .on(t.workspaceId, t.accountId, t.basis)
      .where(sql`${t.status} = 'open' and ${t.deletedAt} is null`),
  ],
)
