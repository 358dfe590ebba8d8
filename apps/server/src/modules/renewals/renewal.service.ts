import type { RenewalBoard, RenewalContract } from '@openkam/contract'
import { systemCtx, type Ctx } from '../../core/context'
import type { Db, Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import type { EventSink } from '../../core/events/bus'
import { accountCollection } from '../accounts'
import { contractCollection } from '../commerce'
import { workspaceLocale } from '../notifications'
import { opportunityCollection } from '../opportunities'
import { taskCollection } from '../tasks'
import {
  addDays,
  addMonths,
  businessDay,
  daysBetween,
  lastDayOf,
  monthsBetween,
  sumByCurrency,
} from './renewal-board'
import { renewalTexts } from './renewal-texts'
import {
  claimContract,
  contractsToStart,
  RENEWABLE,
  renewalRows,
  setRenewalRefs,
  type RenewalRow,
} from './renewal.repository'

type Row = Record<string, any>

/** Renewal work starts this many days before a contract ends (SPEC R-09). */
export const RENEWAL_WINDOW_DAYS = 90
/** The re-check task is due this many days after the work starts (or on the end date, if sooner). */
const TASK_DUE_DAYS = 14
const MAX_MONTHS = 24
const DAY = 86_400_000

/**
 * Starts renewal work for one contract, once: claims it in `contract_renewals` (primary key), then in the
 * same transaction creates the "re-check needs" task for the account's CSM (else its owner) and a draft
 * renewal opportunity (amount = the contract's, expected to close on its end date), and raises
 * `contract.renewal_started`.
 */
async function startOne(
  tx: Executor,
  events: EventSink,
  ws: string,
  contractId: string,
  now: Date,
  langs: Map<string, 'en' | 'zh-CN'>,
) {
  const ctx = systemCtx(ws, events)
  const contract = (await contractCollection.get(tx, ctx, contractId)) as Row
  if (!RENEWABLE.includes(contract.status) || !contract.endDate) return false
  if (!(await claimContract(tx, ws, contractId, contract.endDate))) return false
  const account = (await accountCollection.get(tx, ctx, contract.accountId)) as Row
  if (!langs.has(ws)) langs.set(ws, (await workspaceLocale(tx, ws)) === 'en' ? 'en' : 'zh-CN')
  const lang = langs.get(ws)!
  const days = daysBetween(businessDay(now), contract.endDate)
  const text = renewalTexts(lang, {
    number: contract.number,
    endDate: contract.endDate,
    account: account.name,
    days,
  })
  const assigneeId = account.csmId ?? account.ownerId ?? contract.ownerId ?? null
  const endOfTerm = Date.parse(`${contract.endDate}T23:59:59+08:00`)
  const task = (await taskCollection.create(tx, ctx, {
    title: text.taskTitle,
    description: text.taskBody,
    assigneeId,
    ownerId: assigneeId,
    accountId: account.id,
    relatedType: 'contract',
    relatedId: contractId,
    dueAt: new Date(Math.min(now.getTime() + TASK_DUE_DAYS * DAY, endOfTerm)).toISOString(),
    priority: 'high',
    source: 'sop',
  })) as Row
  const opportunity = (await opportunityCollection.create(tx, ctx, {
    accountId: account.id,
    name: text.opportunityName.slice(0, 200),
    amount: contract.amount?.amount ?? contract.amount,
    currency: contract.amount?.currency ?? contract.currency,
    type: 'renewal',
    status: 'open',
    expectedCloseDate: contract.endDate,
    source: 'renewal',
    description: text.opportunityBody,
    ownerId: account.ownerId ?? contract.ownerId ?? null,
  })) as Row
  await setRenewalRefs(tx, ws, contractId, { taskId: task.id, opportunityId: opportunity.id })
  await events.emit(tx, ctx, [
    {
      type: 'contract.renewal_started',
      entityType: 'contract',
      entityId: contractId,
      payload: { record: contract, taskId: task.id, opportunityId: opportunity.id },
    },
  ])
  return true
}

/**
 * Starts renewal work for every renewable (active or approved) contract ending within the next 90 days
 * that has none yet, each in its own transaction (a savepoint when given one, e.g. by the demo seed).
 * Running it again starts nothing twice.
 */
export async function startDueRenewals(db: Executor, events: EventSink, ws?: string, now = new Date()) {
  const today = businessDay(now)
  const langs = new Map<string, 'en' | 'zh-CN'>()
  let started = 0
  for (const c of await contractsToStart(db, today, addDays(today, RENEWAL_WINDOW_DAYS), ws)) {
    if (await db.transaction((tx) => startOne(tx, events, c.workspaceId, c.id, now, langs))) started++
  }
  return { started }
}

const toRenewal =
  (today: string) =>
  (r: RenewalRow): RenewalContract => ({
    contractId: r.contractId,
    number: r.number,
    status: r.status,
    accountId: r.accountId,
    accountName: r.accountName,
    endDate: r.endDate,
    daysLeft: daysBetween(today, r.endDate),
    amount: { amount: r.amount, currency: r.currency },
    autoRenew: r.autoRenew,
    risk: r.healthBand,
    healthScore: r.healthScore === null ? null : Number(r.healthScore),
    ownerId: r.ownerId,
    csmId: r.csmId,
    renewalOpportunityId: r.renewalOpportunityId,
    renewalTaskId: r.renewalTaskId,
  })

const invalid = (path: string, message: string) =>
  new AppError('invalid', 'invalid_input', `Invalid ${path}: ${message}`, { errors: [{ path, message }] })

/**
 * The renewal board: renewable contracts the person can see ending in each month from `from` to `to`
 * (default: this month and the next two), with amounts per currency and risk (the account's health band).
 */
export async function renewalBoard(
  db: Db,
  ctx: Ctx,
  q: { from?: string; to?: string },
): Promise<RenewalBoard> {
  const visible = contractCollection.visibility(ctx, contractCollection.scope(ctx, 'read'))
  const today = businessDay(new Date())
  const from = q.from ?? today.slice(0, 7)
  const to = q.to ?? addMonths(from, 2)
  const months = monthsBetween(from, to)
  if (months.length === 0) throw invalid('to', 'must not be before from')
  if (months.length > MAX_MONTHS) throw invalid('to', `the board spans at most ${MAX_MONTHS} months`)
  const items = (await renewalRows(db, ctx.ws, `${from}-01`, lastDayOf(to), visible)).map(toRenewal(today))
  return {
    from,
    to,
    months: months.map((month) => {
      const contracts = items.filter((c) => c.endDate.startsWith(month))
      return {
        month,
        count: contracts.length,
        atRisk: contracts.filter((c) => c.risk === 'at_risk').length,
        totals: sumByCurrency(contracts.map((c) => c.amount)),
        contracts,
      }
    }),
    totals: sumByCurrency(items.map((c) => c.amount)),
  }
}

/** The renewable contracts of one account (the person must see the account), soonest end first. */
export async function accountRenewals(tx: Executor, ctx: Ctx, accountId: string): Promise<RenewalContract[]> {
  await accountCollection.get(tx, ctx, accountId)
  const today = businessDay(new Date())
  return (await renewalRows(tx, ctx.ws, null, null, undefined, accountId)).map(toRenewal(today))
}
