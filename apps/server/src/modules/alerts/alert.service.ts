import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import { defaultAlertOutcomes, type Alert } from '@openkam/contract'
import { scopeFor } from '../../core/access/permissions'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import { alertCollection, findUnresolved } from './alert.collection'
import { alertSettings, alerts } from './alert.table'

type Row = Record<string, any>

const outcomeLabels: Record<string, { en: string; 'zh-CN': string }> = {
  retained: { en: 'Retained', 'zh-CN': '已挽留' },
  churned: { en: 'Churned', 'zh-CN': '已流失' },
  false_alarm: { en: 'False alarm', 'zh-CN': '误报' },
  other: { en: 'Other', 'zh-CN': '其他' },
}

export const defaultOutcomes = (lang: 'en' | 'zh-CN' = 'en') =>
  defaultAlertOutcomes.map((key) => ({ key, label: outcomeLabels[key]![lang] }))

/** The workspace's alert settings (the outcomes list); the defaults when never saved. */
export async function loadAlertSettings(tx: Executor, ws: string) {
  const [row] = await tx.select().from(alertSettings).where(eq(alertSettings.workspaceId, ws))
  return row
    ? { outcomes: row.outcomes, version: row.version }
    : { outcomes: defaultOutcomes('en'), version: 0 }
}

/** Replaces the outcomes list (administrators). */
export async function saveAlertSettings(tx: Executor, ctx: Ctx, outcomes: { key: string; label: string }[]) {
  if (scopeFor(ctx.principal, 'alert-rules', 'update') !== 'all')
    throw new AppError('forbidden', 'forbidden', 'Only administrators change the alert outcomes')
  const keys = new Set<string>()
  const errors = outcomes.flatMap((o, i) => {
    const dup = keys.has(o.key)
    keys.add(o.key)
    return dup ? [{ path: `outcomes.${i}.key`, message: `the key ${o.key} is used twice` }] : []
  })
  if (errors.length) throw new AppError('invalid', 'invalid_input', 'The outcomes are not valid', { errors })
  const [row] = await tx
    .insert(alertSettings)
    .values({ workspaceId: ctx.ws, outcomes, updatedBy: ctx.principal.userId })
    .onConflictDoUpdate({
      target: alertSettings.workspaceId,
      set: {
        outcomes: sql`excluded.outcomes`,
        version: sql`${alertSettings.version} + 1`,
        updatedAt: sql`now()`,
        updatedBy: sql`excluded.updated_by`,
      },
    })
    .returning()
  return { outcomes: row!.outcomes, version: row!.version }
}

/** The alert, visible to the person, locked for the change. */
async function lockVisible(tx: Executor, ctx: Ctx, id: string): Promise<Row> {
  await alertCollection.get(tx, ctx, id) // 404 unless the person can see it
  const [row] = await tx
    .select()
    .from(alerts)
    .where(and(eq(alerts.workspaceId, ctx.ws), eq(alerts.id, id)))
    .for('update')
  if (!row) throw new AppError('not_found', 'not_found', 'Alert was not found')
  return row
}

const refuse = (code: string, message: string) => new AppError('conflict', code, message)

async function change(tx: Executor, ctx: Ctx, row: Row, patch: Row, event: string, extra: Row = {}) {
  const rec = (await alertCollection.update(tx, ctx, row.id, { version: row.version, ...patch })) as Alert
  await ctx.events.emit(tx, ctx, [
    { type: event, entityType: 'alert', entityId: row.id, payload: { record: rec, ...extra } },
  ])
  return rec
}

/** Someone is on it: open → acknowledged. */
export async function acknowledgeAlert(tx: Executor, ctx: Ctx, id: string) {
  const row = await lockVisible(tx, ctx, id)
  if (row.status !== 'open')
    throw refuse(
      'alert_not_open',
      row.status === 'resolved'
        ? 'This alert is resolved; reopen it first'
        : `Only an open alert can be acknowledged; this one is ${row.status}`,
    )
  return change(
    tx,
    ctx,
    row,
    { status: 'acknowledged', acknowledgedAt: new Date(), acknowledgedBy: ctx.principal.userId },
    'alert.acknowledged',
  )
}

/** Quiet until a future date: it neither notifies nor duplicates until then, then reopens if the condition still holds. */
export async function snoozeAlert(
  tx: Executor,
  ctx: Ctx,
  id: string,
  body: { until: string; note?: string },
) {
  const until = new Date(body.until)
  if (!(until.getTime() > Date.now()))
    throw new AppError('invalid', 'invalid_input', 'Snooze until a future date', {
      errors: [{ path: 'until', message: 'must be in the future' }],
    })
  const row = await lockVisible(tx, ctx, id)
  if (row.status === 'resolved') throw refuse('alert_resolved', 'This alert is resolved; reopen it first')
  return change(
    tx,
    ctx,
    row,
    { status: 'snoozed', snoozedUntil: until, snoozeNote: body.note ?? null },
    'alert.snoozed',
  )
}

/** Closes the alert with an outcome from the workspace's list and a note. */
export async function resolveAlert(
  tx: Executor,
  ctx: Ctx,
  id: string,
  body: { outcome: string; note?: string },
) {
  const { outcomes } = await loadAlertSettings(tx, ctx.ws)
  if (!outcomes.some((o) => o.key === body.outcome))
    throw new AppError('invalid', 'invalid_input', 'Unknown outcome', {
      errors: [{ path: 'outcome', message: `one of ${outcomes.map((o) => o.key).join(', ')}` }],
    })
  const row = await lockVisible(tx, ctx, id)
  if (row.status === 'resolved') throw refuse('alert_resolved', 'This alert is already resolved')
  return change(
    tx,
    ctx,
    row,
    {
      status: 'resolved',
      resolvedAt: new Date(),
      resolvedBy: ctx.principal.userId,
      outcome: body.outcome,
      resolutionNote: body.note ?? null,
      snoozedUntil: null,
    },
    'alert.resolved',
  )
}

/** Back to open: from acknowledged, snoozed or resolved (unless the account has a newer unresolved alert of the type). */
export async function reopenAlert(tx: Executor, ctx: Ctx, id: string, bySnoozeEnd = false) {
  const row = await lockVisible(tx, ctx, id)
  if (row.status === 'open') throw refuse('alert_open', 'This alert is already open')
  if (row.status === 'resolved') {
    const other = await findUnresolved(tx, ctx.ws, row.accountId, row.type)
    if (other && other.id !== row.id)
      throw refuse(
        'alert_duplicate',
        `The account has a newer unresolved ${row.type} alert (${other.id}); work on that one instead`,
      )
  }
  return change(
    tx,
    ctx,
    row,
    {
      status: 'open',
      snoozedUntil: null,
      resolvedAt: null,
      resolvedBy: null,
      outcome: null,
      reopenedAt: new Date(),
    },
    'alert.reopened',
    { bySnoozeEnd },
  )
}

/** Alerts by status, and unresolved ones by severity, among those the person can see. */
export async function alertCounts(tx: Executor, ctx: Ctx, q: { accountId?: string; ownerId?: string }) {
  const scope = alertCollection.scope(ctx, 'read')
  const owner = q.ownerId === 'me' ? ctx.principal.userId : q.ownerId
  const rows = await tx
    .select({ status: alerts.status, severity: alerts.severity, n: sql<number>`count(*)::int` })
    .from(alerts)
    .where(
      and(
        eq(alerts.workspaceId, ctx.ws),
        isNull(alerts.deletedAt),
        alertCollection.visibility(ctx, scope),
        q.accountId ? eq(alerts.accountId, q.accountId) : undefined,
        owner ? eq(alerts.ownerId, owner) : undefined,
      ),
    )
    .groupBy(alerts.status, alerts.severity)
  const byStatus = { open: 0, acknowledged: 0, snoozed: 0, resolved: 0 } as Record<string, number>
  const bySeverity = { info: 0, warning: 0, danger: 0 } as Record<string, number>
  for (const r of rows) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + r.n
    if (r.status !== 'resolved') bySeverity[r.severity] = (bySeverity[r.severity] ?? 0) + r.n
  }
  return { byStatus, bySeverity }
}

/** Unresolved alerts of an account (the 360° page), newest first. */
export async function unresolvedAlertsOf(tx: Executor, ctx: Ctx, accountId: string) {
  const page = await alertCollection.list(tx, ctx, {
    limit: 50,
    accountId,
    status: 'open,acknowledged,snoozed',
  })
  return page.data as Alert[]
}

/**
 * Open and acknowledged alerts per account, of those the person may see (an agents' queue shows them
 * beside each ticket): `{ [accountId]: { open, danger } }`. Empty for a role that may not read alerts.
 */
export async function openAlertCounts(
  tx: Executor,
  ctx: Ctx,
  accountIds: string[],
): Promise<Record<string, { open: number; danger: number }>> {
  const scope = scopeFor(ctx.principal, 'alerts', 'read')
  if (!accountIds.length || scope === 'none') return {}
  const rows = await tx
    .select({
      accountId: alerts.accountId,
      open: sql<number>`count(*)::int`,
      danger: sql<number>`(count(*) filter (where ${alerts.severity} = 'danger'))::int`,
    })
    .from(alerts)
    .where(
      and(
        eq(alerts.workspaceId, ctx.ws),
        inArray(alerts.accountId, accountIds),
        inArray(alerts.status, ['open', 'acknowledged']),
        isNull(alerts.deletedAt),
        alertCollection.visibility(ctx, scope),
      ),
    )
    .groupBy(alerts.accountId)
  return Object.fromEntries(rows.map((r) => [r.accountId, { open: r.open, danger: r.danger }]))
}
