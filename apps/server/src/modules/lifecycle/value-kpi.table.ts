import { date, doublePrecision, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { businessColumns } from '../../core/db/columns'

/**
 * KPIs the customer measured before and after (SPEC R-09): cost, hours, error rate … with the direction
 * that is better. The value report shows each with its change and sign.
 */
export const valueKpis = pgTable(
  'value_kpis',
  {
    ...businessColumns(),
    accountId: uuid('account_id').notNull(),
    name: text('name').notNull(),
    unit: text('unit'),
    before: doublePrecision('before').notNull(),
    after: doublePrecision('after').notNull(),
    /** `higher` or `lower`: which way is better. */
    betterWhen: text('better_when').notNull(),
    measuredOn: date('measured_on', { mode: 'string' }),
    note: text('note'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('value_kpis_account_idx').on(t.workspaceId, t.accountId),
    index('value_kpis_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
  ],
)
