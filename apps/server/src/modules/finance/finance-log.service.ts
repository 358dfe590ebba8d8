import type { FinanceLogEntry, FinanceSync } from '@openkam/contract'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import { requireAdmin } from './finance-settings.service'
import { logPage, syncsOf, type LogRow, type SyncRow } from './finance.repository'

const entry = (r: LogRow): FinanceLogEntry => ({
  id: r.id,
  at: r.at.toISOString(),
  provider: r.provider as FinanceLogEntry['provider'],
  document: r.document as FinanceLogEntry['document'],
  operation: r.operation,
  contractId: r.contractId,
  contractNumber: r.contractNumber,
  state: r.state as FinanceLogEntry['state'],
  error: r.error,
  request: r.request,
  response: r.response,
})

function decode(cursor: string) {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string]
    const d = new Date(at)
    if (typeof id === 'string' && !Number.isNaN(d.getTime())) return { at: d, id }
  } catch {
    // falls through to the error below
  }
  throw new AppError('invalid', 'invalid_cursor', 'The cursor is not valid; start again without one', {
    errors: [{ path: 'cursor', message: 'not a cursor returned by this API' }],
  })
}

/** The sync log, newest first, a page at a time (administrators); credentials were redacted when written. */
export async function financeLogPage(
  tx: Executor,
  ctx: Ctx,
  q: { limit: number; cursor?: string; contractId?: string },
) {
  requireAdmin(ctx, 'see the finance sync log')
  const rows = await logPage(tx, ctx.ws, q.limit, q.cursor ? decode(q.cursor) : null, q.contractId)
  const page = rows.slice(0, q.limit)
  const last = page.at(-1)
  return {
    data: page.map(entry),
    nextCursor:
      rows.length > q.limit && last
        ? Buffer.from(JSON.stringify([last.at.toISOString(), last.id])).toString('base64url')
        : null,
  }
}

export const syncView = (s: SyncRow): FinanceSync => ({
  contractId: s.contractId,
  contractNumber: s.contractNumber,
  provider: s.provider as FinanceSync['provider'],
  state: s.state as FinanceSync['state'],
  externalId: s.externalId,
  billNumber: s.billNumber,
  attempts: s.attempts,
  lastError: s.lastError,
  nextAttemptAt: s.nextAttemptAt?.toISOString() ?? null,
  updatedAt: s.updatedAt.toISOString(),
})

/** Every contract sent (or being sent) to the finance system, latest change first. */
export async function financeSyncs(tx: Executor, ctx: Ctx) {
  requireAdmin(ctx, 'see the finance syncs')
  return (await syncsOf(tx, ctx.ws)).map(syncView)
}
