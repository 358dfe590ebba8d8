import type { FinanceReconciliation, ReconciliationItem } from '@openkam/contract'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { requireAdmin } from './finance-settings.service'
import { approvedContracts, overdueInvoices, paidByContract, receiptsOf, syncsOf } from './finance.repository'

const DAY = 86_400_000
const cents = (v: string | number | null) => Math.round(Number(v ?? 0) * 100)

const item = (i: Partial<ReconciliationItem> & Pick<ReconciliationItem, 'kind'>): ReconciliationItem => ({
  contractId: null,
  contractNumber: null,
  accountName: null,
  expected: null,
  actual: null,
  currency: null,
  daysOverdue: null,
  detail: null,
  ...i,
})

/**
 * What does not match: approved contracts with no receivable (or a failed one), receivables whose amount
 * differs from the contract's, receipts that name no known contract, contracts paid beyond their amount,
 * and unpaid invoices past due (with the days overdue).
 */
export async function reconciliation(
  tx: Executor,
  ctx: Ctx,
  now = new Date(),
): Promise<FinanceReconciliation> {
  requireAdmin(ctx, 'see the finance reconciliation')
  const ws = ctx.ws
  const syncs = new Map((await syncsOf(tx, ws)).map((s) => [s.contractId, s]))
  const paid = await paidByContract(tx, ws)
  const items: ReconciliationItem[] = []
  for (const c of await approvedContracts(tx, ws)) {
    const s = syncs.get(c.id)
    const base = {
      contractId: c.id,
      contractNumber: c.number,
      accountName: c.accountName,
      currency: c.currency,
    }
    if (!s) items.push(item({ kind: 'missing_receivable', ...base, expected: c.amount }))
    else if (s.state === 'failed' || s.state === 'retrying')
      items.push(item({ kind: 'receivable_failed', ...base, expected: c.amount, detail: s.lastError }))
    else if (s.state === 'synced' && cents(s.amount) !== cents(c.amount))
      items.push(item({ kind: 'amount_mismatch', ...base, expected: c.amount, actual: s.amount }))
    const got = paid.get(c.id) ?? 0
    if (s && got * 100 > cents(c.amount))
      items.push(item({ kind: 'overpaid', ...base, expected: c.amount, actual: got.toFixed(2) }))
  }
  for (const r of await receiptsOf(tx, ws))
    if (r.state === 'unmatched')
      items.push(
        item({
          kind: 'unmatched_receipt',
          contractNumber: r.sourceNumber,
          actual: r.amount,
          currency: r.currency,
          detail: r.billNumber,
        }),
      )
  const today = now.toISOString().slice(0, 10)
  for (const i of await overdueInvoices(tx, ws, today))
    items.push(
      item({
        kind: 'overdue_invoice',
        contractId: i.contractId,
        contractNumber: i.contractNumber,
        expected: i.amount,
        currency: i.currency,
        daysOverdue: Math.floor(
          (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${i.dueDate}T00:00:00Z`)) / DAY,
        ),
        detail: i.number,
      }),
    )
  return { asOf: now.toISOString(), items }
}
