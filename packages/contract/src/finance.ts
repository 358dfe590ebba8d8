import { z } from 'zod'
import { Id, Timestamp } from './common'

/**
 * The finance connector (docs/integrations.md): approved contracts become receivables in Kingdee
 * 金蝶云星空 (K3 Cloud WebAPI) or Yonyou 用友 (YonBIP open API); receipts come back as payments.
 */
export const financeProviders = ['kingdee', 'yonyou'] as const
export type FinanceProvider = (typeof financeProviders)[number]

const secret = (what: string) => z.string().trim().min(1, `${what} is required`).max(500)

/** Kingdee K3 Cloud: data centre (账套) id, integration user, third-party app id and secret. */
export const KingdeeCredentials = z.object({
  acctId: secret('The data centre id (账套 ID)'),
  username: secret('The integration user'),
  appId: secret('The app id'),
  appSecret: secret('The app secret'),
  /** Language of the answers: 2052 Simplified Chinese (default), 1033 English. */
  lcid: z.number().int().min(1).max(99999).optional(),
  /** The organisation (组织编码) that creates customers and settles receivables; default 100. */
  orgNumber: z.string().trim().min(1).max(50).optional(),
})
/** Yonyou YonBIP open API: a self-built app's appKey and appSecret; the finance organisation's code. */
export const YonyouCredentials = z.object({
  appKey: secret('The appKey'),
  appSecret: secret('The appSecret'),
  orgCode: z.string().trim().min(1).max(50).optional(),
})

const baseUrl = z
  .string()
  .trim()
  .max(500)
  .regex(/^https?:\/\/[^\s]+$/, 'must be an http:// or https:// address')

/**
 * Saving the settings. Credentials are write-only: send them to set or replace them, leave them out to
 * keep the saved ones (same provider only). Enabling needs an address and credentials.
 */
export const FinanceSettingsInput = z.discriminatedUnion('provider', [
  z.object({
    provider: z.literal('kingdee'),
    baseUrl,
    credentials: KingdeeCredentials.optional(),
    enabled: z.boolean(),
  }),
  z.object({
    provider: z.literal('yonyou'),
    baseUrl,
    credentials: YonyouCredentials.optional(),
    enabled: z.boolean(),
  }),
])
export type FinanceSettingsInput = z.infer<typeof FinanceSettingsInput>

/** The settings as answered: credentials only as "set" / "not set", never their values. */
export const FinanceSettings = z
  .object({
    configured: z.boolean(),
    provider: z.enum(financeProviders).nullable(),
    baseUrl: z.string().nullable(),
    credentials: z.enum(['set', 'not_set']),
    enabled: z.boolean(),
    updatedAt: Timestamp.nullable(),
    lastPullAt: Timestamp.nullable(),
    lastPullError: z.string().nullable(),
  })
  .meta({ id: 'FinanceSettings' })
export type FinanceSettings = z.infer<typeof FinanceSettings>

export const FinanceTestResult = z
  .object({ ok: z.boolean(), message: z.string() })
  .meta({ id: 'FinanceTestResult' })
export type FinanceTestResult = z.infer<typeof FinanceTestResult>

export const FinancePullResult = z
  .object({ fetched: z.number().int(), applied: z.number().int(), unmatched: z.number().int() })
  .meta({ id: 'FinancePullResult' })
export type FinancePullResult = z.infer<typeof FinancePullResult>

/** What a log entry is about: the customer, the receivable, the receipts query, the login, a test. */
export const financeDocuments = ['login', 'customer', 'receivable', 'receipts', 'test'] as const
export const financeLogStates = ['ok', 'error'] as const

/** One call to the finance system: request and answer as sent, credentials and signatures redacted. */
export const FinanceLogEntry = z
  .object({
    id: Id,
    at: Timestamp,
    provider: z.enum(financeProviders),
    document: z.enum(financeDocuments),
    operation: z.string(),
    contractId: Id.nullable(),
    contractNumber: z.string().nullable(),
    state: z.enum(financeLogStates),
    error: z.string().nullable(),
    request: z.unknown(),
    response: z.unknown(),
  })
  .meta({ id: 'FinanceLogEntry' })
export type FinanceLogEntry = z.infer<typeof FinanceLogEntry>

export const FinanceLogQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  cursor: z.string().max(200).optional(),
  contractId: Id.optional(),
})

/** Where a contract's receivable stands: waiting, being sent, in the finance system, or failed (retrying). */
export const financeSyncStates = ['pending', 'sending', 'synced', 'retrying', 'failed'] as const
export const FinanceSync = z
  .object({
    contractId: Id,
    contractNumber: z.string(),
    provider: z.enum(financeProviders),
    state: z.enum(financeSyncStates),
    externalId: z.string().nullable(),
    billNumber: z.string().nullable(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    nextAttemptAt: Timestamp.nullable(),
    updatedAt: Timestamp,
  })
  .meta({ id: 'FinanceSync' })
export type FinanceSync = z.infer<typeof FinanceSync>

/** What does not match between OpenKAM and the finance system. */
export const reconciliationKinds = [
  'missing_receivable',
  'amount_mismatch',
  'receivable_failed',
  'unmatched_receipt',
  'overpaid',
  'overdue_invoice',
] as const
export const ReconciliationItem = z
  .object({
    kind: z.enum(reconciliationKinds),
    contractId: Id.nullable(),
    contractNumber: z.string().nullable(),
    accountName: z.string().nullable(),
    expected: z.string().nullable(),
    actual: z.string().nullable(),
    currency: z.string().nullable(),
    daysOverdue: z.number().int().nullable(),
    detail: z.string().nullable(),
  })
  .meta({ id: 'ReconciliationItem' })
export type ReconciliationItem = z.infer<typeof ReconciliationItem>
export const FinanceReconciliation = z
  .object({ asOf: Timestamp, items: z.array(ReconciliationItem) })
  .meta({ id: 'FinanceReconciliation' })
export type FinanceReconciliation = z.infer<typeof FinanceReconciliation>
