import { and, asc, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm'
import type { Db, Executor } from '../../core/db/types'
import { accounts } from '../accounts'
import { contracts, invoices, payments } from '../commerce'
import { financeLog, financeReceipts, financeSettings, financeSyncs } from './finance.table'

export type SettingsRow = typeof financeSettings.$inferSelect
export type SyncRow = typeof financeSyncs.$inferSelect
export type LogRow = typeof financeLog.$inferSelect
export type NewLogRow = typeof financeLog.$inferInsert
export type ReceiptRow = typeof financeReceipts.$inferSelect

export const findSettings = async (tx: Executor, ws: string): Promise<SettingsRow | null> =>
  (await tx.select().from(financeSettings).where(eq(financeSettings.workspaceId, ws)))[0] ?? null

export async function saveSettings(tx: Executor, row: typeof financeSettings.$inferInsert) {
  const { workspaceId: _ws, ...set } = row
  await tx
    .insert(financeSettings)
    .values(row)
    .onConflictDoUpdate({ target: financeSettings.workspaceId, set })
}

export const updatePullState = (
  tx: Executor,
  ws: string,
  set: Pick<SettingsRow, 'lastPullAt' | 'lastPullError'> & { receiptsSince?: string },
) => tx.update(financeSettings).set(set).where(eq(financeSettings.workspaceId, ws))

export const enabledWorkspaces = async (db: Db) =>
  (
    await db
      .select({ ws: financeSettings.workspaceId })
      .from(financeSettings)
      .where(eq(financeSettings.enabled, true))
  ).map((r) => r.ws)

/** Adds the contract's sync row unless it (or another of that number) exists; whether it was added. */
export async function insertSyncIfAbsent(tx: Executor, row: typeof financeSyncs.$inferInsert) {
  const added = await tx
    .insert(financeSyncs)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: financeSyncs.contractId })
  return added.length > 0
}

export const findSync = async (tx: Executor, ws: string, contractId: string): Promise<SyncRow | null> =>
  (
    await tx
      .select()
      .from(financeSyncs)
      .where(and(eq(financeSyncs.workspaceId, ws), eq(financeSyncs.contractId, contractId)))
  )[0] ?? null

/** Takes the row for one attempt (state → sending, locked for a while); null when it is not due or held. */
export async function claimSync(
  tx: Executor,
  ws: string,
  contractId: string,
  lockSeconds: number,
  now: Date,
) {
  const rows = await tx
    .update(financeSyncs)
    .set({ state: 'sending', lockedUntil: new Date(now.getTime() + lockSeconds * 1000), updatedAt: now })
    .where(
      and(
        eq(financeSyncs.workspaceId, ws),
        eq(financeSyncs.contractId, contractId),
        or(
          inArray(financeSyncs.state, ['pending', 'retrying']),
          and(eq(financeSyncs.state, 'sending'), lt(financeSyncs.lockedUntil, now)),
        ),
      ),
    )
    .returning()
  return rows[0] ?? null
}

export const finishSync = (tx: Executor, ws: string, contractId: string, set: Partial<SyncRow>) =>
  tx
    .update(financeSyncs)
    .set({ ...set, lockedUntil: null, updatedAt: new Date() })
    .where(and(eq(financeSyncs.workspaceId, ws), eq(financeSyncs.contractId, contractId)))

/** Sends a failed or waiting row again (an administrator's push). */
export const requeueSync = (tx: Executor, ws: string, contractId: string) =>
  tx
    .update(financeSyncs)
    .set({ state: 'pending', nextAttemptAt: null, updatedAt: new Date() })
    .where(
      and(
        eq(financeSyncs.workspaceId, ws),
        eq(financeSyncs.contractId, contractId),
        inArray(financeSyncs.state, ['failed', 'retrying', 'pending']),
      ),
    )
    .returning()

/** Rows whose job got lost: waiting past their time by two minutes, or held past their lock. */
export const stuckSyncs = (db: Db, before: Date) =>
  db
    .select({ ws: financeSyncs.workspaceId, contractId: financeSyncs.contractId })
    .from(financeSyncs)
    .where(
      or(
        and(
          inArray(financeSyncs.state, ['pending', 'retrying']),
          or(isNull(financeSyncs.nextAttemptAt), lt(financeSyncs.nextAttemptAt, before)),
          lt(financeSyncs.updatedAt, before),
        ),
        and(eq(financeSyncs.state, 'sending'), lt(financeSyncs.lockedUntil, before)),
      ),
    )
    .limit(500)

export const syncsOf = (tx: Executor, ws: string) =>
  tx.select().from(financeSyncs).where(eq(financeSyncs.workspaceId, ws)).orderBy(desc(financeSyncs.updatedAt))

export const insertLog = async (tx: Executor, rows: NewLogRow[]) => {
  if (rows.length) await tx.insert(financeLog).values(rows)
}

export const logPage = (
  tx: Executor,
  ws: string,
  limit: number,
  after: { at: Date; id: string } | null,
  contractId?: string,
) => {
  const where: (SQL | undefined)[] = [eq(financeLog.workspaceId, ws)]
  if (contractId) where.push(eq(financeLog.contractId, contractId))
  if (after)
    where.push(or(lt(financeLog.at, after.at), and(eq(financeLog.at, after.at), lt(financeLog.id, after.id))))
  return tx
    .select()
    .from(financeLog)
    .where(and(...where))
    .orderBy(desc(financeLog.at), desc(financeLog.id))
    .limit(limit + 1)
}

/**
 * Takes a receipt for this transaction: a new one is inserted (a concurrent pull of the same receipt
 * waits, then finds it); a known unmatched one is locked to be matched again; an applied one answers null.
 */
export async function claimReceipt(tx: Executor, row: typeof financeReceipts.$inferInsert) {
  const added = await tx.insert(financeReceipts).values(row).onConflictDoNothing().returning()
  if (added[0]) return { row: added[0], seen: false }
  const again = await tx
    .update(financeReceipts)
    .set({ state: 'unmatched' })
    .where(
      and(
        eq(financeReceipts.workspaceId, row.workspaceId),
        eq(financeReceipts.provider, row.provider),
        eq(financeReceipts.externalId, row.externalId),
        eq(financeReceipts.state, 'unmatched'),
      ),
    )
    .returning()
  return again[0] ? { row: again[0], seen: true } : null
}

export const finishReceipt = (
  tx: Executor,
  ws: string,
  id: string,
  set: Pick<ReceiptRow, 'state' | 'contractId' | 'paymentIds'>,
) =>
  tx
    .update(financeReceipts)
    .set(set)
    .where(and(eq(financeReceipts.workspaceId, ws), eq(financeReceipts.id, id)))

export const receiptsOf = (tx: Executor, ws: string) =>
  tx.select().from(financeReceipts).where(eq(financeReceipts.workspaceId, ws))

// — The commercial records the connector reads (the commerce module's tables, read-only here). —

export const findContract = async (tx: Executor, ws: string, id: string) =>
  (
    await tx
      .select()
      .from(contracts)
      .where(and(eq(contracts.workspaceId, ws), eq(contracts.id, id), isNull(contracts.deletedAt)))
  )[0] ?? null

export const contractByNumber = async (tx: Executor, ws: string, number: string) =>
  (
    await tx
      .select()
      .from(contracts)
      .where(and(eq(contracts.workspaceId, ws), eq(contracts.number, number), isNull(contracts.deletedAt)))
      .orderBy(asc(contracts.createdAt))
      .limit(1)
  )[0] ?? null

export const findAccount = async (tx: Executor, ws: string, id: string) =>
  (
    await tx
      .select({ id: accounts.id, name: accounts.name, creditCode: accounts.creditCode })
      .from(accounts)
      .where(and(eq(accounts.workspaceId, ws), eq(accounts.id, id)))
  )[0] ?? null

/** The contract's invoice plan: its live invoices, earliest due first. */
export const invoicesOfContract = (tx: Executor, ws: string, contractId: string) =>
  tx
    .select()
    .from(invoices)
    .where(and(eq(invoices.workspaceId, ws), eq(invoices.contractId, contractId), isNull(invoices.deletedAt)))
    .orderBy(sql`${invoices.dueDate} asc nulls last`, asc(invoices.number))

/** What was paid so far against each invoice. */
export async function paidByInvoice(tx: Executor, ws: string, invoiceIds: string[]) {
  if (!invoiceIds.length) return new Map<string, number>()
  const rows = await tx
    .select({ id: payments.invoiceId, paid: sql<string>`coalesce(sum(${payments.amount}), 0)` })
    .from(payments)
    .where(
      and(
        eq(payments.workspaceId, ws),
        inArray(payments.invoiceId, invoiceIds),
        eq(payments.status, 'paid'),
        isNull(payments.deletedAt),
      ),
    )
    .groupBy(payments.invoiceId)
  return new Map(rows.map((r) => [r.id!, Number(r.paid)]))
}

/** Paid per contract (all its payments). */
export async function paidByContract(tx: Executor, ws: string) {
  const rows = await tx
    .select({ id: payments.contractId, paid: sql<string>`coalesce(sum(${payments.amount}), 0)` })
    .from(payments)
    .where(and(eq(payments.workspaceId, ws), eq(payments.status, 'paid'), isNull(payments.deletedAt)))
    .groupBy(payments.contractId)
  return new Map(rows.filter((r) => r.id).map((r) => [r.id!, Number(r.paid)]))
}

/** Approved or running contracts (what should have a receivable), with their account's name. */
export const approvedContracts = (tx: Executor, ws: string) =>
  tx
    .select({
      id: contracts.id,
      number: contracts.number,
      amount: contracts.amount,
      currency: contracts.currency,
      accountName: accounts.name,
    })
    .from(contracts)
    .leftJoin(accounts, and(eq(accounts.workspaceId, ws), eq(accounts.id, contracts.accountId)))
    .where(
      and(
        eq(contracts.workspaceId, ws),
        inArray(contracts.status, ['approved', 'active']),
        isNull(contracts.deletedAt),
      ),
    )

/**
 * The earliest date a receipt still owed to a synced contract can carry: the signing or issue date of
 * its oldest unpaid invoice (a receipt is often entered in the finance system long after its date).
 */
export async function oldestOpenReceivable(tx: Executor, ws: string): Promise<string | null> {
  const [row] = await tx
    .select({ at: sql<string | null>`min(least(${invoices.issueDate}, ${contracts.signedDate}))` })
    .from(invoices)
    .innerJoin(
      financeSyncs,
      and(eq(financeSyncs.workspaceId, ws), eq(financeSyncs.contractId, invoices.contractId)),
    )
    .innerJoin(contracts, and(eq(contracts.workspaceId, ws), eq(contracts.id, invoices.contractId)))
    .where(
      and(
        eq(invoices.workspaceId, ws),
        isNull(invoices.deletedAt),
        inArray(invoices.status, ['issued', 'partially_paid', 'overdue']),
      ),
    )
  return row?.at ? String(row.at).slice(0, 10) : null
}

/** Unpaid invoices of synced contracts past their due date. */
export const overdueInvoices = (tx: Executor, ws: string, today: string) =>
  tx
    .select({
      id: invoices.id,
      number: invoices.number,
      version: invoices.version,
      status: invoices.status,
      amount: invoices.amount,
      currency: invoices.currency,
      dueDate: invoices.dueDate,
      contractId: invoices.contractId,
      contractNumber: financeSyncs.contractNumber,
    })
    .from(invoices)
    .innerJoin(
      financeSyncs,
      and(eq(financeSyncs.workspaceId, ws), eq(financeSyncs.contractId, invoices.contractId)),
    )
    .where(
      and(
        eq(invoices.workspaceId, ws),
        isNull(invoices.deletedAt),
        inArray(invoices.status, ['issued', 'partially_paid', 'overdue']),
        lt(invoices.dueDate, today),
      ),
    )
