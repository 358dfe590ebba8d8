import {
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { tstz } from '../../core/db/columns'

/**
 * A workspace's finance connector: which system, its address, and the credentials sealed with the
 * secret box (core/crypto/secret-box.ts) — never stored or answered in clear.
 */
export const financeSettings = pgTable('finance_settings', {
  workspaceId: uuid('workspace_id').primaryKey(),
  /** `kingdee` or `yonyou`. */
  provider: text('provider').notNull(),
  baseUrl: text('base_url').notNull(),
  credentialsSealed: text('credentials_sealed'),
  enabled: boolean('enabled').notNull().default(false),
  /** Receipts are fetched from this date on (the day before the last successful pull). */
  receiptsSince: text('receipts_since'),
  lastPullAt: tstz('last_pull_at'),
  lastPullError: text('last_pull_error'),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
})

/**
 * One row per contract sent to the finance system (unique per workspace and contract number, which is
 * what makes a replayed `contract.approved` or a retry never create a second receivable).
 */
export const financeSyncs = pgTable(
  'finance_syncs',
  {
    workspaceId: uuid('workspace_id').notNull(),
    contractId: uuid('contract_id').notNull(),
    contractNumber: text('contract_number').notNull(),
    provider: text('provider').notNull(),
    /** pending → sending → synced; a failure → retrying (with next_attempt_at) … → failed. */
    state: text('state').notNull(),
    externalId: text('external_id'),
    billNumber: text('bill_number'),
    /** The amount and currency the receivable was created with (the reconciliation compares them). */
    amount: numeric('amount', { precision: 18, scale: 2 }),
    currency: text('currency'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: tstz('next_attempt_at'),
    lockedUntil: tstz('locked_until'),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.contractId] }),
    uniqueIndex('finance_syncs_number_uq').on(t.workspaceId, t.contractNumber),
  ],
)

/** Every call to the finance system, with request and answer (redacted) — the sync log. */
export const financeLog = pgTable(
  'finance_log',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    at: tstz('at').notNull().defaultNow(),
    provider: text('provider').notNull(),
    document: text('document').notNull(),
    operation: text('operation').notNull(),
    contractId: uuid('contract_id'),
    contractNumber: text('contract_number'),
    state: text('state').notNull(),
    error: text('error'),
    request: jsonb('request'),
    response: jsonb('response'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('finance_log_at_idx').on(t.workspaceId, t.at, t.id),
  ],
)

/** Receipts (收款单) taken from the finance system, once each, and the payments they became. */
export const financeReceipts = pgTable(
  'finance_receipts',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    provider: text('provider').notNull(),
    externalId: text('external_id').notNull(),
    billNumber: text('bill_number').notNull(),
    /** The receivable (= contract number) the receipt settles, as the finance system names it. */
    sourceNumber: text('source_number'),
    contractId: uuid('contract_id'),
    amount: numeric('amount', { precision: 18, scale: 2 }).notNull(),
    currency: text('currency').notNull(),
    receivedOn: text('received_on').notNull(),
    paymentIds: jsonb('payment_ids').$type<string[]>().notNull().default([]),
    /** `applied` (payments recorded) or `unmatched` (no contract of that number). */
    state: text('state').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('finance_receipts_ext_uq').on(t.workspaceId, t.provider, t.externalId),
  ],
)
