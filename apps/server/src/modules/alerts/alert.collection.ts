import { and, eq, isNull, ne } from 'drizzle-orm'
import { translateMessage } from '../../core/http/translate-message'
import { alertRuleParams, alertRuleTypes, alertSeverities, alertStatuses } from '@openkam/contract'
import type { AlertRuleType } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { allOf, rowMapper } from '../../core/crud/mapping'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError, type FieldError } from '../../core/errors'
import { isUuid } from '../../core/ids'
import { accountParent, accounts } from '../accounts'
import { userRefs } from '../users'
import { findPlaybook } from './alert-playbook'
import { alertRules, alerts } from './alert.table'

type Row = Record<string, any>

// Status, acknowledgement, snooze and resolution are set by the alert service's actions, never by
// PATCH: the wire Update schema leaves them out, so only server code reaches these columns.
const alertMapper = rowMapper(alerts)

/** The unresolved alert of an account and type, if any (there is at most one). */
export const findUnresolved = async (tx: Executor, ws: string, accountId: string, type: string) =>
  (
    await tx
      .select()
      .from(alerts)
      .where(
        and(
          eq(alerts.workspaceId, ws),
          eq(alerts.accountId, accountId),
          eq(alerts.type, type),
          ne(alerts.status, 'resolved'),
          isNull(alerts.deletedAt),
        ),
      )
  )[0] ?? null

/** Alerts; a new one belongs to its account's owner (the account manager it notifies) and is one of a kind while unresolved. */
class AlertCollection extends Collection<any, any, any> {
  override async create(tx: Executor, ctx: Ctx, input: Row) {
    const open = input.accountId ? await findUnresolved(tx, ctx.ws, input.accountId, input.type) : null
    if (open) {
      throw new AppError(
        'conflict',
        'alert_duplicate',
        `This account already has an unresolved ${input.type} alert (${open.id}); resolve it before opening another`,
        { current: alertMapper.toRecord(open) },
      )
    }
    let ownerId = input.ownerId
    if (ownerId === undefined && input.accountId && isUuid(input.accountId)) {
      const [a] = await tx
        .select({ ownerId: accounts.ownerId })
        .from(accounts)
        .where(and(eq(accounts.workspaceId, ctx.ws), eq(accounts.id, input.accountId)))
      ownerId = a ? a.ownerId : undefined
    }
    return super.create(tx, ctx, { ...input, ...(ownerId !== undefined ? { ownerId } : {}) })
  }
}

export const alertCollection = new AlertCollection({
  name: 'alerts',
  entity: 'alert',
  label: 'Alert',
  table: alerts,
  parent: accountParent(alerts.accountId),
  toRecord: alertMapper.toRecord,
  // Why a playbook did not start is kept in English; each reader gets it in their language.
  localize: (rec, lang) => {
    const d = rec.details as Record<string, unknown> | null
    return d && typeof d.playbookError === 'string'
      ? { ...rec, details: { ...d, playbookError: translateMessage(d.playbookError, lang) } }
      : rec
  },
  toColumns: alertMapper.toColumns,
  derive: (_patch, before) => (before ? {} : { status: 'open' }),
  validate: allOf(userRefs('ownerId')),
  sortable: {
    createdAt: { column: alerts.createdAt, kind: 'date' },
    updatedAt: { column: alerts.updatedAt, kind: 'date' },
    severity: { column: alerts.severity, kind: 'string' },
    status: { column: alerts.status, kind: 'string' },
    type: { column: alerts.type, kind: 'string' },
  },
  filterable: {
    accountId: { column: alerts.accountId, kind: 'uuid' },
    ownerId: { column: alerts.ownerId, kind: 'uuid' },
    owner: { column: alerts.ownerId, kind: 'uuid' },
    status: { column: alerts.status, kind: 'enum', values: alertStatuses },
    severity: { column: alerts.severity, kind: 'enum', values: alertSeverities },
    type: { column: alerts.type, kind: 'string' },
    ruleId: { column: alerts.ruleId, kind: 'uuid' },
    createdAt: { column: alerts.createdAt, kind: 'date' },
    snoozedUntil: { column: alerts.snoozedUntil, kind: 'date' },
  },
  search: [alerts.reason, alerts.type],
  defaultSort: '-createdAt',
})

// ── alert rules ──────────────────────────────────────────────────────────────

const ruleMapper = rowMapper(alertRules, { readOnly: ['template'] })

/** The params of a rule with every default filled in, or the problems with them. */
export function parseRuleParams(type: string, params: unknown) {
  const schema = alertRuleParams[type as AlertRuleType]
  if (!schema) return { ok: false as const, errors: [{ path: 'type', message: 'not a rule type' }] }
  const r = schema.safeParse(params ?? {})
  if (r.success) return { ok: true as const, value: r.data as Row }
  return {
    ok: false as const,
    errors: r.error.issues.map((i) => ({
      path: ['params', ...i.path.map(String)].join('.'),
      message: i.message,
    })),
  }
}

async function checkRule(tx: Executor, ctx: Ctx, c: Row, before: Row | null): Promise<FieldError[]> {
  const errors: FieldError[] = []
  const p = parseRuleParams(c.type, c.params)
  if (!p.ok) errors.push(...p.errors)
  if (before && before.type !== c.type)
    errors.push({ path: 'type', message: 'the type of a rule cannot change; create another rule' })
  if (c.startPlaybook && (!before || before.startPlaybook !== c.startPlaybook)) {
    if (!(await findPlaybook(tx, ctx.ws, c.startPlaybook)))
      errors.push({ path: 'startPlaybook', message: 'no such playbook (give its id or template key)' })
  }
  if (c.key && (!before || before.key !== c.key)) {
    const [dup] = await tx
      .select({ id: alertRules.id })
      .from(alertRules)
      .where(and(eq(alertRules.workspaceId, ctx.ws), eq(alertRules.key, c.key), isNull(alertRules.deletedAt)))
    if (dup && dup.id !== c.id) errors.push({ path: 'key', message: `the key ${c.key} is already used` })
  }
  return errors
}

export const alertRuleCollection = new Collection<any, any, any>({
  name: 'alert-rules',
  entity: 'alert_rule',
  label: 'Alert rule',
  table: alertRules,
  toRecord: ruleMapper.toRecord,
  toColumns: ruleMapper.toColumns,
  derive: (patch, before) => {
    const out: Row = {}
    if (!before && !patch.key) out.key = `${patch.type}_${Date.now().toString(36)}`
    if (!before && patch.severity === undefined) out.severity = 'warning'
    if (patch.params !== undefined || !before) {
      const p = parseRuleParams(patch.type ?? before?.type, patch.params ?? {})
      if (p.ok) out.params = p.value
    }
    return out
  },
  validate: checkRule,
  sortable: {
    name: { column: alertRules.name, kind: 'string' },
    createdAt: { column: alertRules.createdAt, kind: 'date' },
    updatedAt: { column: alertRules.updatedAt, kind: 'date' },
  },
  filterable: {
    type: { column: alertRules.type, kind: 'enum', values: alertRuleTypes },
    enabled: { column: alertRules.enabled, kind: 'boolean' },
    key: { column: alertRules.key, kind: 'string' },
  },
  search: [alertRules.name, alertRules.description],
  defaultSort: 'createdAt',
})
