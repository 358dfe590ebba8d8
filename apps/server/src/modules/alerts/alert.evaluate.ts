import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm'
import type { AlertRuleType, AlertSeverity } from '@openkam/contract'
import type { Config } from '../../core/config'
import { systemCtx, type Ctx } from '../../core/context'
import type { Db, Executor } from '../../core/db/types'
import type { EventCause, EventSink } from '../../core/events/bus'
import type { JobQueue } from '../../core/jobs/jobs'
import { langOf, workspaceLocale } from '../notifications'
import { detectors, type Hit } from './alert-detect.repository'
import { resolveCleared } from './alert-autoresolve'
import { startPlaybookForAlert } from './alert-playbook'
import { reasonOf } from './alert-texts'
import { alertCollection, parseRuleParams } from './alert.collection'

import { alertRules, alerts } from './alert.table'

type Row = Record<string, any>
/** What evaluation needs; `jobs` and `config` only reach the rule engine when a playbook starts (it only creates tasks). */
export type AlertDeps = { events: EventSink; jobs?: JobQueue; config?: Config }
export type Evaluation = { workspaces: number; opened: number; reopened: number; escalated: number }

const rank: Record<string, number> = { info: 0, warning: 1, danger: 2 }
const DAY = 86_400_000

/** The severity of a hit: the rule's, raised to danger for a usage drop on an at-risk account. */
export const severityOf = (type: string, ruleSeverity: string, hit: Pick<Hit, 'healthBand'>) =>
  (type === 'usage_drop_key_contact' && hit.healthBand === 'at_risk'
    ? 'danger'
    : ruleSeverity) as AlertSeverity

/**
 * Evaluates the enabled alert rules of one workspace, set-based: each rule is one query over all
 * accounts (or over `accountIds` when an event concerns one account). A hit opens an alert through the
 * collection (audit + `alert.created`, which the rule engine turns into notifications) unless the
 * account has an unresolved one of that type; a snoozed one whose date has passed reopens; an open one
 * rises in severity when the hit is worse. Then unacknowledged alerts past their rule's escalation age
 * are raised. A relationship alert whose cause went away resolves itself (alert-autoresolve.ts). Runs under a per-workspace lock, so overlapping runs open nothing twice.
 */
export async function evaluateWorkspace(
  tx: Executor,
  deps: AlertDeps,
  ws: string,
  opts: { now?: Date; accountIds?: string[]; types?: AlertRuleType[]; cause?: EventCause | null } = {},
): Promise<Omit<Evaluation, 'workspaces'>> {
  const now = opts.now ?? new Date()
  const out = { opened: 0, reopened: 0, escalated: 0 }
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`alerts:${ws}`}))`)
  const rules = await tx
    .select()
    .from(alertRules)
    .where(
      and(
        eq(alertRules.workspaceId, ws),
        eq(alertRules.enabled, true),
        isNull(alertRules.deletedAt),
        opts.types ? inArray(alertRules.type, opts.types) : undefined,
      ),
    )
    .orderBy(alertRules.createdAt, alertRules.id)
  if (!rules.length) return out
  const ctx = systemCtx(ws, deps.events, opts.cause)
  const lang = langOf(await workspaceLocale(tx, ws))
  for (const rule of rules) {
    const params = parseRuleParams(rule.type, rule.params)
    const detect = detectors[rule.type as AlertRuleType]
    if (!params.ok || !detect) continue
    const hits = await detect(tx, ws, params.value as never, now, opts.accountIds)
    await resolveCleared(tx, ctx, rule.type as AlertRuleType, hits, now, lang, opts.accountIds)
    if (!hits.length) continue
    const existing = new Map(
      (
        await tx
          .select()
          .from(alerts)
          .where(
            and(
              eq(alerts.workspaceId, ws),
              eq(alerts.type, rule.type),
              ne(alerts.status, 'resolved'),
              isNull(alerts.deletedAt),
              inArray(
                alerts.accountId,
                hits.map((h) => h.accountId),
              ),
            ),
          )
      ).map((a) => [a.accountId, a]),
    )
    for (const hit of hits) {
      const severity = severityOf(rule.type, rule.severity, hit)
      const reason = reasonOf(rule.type, hit.evidence, lang).slice(0, 1000)
      const ex = existing.get(hit.accountId)
      if (!ex) {
        if (await openAlert(tx, ctx, deps, rule, hit, severity, reason, now)) out.opened++
      } else if (ex.status === 'snoozed' && ex.snoozedUntil && ex.snoozedUntil <= now) {
        const rec = (await alertCollection.update(tx, ctx, ex.id, {
          version: ex.version,
          status: 'open',
          snoozedUntil: null,
          reopenedAt: now,
          lastSeenAt: now,
          severity: rank[severity]! > rank[ex.severity]! ? severity : ex.severity,
          reason,
          details: hit.evidence,
        })) as Row
        await ctx.events.emit(tx, ctx, [
          {
            type: 'alert.reopened',
            entityType: 'alert',
            entityId: ex.id,
            payload: { record: rec, bySnoozeEnd: true },
          },
        ])
        out.reopened++
      } else if (ex.status !== 'snoozed' && rank[severity]! > rank[ex.severity]!) {
        await alertCollection.update(tx, ctx, ex.id, {
          version: ex.version,
          severity,
          reason,
          details: hit.evidence,
          lastSeenAt: now,
        })
      }
    }
  }
  out.escalated = await escalate(tx, ctx, rules, now)
  return out
}

async function openAlert(
  tx: Executor,
  ctx: Ctx,
  deps: AlertDeps,
  rule: Row,
  hit: Hit,
  severity: AlertSeverity,
  reason: string,
  now: Date,
) {
  // A savepoint: should another writer have opened the same alert meanwhile (the unique index), skip it.
  const rec = await tx
    .transaction(async (sp) =>
      alertCollection.create(sp, ctx, {
        accountId: hit.accountId,
        type: rule.type,
        severity,
        reason,
        details: hit.evidence,
        ruleId: rule.id,
        ruleKey: rule.key,
        notify: rule.notify,
        lastSeenAt: now,
      }),
    )
    .catch((e: unknown) => {
      const err = e as { code?: string; cause?: unknown }
      if (
        err?.code === 'alert_duplicate' ||
        /alerts_unresolved_key/.test(`${String(e)} ${String(err?.cause)}`)
      )
        return null
      throw e
    })
  if (!rec) return false
  if (rule.startPlaybook) {
    const started = await startPlaybookForAlert(tx, ctx.ws, deps, rule.startPlaybook, hit.accountId)
    const fresh = (await alertCollection.get(tx, ctx, rec.id)) as Row
    await alertCollection.update(
      tx,
      ctx,
      rec.id,
      'error' in started
        ? { version: fresh.version, details: { ...hit.evidence, playbookError: started.error } }
        : { version: fresh.version, playbookId: started.playbookId, playbookTaskIds: started.taskIds },
    )
  }
  return true
}

/** Open (unacknowledged) alerts older than their rule's escalation age rise to its severity, once. */
async function escalate(tx: Executor, ctx: Ctx, rules: Row[], now: Date) {
  let n = 0
  for (const rule of rules) {
    const esc = rule.escalation as { afterDays: number; severity: string } | null
    if (!esc?.afterDays) continue
    const due = await tx
      .select()
      .from(alerts)
      .where(
        and(
          eq(alerts.workspaceId, ctx.ws),
          eq(alerts.ruleId, rule.id),
          eq(alerts.status, 'open'),
          isNull(alerts.escalatedAt),
          isNull(alerts.deletedAt),
          sql`${alerts.createdAt} <= ${new Date(now.getTime() - esc.afterDays * DAY).toISOString()}::timestamptz`,
        ),
      )
    for (const a of due) {
      await alertCollection.update(tx, ctx, a.id, {
        version: a.version,
        escalatedAt: now,
        ...(rank[esc.severity]! > rank[a.severity]! ? { severity: esc.severity } : {}),
      })
      n++
    }
  }
  return n
}

/** Evaluates every workspace that has enabled alert rules (or one), each in its own transaction. */
export async function evaluateAlerts(
  db: Db,
  deps: AlertDeps,
  ws?: string,
  now = new Date(),
): Promise<Evaluation> {
  const list = await db
    .selectDistinct({ ws: alertRules.workspaceId })
    .from(alertRules)
    .where(
      and(
        eq(alertRules.enabled, true),
        isNull(alertRules.deletedAt),
        ws ? eq(alertRules.workspaceId, ws) : undefined,
      ),
    )
  const total: Evaluation = { workspaces: list.length, opened: 0, reopened: 0, escalated: 0 }
  for (const { ws: w } of list) {
    const r = await db.transaction((tx) => evaluateWorkspace(tx, deps, w, { now }))
    total.opened += r.opened
    total.reopened += r.reopened
    total.escalated += r.escalated
  }
  return total
}
