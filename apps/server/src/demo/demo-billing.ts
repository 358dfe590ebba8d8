import { installments } from './demo-deals'
import {
  baseRow,
  workMinute,
  type AccountPlan,
  type ContractPlan,
  type Gen,
  type InvoiceRow,
  type OrderRow,
  type PaymentRow,
} from './demo-model'
import { money, pad } from './demo-random'
import { addOns } from './demo-words'

export type Billing = { orders: OrderRow[]; invoices: InvoiceRow[]; payments: PaymentRow[] }

type Method = 'bank_transfer' | 'card' | 'alipay' | 'wechat_pay' | 'cheque' | 'other'

/**
 * How likely an invoice falls overdue, by the account's payment risk. Only invoices due three or more
 * days ago are overdue, so they are overdue whatever time zone "today" is taken in.
 */
const overdueChance = { low: 0.04, medium: 0.15, high: 0.5 }

/**
 * Orders, invoices and payments for the signed contracts: an order per contract, invoices per
 * installment (yearly, half-yearly or quarterly) as they fall due, and their payments — mostly paid,
 * some overdue (more for accounts with a high payment risk), a few partly paid, failed, void or refunded.
 * Plus a few stand-alone orders (training, extra seats), some cancelled.
 */
export function buildBilling(g: Gen, contracts: ContractPlan[], accounts: AccountPlan[]): Billing {
  const { rng, clock } = g
  const out: Billing = { orders: [], invoices: [], payments: [] }
  const method = () =>
    rng.weighted<Method>([
      ['bank_transfer', 75],
      ['alipay', 8],
      ['wechat_pay', 7],
      ['cheque', 5],
      ['card', 5],
    ])
  const order = (a: AccountPlan, day: number, amount: string, status: string, c?: ContractPlan) =>
    out.orders.push(
      Object.assign(baseRow(g, g.users[a.owner], clock.at(day, workMinute(g))), {
        accountId: a.row.id,
        number: `SO-${pad(40_001 + out.orders.length, 5)}`,
        amount,
        currency: 'CNY',
        status,
        notes: null,
        opportunityId: c?.row.opportunityId ?? null,
        contractId: c?.row.id ?? null,
        orderDate: clock.date(day),
      }),
    )
  const payment = (
    c: ContractPlan,
    inv: InvoiceRow,
    p: { amount: string; status: string; dueDay: number; paidDay: number | null; createdDay: number },
  ) =>
    out.payments.push(
      Object.assign(
        baseRow(
          g,
          inv.ownerId!,
          clock.at(p.createdDay, workMinute(g)),
          clock.at(p.paidDay ?? p.createdDay, 17 * 60),
        ),
        {
          accountId: c.account.row.id,
          number: `PAY-${pad(60_001 + out.payments.length, 5)}`,
          amount: p.amount,
          currency: 'CNY',
          status: p.status,
          notes: null,
          invoiceId: inv.id,
          contractId: c.row.id,
          dueDate: clock.date(p.dueDay),
          paidDate: p.paidDay === null ? null : clock.date(p.paidDay),
          method: method(),
        },
      ),
    )

  for (const c of contracts) {
    const status = c.row.status
    if (status === 'draft' || status === 'pending_approval') continue
    const a = c.account
    const signedDay = c.signedDay ?? c.startDay
    const orderDay = Math.min(-1, signedDay + rng.int(0, 3))
    order(
      a,
      orderDay,
      c.row.amount,
      status === 'approved' ? 'pending' : c.startDay <= -30 ? 'fulfilled' : 'confirmed',
      c,
    )

    const n = installments(a, c.main)
    const each = money(Number(c.row.amount) / n, 0.01)
    const terms = a.size === 'large' ? 60 : 30
    for (let j = 0; j < n; j++) {
      const issueDay = Math.max(signedDay, c.startDay + Math.floor((j * 365) / n) - 10)
      const dueDay = issueDay + terms
      if (issueDay > -1 && !(j === 0 && status === 'approved')) break
      const draft = issueDay > -1
      const paidLate = rng.int(-20, 10)
      const roll = rng.next()
      const invStatus = draft
        ? 'draft'
        : dueDay >= 0
          ? 'issued'
          : dueDay >= -150 && dueDay <= -3 && roll < overdueChance[a.paymentRisk]
            ? 'overdue'
            : dueDay >= -90 && roll > 0.95
              ? 'partially_paid'
              : dueDay < -200 && roll > 0.975
                ? 'void'
                : 'paid'
      const paidDay = Math.min(-1, Math.max(issueDay + 1, dueDay + paidLate))
      const inv: InvoiceRow = Object.assign(
        baseRow(
          g,
          g.users[a.owner],
          clock.at(draft ? -rng.int(1, 5) : issueDay, workMinute(g)),
          clock.at(invStatus === 'paid' ? paidDay : Math.min(-1, issueDay), 17 * 60),
        ),
        {
          accountId: a.row.id,
          number: `INV-${pad(50_001 + out.invoices.length, 5)}`,
          amount: each,
          currency: 'CNY',
          status: invStatus,
          notes: null,
          contractId: c.row.id,
          orderId: null,
          issueDate: clock.date(issueDay),
          dueDate: clock.date(dueDay),
        },
      )
      out.invoices.push(inv)
      const base = { amount: each, dueDay, createdDay: Math.min(-1, issueDay) }
      if (invStatus === 'draft') continue
      if (invStatus === 'issued') payment(c, inv, { ...base, status: 'pending', paidDay: null })
      else if (invStatus === 'overdue') payment(c, inv, { ...base, status: 'overdue', paidDay: null })
      else if (invStatus === 'void') {
        payment(c, inv, { ...base, status: 'refunded', paidDay })
      } else if (invStatus === 'partially_paid') {
        const half = money(Number(each) / 2, 0.01)
        const rest = (Number(each) - Number(half)).toFixed(2)
        payment(c, inv, { ...base, amount: half, status: 'paid', paidDay })
        payment(c, inv, {
          ...base,
          amount: rest,
          status: dueDay <= -3 ? 'overdue' : 'pending',
          paidDay: null,
        })
      } else {
        if (rng.chance(0.04)) payment(c, inv, { ...base, status: 'failed', paidDay: null })
        payment(c, inv, { ...base, status: 'paid', paidDay })
      }
    }
  }

  // Stand-alone orders: training and extra seats bought without a new contract.
  const customers = accounts.filter((a) => a.customer)
  for (let i = 0; i < 12; i++) {
    const a = rng.pick(customers)
    const day = rng.int(Math.max(a.sinceDay!, -300), -2)
    const status = i < 3 ? 'cancelled' : day < -30 ? 'fulfilled' : rng.pick(['pending', 'confirmed'])
    const amount = money(rng.int(8, 60) * 1000)
    order(a, day, amount, status)
    out.orders.at(-1)!.notes = g.tr(rng.pick(addOns))
  }
  return out
}
