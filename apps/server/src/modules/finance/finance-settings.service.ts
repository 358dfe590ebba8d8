import type { FinanceSettings, FinanceSettingsInput, FinanceTestResult } from '@openkam/contract'
import { scopeFor } from '../../core/access/permissions'
import { recordAudit } from '../../core/audit/audit'
import type { Config } from '../../core/config'
import type { Ctx } from '../../core/context'
import { secretBoxFor } from '../../core/crypto/secret-box'
import type { Db, Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import { newId } from '../../core/ids'
import type { CallRecord, CallSink, FinanceConnector } from './connector'
import { KingdeeConnector } from './kingdee.adapter'
import { YonyouConnector } from './yonyou.adapter'
import { findSettings, insertLog, saveSettings, type SettingsRow } from './finance.repository'
import './finance.events'

export function requireAdmin(ctx: Ctx, what: string) {
  if (scopeFor(ctx.principal, 'workspace', 'update') !== 'all')
    throw new AppError('forbidden', 'forbidden', `Only administrators may ${what}`)
}

const view = (row: SettingsRow | null): FinanceSettings => ({
  configured: !!row,
  provider: (row?.provider as FinanceSettings['provider']) ?? null,
  baseUrl: row?.baseUrl ?? null,
  credentials: row?.credentialsSealed ? 'set' : 'not_set',
  enabled: row?.enabled ?? false,
  updatedAt: row?.updatedAt.toISOString() ?? null,
  lastPullAt: row?.lastPullAt?.toISOString() ?? null,
  lastPullError: row?.lastPullError ?? null,
})

/** The connector's settings without the credentials' values (administrators). */
export async function getFinanceSettings(tx: Executor, ctx: Ctx): Promise<FinanceSettings> {
  requireAdmin(ctx, 'see the finance connector')
  return view(await findSettings(tx, ctx.ws))
}

/**
 * Saves the connector. New credentials are sealed (AES-256-GCM) before they are stored; none sent keeps
 * the saved ones of the same provider. Enabling needs credentials. Audit and event say only whether
 * credentials are set.
 */
export async function saveFinanceSettings(
  tx: Executor,
  ctx: Ctx,
  config: Config,
  input: FinanceSettingsInput,
): Promise<FinanceSettings> {
  requireAdmin(ctx, 'change the finance connector')
  const before = await findSettings(tx, ctx.ws)
  const sealed = input.credentials
    ? secretBoxFor(config).sealJson(input.credentials)
    : before?.provider === input.provider
      ? before.credentialsSealed
      : null
  if (input.enabled && !sealed)
    throw new AppError('invalid', 'invalid_input', 'Enter the credentials before enabling the connector', {
      errors: [{ path: 'credentials', message: 'required to enable the connector' }],
    })
  const now = new Date()
  await saveSettings(tx, {
    workspaceId: ctx.ws,
    provider: input.provider,
    baseUrl: input.baseUrl,
    credentialsSealed: sealed,
    enabled: input.enabled,
    receiptsSince: before?.provider === input.provider ? before.receiptsSince : null,
    lastPullAt: before?.lastPullAt ?? null,
    lastPullError: before?.lastPullError ?? null,
    updatedAt: now,
    updatedBy: ctx.principal.userId,
  })
  const after = await findSettings(tx, ctx.ws)
  const shown = (r: SettingsRow | null) =>
    r && {
      provider: r.provider,
      baseUrl: r.baseUrl,
      enabled: r.enabled,
      credentials: r.credentialsSealed ? ('set' as const) : ('not_set' as const),
    }
  await recordAudit(tx, ctx, [
    {
      action: before ? 'update' : 'create',
      entityType: 'finance_integration',
      entityId: ctx.ws,
      before: shown(before),
      after: { ...shown(after), ...(input.credentials ? { credentialsChanged: true } : {}) },
    },
  ])
  await ctx.events.emit(tx, ctx, [
    {
      type: 'finance_integration.updated',
      entityType: 'finance_integration',
      entityId: ctx.ws,
      payload: shown(after)!,
    },
  ])
  return view(after)
}

/** The adapter for the saved settings; each exchange goes to `sink`. */
export function connectorFor(row: SettingsRow, config: Config, sink: CallSink): FinanceConnector {
  if (!row.credentialsSealed)
    throw new AppError('conflict', 'finance_not_configured', 'Enter the finance system credentials first')
  const creds = secretBoxFor(config).openJson<Record<string, unknown>>(row.credentialsSealed)
  const timeout = config.webhookTimeoutMs
  if (row.provider === 'kingdee') return new KingdeeConnector(row.baseUrl, creds as never, sink, timeout)
  return new YonyouConnector(row.baseUrl, creds as never, sink, timeout)
}

/** The sync log rows of some exchanges. */
export const logRows = (
  ws: string,
  provider: string,
  calls: CallRecord[],
  contract: { id: string; number: string } | null,
) =>
  calls.map((c, i) => ({
    workspaceId: ws,
    id: newId(),
    // Apart by a millisecond each, so the log keeps their order.
    at: new Date(Date.now() - (calls.length - 1 - i)),
    provider,
    document: c.document,
    operation: c.operation,
    contractId: contract?.id ?? null,
    contractNumber: contract?.number ?? null,
    state: c.ok ? 'ok' : 'error',
    error: c.error,
    request: c.request,
    response: c.response,
  }))

/** Logs in with the saved settings (no transaction is held during the call); the exchange is logged. */
export async function testFinanceConnection(db: Db, ctx: Ctx, config: Config): Promise<FinanceTestResult> {
  const row = await db.transaction(async (tx) => {
    requireAdmin(ctx, 'test the finance connector')
    return findSettings(tx, ctx.ws)
  })
  if (!row)
    throw new AppError('conflict', 'finance_not_configured', 'Save the finance connector settings first')
  const calls: CallRecord[] = []
  let result: FinanceTestResult
  try {
    result = { ok: true, message: await connectorFor(row, config, (c) => calls.push(c)).testConnection() }
  } catch (err) {
    if (err instanceof AppError) throw err
    result = { ok: false, message: (err as Error).message }
  }
  await db.transaction((tx) =>
    insertLog(
      tx,
      logRows(
        ctx.ws,
        row.provider,
        calls.map((c) => ({ ...c, document: 'test' as const })),
        null,
      ),
    ),
  )
  return result
}
