import { date, index, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core'
import { tstz } from '../../core/db/columns'

/**
 * The mark that renewal work started for a contract (SPEC R-09): inserted in the same transaction as
 * the re-check task and the draft renewal opportunity, and its primary key makes that once per contract
 * however often and on however many workers the scan runs.
 */
export const contractRenewals = pgTable(
  'contract_renewals',
  {
    workspaceId: uuid('workspace_id').notNull(),
    contractId: uuid('contract_id').notNull(),
    /** The end date the work was started for. */
    endDate: date('end_date', { mode: 'string' }).notNull(),
    taskId: uuid('task_id'),
    opportunityId: uuid('opportunity_id'),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.contractId] }),
    index('contract_renewals_opportunity_idx').on(t.workspaceId, t.opportunityId),
  ],
)
