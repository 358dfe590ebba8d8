import { sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import {
  CUSTOM_ENTITY_PREFIX,
  customObjectKeyOf,
  ruleEntities,
  type FieldDefinition,
  type RuleTarget,
} from '@openkam/contract'
import type { Executor } from '../../core/db/types'
import { loadCustomObjects } from '../fields'

/**
 * Custom objects in rules: a trigger's entity `custom:<key>` watches the records of the custom object
 * `<key>` (events `<key>.created`…). Their account is the record's relation field to accounts, if any.
 */

type Row = Record<string, unknown>

/** The custom objects the workspace has now (deleted ones are not among them), by key. */
export const liveCustomObjects = async (tx: Executor, ws: string) => loadCustomObjects(tx, ws)

/** Whether the entity is one rules can act on now: a built-in one, or a custom object that exists. */
export async function isLiveTarget(tx: Executor, ws: string, entity: RuleTarget): Promise<boolean> {
  const key = customObjectKeyOf(entity)
  return !key || (await liveCustomObjects(tx, ws)).has(key)
}

/** "the workspace has no custom object site_visitz; custom objects: site_visits" */
export function unknownObject(key: string, known: string[]) {
  return `the workspace has no custom object ${key}; ${
    known.length ? `custom objects: ${known.join(', ')}` : 'it has no custom objects'
  }`
}

/**
 * The target of a record event: a built-in entity, or `custom:<key>` when the record is a custom
 * object's (its `object` names it, which also tells a custom object from a built-in of the same name).
 * Null when no rule can watch it.
 */
export function targetOfEvent(
  entityType: string,
  record: Row | undefined,
  customKeys: ReadonlySet<string>,
): RuleTarget | null {
  if (record && record.object === entityType && customKeys.has(entityType))
    return `${CUSTOM_ENTITY_PREFIX}${entityType}`
  return (ruleEntities as readonly string[]).includes(entityType) ? (entityType as RuleTarget) : null
}

/** The custom object's field that names its account: its first single relation to accounts. */
export const accountFieldOf = (defs: FieldDefinition[]): FieldDefinition | undefined =>
  defs.find((d) => d.type === 'relation' && d.relation?.object === 'accounts' && !d.relation.many)

/** The id of the account a custom object's record belongs to (through its account field), if any. */
export function customAccountId(record: Row | null, defs: FieldDefinition[]): string | null {
  const f = accountFieldOf(defs)
  const v = f ? (record?.custom as Row | undefined)?.[f.key] : undefined
  return typeof v === 'string' && v ? v : null
}

const ISO_DATE = '^[0-9]{4}-[0-9]{2}-[0-9]{2}'

/**
 * A custom date field of a record table as a timestamp, for date triggers: `custom->>'<key>'`, null
 * when empty or not a date (so one bad value never stops a scan). A date alone is its midnight, as for built-in date columns.
 */
export function customDateSql(custom: AnyPgColumn, key: string): { moment: SQL; text: SQL } {
  const text = sql`(${custom}->>${key})`
  return {
    text,
    moment: sql`(case when ${text} ~ ${ISO_DATE} then (${text})::timestamptz end)`,
  }
}
