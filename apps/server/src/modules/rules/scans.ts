import cronParser from 'cron-parser'
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import type { ConditionGroup, RuleTarget, RuleTrigger } from '@openkam/contract'
import type { Db } from '../../core/db/types'
import { evaluate } from './conditions'
import { accountOf, fireRule, type EngineDeps } from './engine'
import { CUSTOM } from './custom-fields'
import { customDateSql, isLiveTarget } from './custom-objects'
import { collectionFor, dateColumnOf } from './entities'
import { ruleDateFires, rules } from './rule.table'
import { systemCtx } from '../../core/context'

type Row = Record<string, any>

/**
 * A date trigger catches up on moments reached at most this long ago, or whose date is still ahead (so
 * enabling a rule does not replay history, but a contract already inside its 90-day window still fires).
 */
export const DATE_LOOKBACK_DAYS = 7
/** At most this many records fire per date rule per scan; the next scan continues. */
const DATE_BATCH = 500
/** A scheduled rule over records runs for at most this many matching records per firing. */
export const SCHEDULE_MAX_RUNS = 500
const SCHEDULE_MAX_SCAN = 20_000

const wsFilter = (ws?: string) => (ws ? eq(rules.workspaceId, ws) : undefined)

/**
 * Fires date triggers whose moment (field + offset days) has come, once per rule, record and date value.
 * Each record fires in its own transaction with its fire mark, so a crash or a second worker never fires twice.
 */
export async function scanDateTriggers(db: Db, deps: EngineDeps, ws?: string): Promise<number> {
  const list = await db
    .select()
    .from(rules)
    .where(
      and(
        wsFilter(ws),
        eq(rules.enabled, true),
        isNull(rules.deletedAt),
        eq(rules.triggerKind, 'date_reached'),
      ),
    )
  let fired = 0
  for (const rule of list) {
    const t = rule.trigger as Extract<RuleTrigger, { kind: 'date_reached' }>
    // A deleted custom object's rules wait (they fire again once it is restored).
    if (!(await isLiveTarget(db, rule.workspaceId, t.entity))) continue
    const coll = collectionFor(t.entity)
    const date = dateOf(coll.def.table, t.entity, t.field)
    if (!coll || !date) continue
    const table = coll.def.table
    const moment = sql`(${date.at} + make_interval(days => ${t.offsetDays}))`
    const due: { id: string; fireKey: string }[] = await db
      .select({ id: sql<string>`${table.id}`, fireKey: sql<string>`${date.key}` })
      .from(table as PgTable)
      .where(
        and(
          eq(table.workspaceId, rule.workspaceId),
          coll.partitionWhere(),
          isNull(table.deletedAt),
          sql`${date.at} is not null`,
          sql`${moment} <= now()`,
          // Reached lately, or inside a window that is still open (e.g. 90 days before an end still ahead).
          sql`(${moment} > now() - make_interval(days => ${DATE_LOOKBACK_DAYS}) or ${date.at} >= now())`,
          sql`not exists (select 1 from ${ruleDateFires} f where f.workspace_id = ${rule.workspaceId}
                and f.rule_id = ${rule.id} and f.entity_id = ${table.id} and f.fire_key = ${date.key})`,
        ),
      )
      .limit(DATE_BATCH)
    for (const row of due) {
      await db.transaction(async (tx) => {
        const marked = await tx
          .insert(ruleDateFires)
          .values({ workspaceId: rule.workspaceId, ruleId: rule.id, entityId: row.id, fireKey: row.fireKey })
          .onConflictDoNothing()
          .returning({ id: ruleDateFires.entityId })
        if (!marked.length) return
        const ctx = systemCtx(rule.workspaceId, deps.events)
        const record = (await coll.get(tx, ctx, row.id)) as Row
        await fireRule(tx, rule.workspaceId, deps, rule, {
          trigger: 'date_reached',
          entity: t.entity,
          record,
          depth: 0,
        })
        fired++
      })
    }
  }
  return fired
}

/**
 * A date trigger's field as a timestamp (`at`) and as the text that marks a firing (`key`): a date column,
 * or a custom date field (`custom.<key>`) read from the record's custom values. Null when neither.
 */
function dateOf(table: Row, entity: RuleTarget, field: string): { at: SQL; key: SQL } | null {
  if (field.startsWith(CUSTOM)) {
    const d = customDateSql(table.custom, field.slice(CUSTOM.length))
    return { at: d.moment, key: d.text }
  }
  const col = dateColumnOf(entity, field)
  return col ? { at: sql`${col}::timestamptz`, key: sql`${col}::text` } : null
}

/** The next firing of a cron expression after `from`, in its time zone. */
export function nextFiring(cron: string, timezone: string, from: Date): Date {
  return cronParser.parseExpression(cron, { currentDate: from, tz: timezone }).next().toDate()
}

/**
 * Fires scheduled rules whose next firing (after the last one, or after the rule was saved) has come.
 * A firing missed while nothing ran happens once, not once per missed slot.
 */
export async function scanSchedules(
  db: Db,
  deps: EngineDeps,
  ws?: string,
  now = new Date(),
): Promise<number> {
  const list = await db
    .select()
    .from(rules)
    .where(
      and(wsFilter(ws), eq(rules.enabled, true), isNull(rules.deletedAt), eq(rules.triggerKind, 'schedule')),
    )
  let runs = 0
  for (const candidate of list) {
    const t = candidate.trigger as Extract<RuleTrigger, { kind: 'schedule' }>
    const last = (candidate.state as Row).lastFiredAt as string | undefined
    if (nextFiring(t.cron, t.timezone, last ? new Date(last) : candidate.updatedAt) > now) continue
    runs += await db.transaction(async (tx) => {
      // Lock and look again: another worker may have fired it meanwhile.
      const [rule] = await tx
        .select()
        .from(rules)
        .where(and(eq(rules.workspaceId, candidate.workspaceId), eq(rules.id, candidate.id)))
        .for('update')
      const again = (rule?.state as Row | undefined)?.lastFiredAt as string | undefined
      if (!rule || nextFiring(t.cron, t.timezone, again ? new Date(again) : rule.updatedAt) > now) return 0
      await tx
        .update(rules)
        .set({ state: sql`jsonb_set(${rules.state}, '{lastFiredAt}', to_jsonb(${now.toISOString()}::text))` })
        .where(and(eq(rules.workspaceId, rule.workspaceId), eq(rules.id, rule.id)))
      // A deleted custom object's rule keeps its schedule but finds no records to run on.
      if (t.entity && !(await isLiveTarget(tx, rule.workspaceId, t.entity))) return 0
      if (!t.entity) {
        await fireRule(tx, rule.workspaceId, deps, rule, {
          trigger: 'schedule',
          entity: null,
          record: null,
          depth: 0,
        })
        return 1
      }
      return fireForMatchingRecords(tx, deps, rule, t.entity)
    })
  }
  return runs
}

async function fireForMatchingRecords(
  tx: any,
  deps: EngineDeps,
  rule: Row,
  entity: RuleTarget,
): Promise<number> {
  const coll = collectionFor(entity)
  const ctx = systemCtx(rule.workspaceId, deps.events)
  const needsAccount = JSON.stringify(rule.conditions).includes('"account.')
  let cursor: string | undefined
  let scanned = 0
  let fired = 0
  do {
    const page = await coll.list(tx, ctx, { limit: 500, ...(cursor ? { cursor } : {}) })
    for (const record of page.data as Row[]) {
      scanned++
      // Records that do not match are passed over without a run (a schedule over records is a query).
      const account = needsAccount ? await accountOf(tx, rule.workspaceId, deps, entity, record) : null
      const { matched } = evaluate(rule.conditions as ConditionGroup, { record, account, now: new Date() })
      if (!matched) continue
      await fireRule(tx, rule.workspaceId, deps, rule, { trigger: 'schedule', entity, record, depth: 0 })
      if (++fired >= SCHEDULE_MAX_RUNS) return fired
    }
    cursor = page.nextCursor ?? undefined
  } while (cursor && scanned < SCHEDULE_MAX_SCAN)
  return fired
}
