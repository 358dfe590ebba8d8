/**
 * One interface over the finance systems. An adapter speaks one system's public API (Kingdee K3 Cloud
 * WebAPI, Yonyou YonBIP open API); the sync services only see these shapes.
 */

/** What a call is about, for the sync log. */
export type FinanceDocument = 'login' | 'customer' | 'receivable' | 'receipts' | 'test'

/** One HTTP exchange with the finance system, already redacted, for the sync log. */
export type CallRecord = {
  document: FinanceDocument
  operation: string
  ok: boolean
  error: string | null
  request: unknown
  response: unknown
}

/** Why a call failed: the finance system said no (its own words in `message`), or it could not be reached. */
export type FinanceErrorKind = 'auth' | 'validation' | 'duplicate' | 'transport' | 'protocol'

export class FinanceError extends Error {
  constructor(
    message: string,
    readonly kind: FinanceErrorKind,
  ) {
    super(message)
  }
}

export type FinanceCustomer = {
  name: string
  /** The unified social credit code (统一社会信用代码), the key customers are matched by. */
  creditCode: string | null
}

export type ReceivableLine = { description: string; amount: string; dueDate: string }

/** A contract as a receivable: its number is the bill number, so the finance system can be asked for it. */
export type ReceivableDoc = {
  number: string
  date: string
  dueDate: string
  currency: string
  amount: string
  notes: string | null
  /** The invoice plan: one line per planned invoice (the whole amount when there is no plan). */
  lines: ReceivableLine[]
}

export type PushResult = { externalId: string; billNumber: string; existed: boolean }

/** A receipt (收款单) as read from the finance system. */
export type Receipt = {
  externalId: string
  billNumber: string
  date: string
  amount: string
  currency: string
  /** The receivable's bill number it settles (our contract number), when the system names one. */
  sourceNumber: string | null
}

export interface FinanceConnector {
  /** Logs in (and reads nothing else); answers the system's own success text. */
  testConnection(): Promise<string>
  /** Finds the customer by credit code (or name when there is none), creating it when missing; its code. */
  upsertCustomer(c: FinanceCustomer): Promise<{ code: string; created: boolean }>
  /** Creates (or completes) the receivable of that bill number — never a second one. */
  pushReceivable(doc: ReceivableDoc, customerCode: string): Promise<PushResult>
  /** Audited receipts dated on or after `since` (YYYY-MM-DD). */
  fetchReceipts(since: string): Promise<Receipt[]>
}

/** Where adapters report each exchange (the sync log). */
export type CallSink = (r: CallRecord) => void
