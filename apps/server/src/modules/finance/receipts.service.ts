import type { FinancePullResult } from '@openkam/contract'
import { systemPrincipal } from '../../core/access/permissions'
import type { Config } from '../../core/config'
import type { Ctx } from '../../core/context'
import type { Db, Executor } from '../../core/db/types'
import type { EventSink } from '../../core/events/bus'
import { AppError } from '../../core/errors'
import { newId } from '../../core/ids'
import { invoiceCollection, paymentCollection } from '../commerce'
import type { CallRecord, Receipt } from './connector'
import { connectorFor, logRows } from './finance-settings.service'
import {
  contractByNumber,
  claimReceipt,
  finishReceipt,
  findSettings,
  insertLog,
  invoicesOfContract,
  overdueInvoices,
  oldestOpenReceivable,
  paidByInvoice,
  updatePullState,
} from './finance.repository'

const DAY = 86_400_000
const day = (d: Date) => d.toISOString().slice(0, 10)
const cents = (v: string | number) => Math.round(Number(v) * 100)
const money = (c: number) => (c / 100).toFixed(2)

export type PullDeps = { db: Db; events: EventSink; config: Config }

/**
 * Fetches the audited receipts since the last pull (see receiptsFrom; each is taken once) and records them as payments; then marks unpaid invoices past due as overdue. No
 * transaction is held while the finance system answers. A disabled connector pulls nothing.
 */
export async function pullReceipts(deps: PullDeps, ws: string, now = new Date()): Promise<FinancePullResult> {
  const settings = await deps.db.transaction((tx) => findSettings(tx, ws))
  if (!settings?.enabled)
    throw new AppError(
      'conflict',
      'finance_disabled',
      'Enable the finance connector first (Settings → Integrations)',
    )
  const calls: CallRecord[] = []
  const since = await receiptsFrom(deps.db, ws, settings.receiptsSince, now)
  let receipts: Receipt[]
  try {
    receipts = await connectorFor(settings, deps.config, (c) => calls.push(c)).fetchReceipts(since)
  } catch (err) {
    const message = (err as Error).message
    await deps.db.transaction(async (tx) => {
      await insertLog(tx, logRows(ws, settings.provider, calls, null))
      await updatePullState(tx, ws, { lastPullAt: now, lastPullError: message })
    })
    if (err instanceof AppError) throw err
    throw new AppError('unavailable', 'finance_unavailable', `The finance system answered: ${message}`)
  }
  const ctx: Ctx = { ws, principal: systemPrincipal(ws), events: deps.events }
  let applied = 0
  let unmatched = 0
  for (const r of receipts) {
    // One transaction per receipt: one bad record does not hold back the others.
    const state = await deps.db.transaction((tx) => applyReceipt(tx, ctx, settings.provider, r))
    if (state === 'applied') applied++
    else if (state === 'unmatched') unmatched++
  }
  await deps.db.transaction(async (tx) => {
    await insertLog(tx, logRows(ws, settings.provider, calls, null))
    await markOverdue(tx, ctx, day(now))
    await updatePullState(tx, ws, {
      lastPullAt: now,
      lastPullError: null,
      receiptsSince: day(new Date(now.getTime() - 7 * DAY)),
    })
  })
  return { fetched: receipts.length, applied, unmatched }
}

/**
 * From which date to ask for receipts: a week before the last pull, or earlier when an unpaid invoice
 * of a synced contract is older (its receipt may carry any date since) — never more than a year back.
 * Receipts already taken are recognised and skipped, so asking again costs nothing but the transfer.
 */
async function receiptsFrom(db: Db, ws: string, watermark: string | null, now: Date) {
  const yearBack = day(new Date(now.getTime() - 365 * DAY))
  const open = await db.transaction((tx) => oldestOpenReceivable(tx, ws))
  const from = [watermark ?? yearBack, open ?? '9999'].sort()[0]!
  return from < yearBack ? yearBack : from
}

/**
 * One receipt → payments against its contract's invoices, earliest due first, each invoice up to what
 * it still owes (then paid or partially paid); what is left is a payment on the contract itself. A
 * receipt already applied is left alone; an unmatched one is tried again (its contract may be new).
 */
export async function applyReceipt(tx: Executor, ctx: Ctx, provider: string, r: Receipt) {
  const claimed = await claimReceipt(tx, {
    workspaceId: ctx.ws,
    id: newId(),
    provider,
    externalId: r.externalId,
    billNumber: r.billNumber,
    sourceNumber: r.sourceNumber,
    contractId: null,
    amount: r.amount,
    currency: r.currency,
    receivedOn: r.date,
    paymentIds: [],
    state: 'unmatched',
  })
  if (!claimed) return 'seen' as const
  const contract = r.sourceNumber ? await contractByNumber(tx, ctx.ws, r.sourceNumber) : null
  if (!contract) return claimed.seen ? ('seen' as const) : ('unmatched' as const)
  const plan = (await invoicesOfContract(tx, ctx.ws, contract.id)).filter(
    (i) => !['void', 'paid'].includes(i.status),
  )
  const paid = await paidByInvoice(
    tx,
    ctx.ws,
    plan.map((i) => i.id),
  )
  let left = cents(r.amount)
  const parts: { invoice: (typeof plan)[number] | null; amount: number; full: boolean }[] = []
  for (const inv of plan) {
    if (left <= 0) break
    const owed = cents(inv.amount) - cents(paid.get(inv.id) ?? 0)
    if (owed <= 0) continue
    const take = Math.min(owed, left)
    parts.push({ invoice: inv, amount: take, full: take === owed })
    left -= take
  }
  if (left > 0) parts.push({ invoice: null, amount: left, full: true })
  const paymentIds: string[] = []
  for (const [i, p] of parts.entries()) {
    const payment = await paymentCollection.create(tx, ctx, {
      accountId: contract.accountId,
      number: parts.length > 1 ? `${r.billNumber}-${i + 1}` : r.billNumber,
      amount: money(p.amount),
      currency: r.currency,
      status: 'paid',
      contractId: contract.id,
      invoiceId: p.invoice?.id,
      dueDate: p.invoice?.dueDate ?? undefined,
      paidDate: r.date,
      method: 'bank_transfer',
      notes: `${provider === 'kingdee' ? 'Kingdee' : 'Yonyou'} receipt ${r.billNumber}`,
    })
    paymentIds.push(payment.id)
    if (p.invoice)
      await invoiceCollection.update(tx, ctx, p.invoice.id, {
        version: p.invoice.version,
        status: p.full ? 'paid' : 'partially_paid',
      })
  }
  await finishReceipt(tx, ctx.ws, claimed.row.id, { state: 'applied', contractId: contract.id, paymentIds })
  return 'applied' as const
}

/** Issued invoices of synced contracts past their due date become overdue (the overdue alert reads them). */
export async function markOverdue(tx: Executor, ctx: Ctx, today: string) {
  const due = await overdueInvoices(tx, ctx.ws, today)
  for (const i of due.filter((x) => x.status === 'issued'))
    await invoiceCollection.update(tx, ctx, i.id, { version: i.version, status: 'overdue' })
  return due.length
}
