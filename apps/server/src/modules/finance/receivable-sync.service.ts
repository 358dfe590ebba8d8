import type { Config } from '../../core/config'
import { recordAudit } from '../../core/audit/audit'
import { systemPrincipal } from '../../core/access/permissions'
import type { Ctx } from '../../core/context'
import type { Db, Executor } from '../../core/db/types'
import type { EventSink } from '../../core/events/bus'
import { AppError } from '../../core/errors'
import type { JobQueue } from '../../core/jobs/jobs'
import { afterFailure } from '../notifications'
import { FinanceError, type CallRecord, type ReceivableDoc } from './connector'
import { connectorFor, logRows } from './finance-settings.service'
import {
  claimSync,
  finishSync,
  findAccount,
  findContract,
  findSettings,
  findSync,
  insertLog,
  insertSyncIfAbsent,
  invoicesOfContract,
  requeueSync,
  type SyncRow,
} from './finance.repository'

export const PUSH_JOB = 'finance_push'

type ContractRow = NonNullable<Awaited<ReturnType<typeof findContract>>>

/**
 * On `contract.approved`: when the connector is enabled, the contract gets its sync row — one per
 * contract number, so a replayed event adds nothing — and a push job, both in the handler's transaction.
 */
export async function queueReceivable(tx: Executor, jobs: JobQueue, ws: string, contractId: string) {
  const settings = await findSettings(tx, ws)
  if (!settings?.enabled) return false
  const c = await findContract(tx, ws, contractId)
  if (!c) return false
  const added = await insertSyncIfAbsent(tx, {
    workspaceId: ws,
    contractId,
    contractNumber: c.number,
    provider: settings.provider,
    state: 'pending',
  })
  if (added) await jobs.send(tx, PUSH_JOB, { ws, contractId })
  return added
}

/** An administrator sends a contract now: a new row for an approved contract, or a failed one again. */
export async function pushNow(tx: Executor, ctx: Ctx, jobs: JobQueue, contractId: string) {
  const c = await findContract(tx, ctx.ws, contractId)
  if (!c) throw new AppError('not_found', 'not_found', 'Contract was not found')
  if (!['approved', 'active'].includes(c.status))
    throw new AppError(
      'conflict',
      'contract_not_approved',
      `Contract ${c.number} is ${c.status}: only approved or active contracts become receivables`,
    )
  const settings = await findSettings(tx, ctx.ws)
  if (!settings?.enabled)
    throw new AppError(
      'conflict',
      'finance_disabled',
      'Enable the finance connector first (Settings → Integrations)',
    )
  const existing = await findSync(tx, ctx.ws, contractId)
  if (existing?.state === 'synced') return existing
  if (existing?.state === 'sending')
    throw new AppError('conflict', 'finance_sync_running', `Contract ${c.number} is being sent right now`)
  if (existing) await requeueSync(tx, ctx.ws, contractId)
  else await queueReceivable(tx, jobs, ctx.ws, contractId)
  if (existing) await jobs.send(tx, PUSH_JOB, { ws: ctx.ws, contractId })
  await recordAudit(tx, ctx, [
    { action: 'finance_push', entityType: 'contract', entityId: contractId, after: { number: c.number } },
  ])
  return (await findSync(tx, ctx.ws, contractId))!
}

const today = () => new Date().toISOString().slice(0, 10)
const cents = (v: string | number) => Math.round(Number(v) * 100)
const money = (c: number) => (c / 100).toFixed(2)

/**
 * The contract as a receivable: its number, dates, currency and amount, with the invoice plan as lines
 * (what the plan leaves of the contract amount is a last line due at the contract's end).
 */
export function receivableOf(
  c: Pick<ContractRow, 'number' | 'amount' | 'currency' | 'signedDate' | 'startDate' | 'endDate' | 'notes'>,
  plan: { number: string; amount: string; dueDate: string | null; status: string }[],
  now = today(),
): ReceivableDoc {
  const date = c.signedDate ?? c.startDate ?? now
  const live = plan.filter((i) => i.status !== 'void')
  const lines = live.map((i) => ({
    description: `Invoice ${i.number}`,
    amount: money(cents(i.amount)),
    dueDate: i.dueDate ?? c.endDate ?? date,
  }))
  const rest = cents(c.amount) - live.reduce((s, i) => s + cents(i.amount), 0)
  if (rest > 0 || lines.length === 0)
    lines.push({
      description: `Contract ${c.number}`,
      amount: money(Math.max(rest, 0)),
      dueDate: c.endDate ?? date,
    })
  const dueDate =
    lines
      .map((l) => l.dueDate)
      .sort()
      .at(-1) ?? date
  return {
    number: c.number,
    date,
    dueDate,
    currency: c.currency,
    amount: money(lines.reduce((s, l) => s + cents(l.amount), 0)),
    notes: c.notes ?? null,
    lines,
  }
}

export type PushDeps = { db: Db; jobs: JobQueue; events: EventSink; config: Config }

/**
 * One attempt at a contract's receivable. The row is claimed first (two workers never send the same
 * contract at once); the finance system is asked for the bill number before anything is created (so an
 * attempt whose outcome was unknown never makes a second one); no transaction is held during the calls.
 * A failure is retried with a doubling delay (OPENKAM_RETRY_BASE_SECONDS …) up to
 * OPENKAM_RETRY_MAX_ATTEMPTS, its error in the finance system's own words.
 */
export async function pushReceivable(deps: PushDeps, ws: string, contractId: string, now = new Date()) {
  const { db, config } = deps
  const lockSeconds = Math.ceil((config.webhookTimeoutMs * 8) / 1000) + 30
  const claimed = await db.transaction(async (tx) => {
    const row = await claimSync(tx, ws, contractId, lockSeconds, now)
    if (!row) return null
    const settings = await findSettings(tx, ws)
    const contract = await findContract(tx, ws, contractId)
    const account = contract ? await findAccount(tx, ws, contract.accountId) : null
    const plan = contract ? await invoicesOfContract(tx, ws, contractId) : []
    return { row, settings, contract, account, plan }
  })
  if (!claimed)
    return {
      contractId,
      state: (await db.transaction((tx) => findSync(tx, ws, contractId)))?.state ?? 'missing',
    }
  const { row, settings, contract, account, plan } = claimed
  const calls: CallRecord[] = []
  let outcome:
    | { ok: true; externalId: string; billNumber: string; existed: boolean; doc: ReceivableDoc }
    | { ok: false; error: string; permanent: boolean }
  if (!settings?.enabled)
    outcome = {
      ok: false,
      error: 'The finance connector was switched off before the receivable was sent',
      permanent: true,
    }
  else if (!contract || !account)
    outcome = {
      ok: false,
      error: 'The contract or its account was deleted before the receivable was sent',
      permanent: true,
    }
  else {
    const doc = receivableOf(contract, plan)
    try {
      const connector = connectorFor(settings, config, (c) => calls.push(c))
      const customer = await connector.upsertCustomer({
        name: account.name,
        creditCode: account.creditCode ?? null,
      })
      const pushed = await connector.pushReceivable(doc, customer.code)
      outcome = { ok: true, ...pushed, doc }
    } catch (err) {
      outcome = {
        ok: false,
        error:
          err instanceof FinanceError || err instanceof AppError
            ? err.message
            : `Sending failed: ${(err as Error).message}`,
        permanent: err instanceof AppError,
      }
    }
  }
  const attempts = row.attempts + 1
  const next = outcome.ok
    ? null
    : outcome.permanent
      ? { status: 'failed' as const, delaySeconds: null }
      : afterFailure(attempts, config.retryMaxAttempts, config.retryBaseSeconds)
  const ctx = { ws, principal: systemPrincipal(ws), events: deps.events }
  await db.transaction(async (tx) => {
    await insertLog(
      tx,
      logRows(ws, settings?.provider ?? row.provider, calls, { id: contractId, number: row.contractNumber }),
    )
    if (outcome.ok) {
      await finishSync(tx, ws, contractId, {
        state: 'synced',
        attempts,
        externalId: outcome.externalId,
        billNumber: outcome.billNumber,
        amount: outcome.doc.amount,
        currency: outcome.doc.currency,
        lastError: null,
        nextAttemptAt: null,
      })
      await synced(tx, ctx, row, outcome)
    } else {
      const state = next!.status
      await finishSync(tx, ws, contractId, {
        state,
        attempts,
        lastError: outcome.error.slice(0, 2000),
        nextAttemptAt:
          next!.delaySeconds !== null ? new Date(now.getTime() + next!.delaySeconds * 1000) : null,
      })
      if (state === 'failed') await failed(tx, ctx, row, outcome.error)
    }
  })
  // Queued after the row is saved and outside a transaction (as deliveries do); the sweep catches a loss.
  if (next?.delaySeconds != null)
    await deps.jobs.send(null, PUSH_JOB, { ws, contractId }, { startAfterSeconds: next.delaySeconds })
  return { contractId, state: outcome.ok ? 'synced' : next!.status, attempts }
}

async function synced(
  tx: Executor,
  ctx: Pick<Ctx, 'ws' | 'principal' | 'events'>,
  row: SyncRow,
  o: { externalId: string; billNumber: string; existed: boolean },
) {
  const payload = {
    contractId: row.contractId,
    contractNumber: row.contractNumber,
    provider: row.provider,
    externalId: o.externalId,
    billNumber: o.billNumber,
    existed: o.existed,
  }
  await recordAudit(tx, ctx, [
    { action: 'finance_synced', entityType: 'contract', entityId: row.contractId, after: payload },
  ])
  await ctx.events.emit(tx, ctx, [
    { type: 'finance_receivable.synced', entityType: 'contract', entityId: row.contractId, payload },
  ])
}

async function failed(
  tx: Executor,
  ctx: Pick<Ctx, 'ws' | 'principal' | 'events'>,
  row: SyncRow,
  error: string,
) {
  const payload = {
    contractId: row.contractId,
    contractNumber: row.contractNumber,
    provider: row.provider,
    error,
  }
  await recordAudit(tx, ctx, [
    { action: 'finance_failed', entityType: 'contract', entityId: row.contractId, after: payload },
  ])
  await ctx.events.emit(tx, ctx, [
    { type: 'finance_receivable.failed', entityType: 'contract', entityId: row.contractId, payload },
  ])
}
