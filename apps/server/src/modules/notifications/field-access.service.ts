import { mergeFieldAccess } from '../../core/access/permissions'
import type { Executor } from '../../core/db/types'
import { rolesFieldAccess, rolesOfPeople } from './field-access.repository'
import { hiddenByAnyRole, hiddenIn, redactEventPayload, type HiddenFields } from './field-redaction'

type Row = Record<string, unknown>

/** Strips from a record of `entity` (e.g. 'account', a custom object's key) the fields its reader may not see. */
export type RecordRedactor = <R>(entity: string | null | undefined, record: R) => R

/**
 * Texts made for one reader: the caller renders its template from records passed through `redact`, so a
 * placeholder of a hidden field renders as if the field were empty (SPEC R-23).
 */
export type Personalize = (redact: RecordRedactor) => { subject: string; body: string }

let builtinObjectOf = new Map<string, string>()

/**
 * Tells the module which object (collection name) holds each built-in entity's records, e.g. account →
 * accounts; the runtime does it once at start (the object model's module depends on this one, not back).
 */
export const setEntityObjects = (map: Map<string, string>) => {
  builtinObjectOf = map
}

/** The object whose field access governs records of an entity type; a custom object's key is its entity. */
export function objectOfEntity(entity: string | null | undefined): string | null {
  if (!entity) return null
  const key = entity.startsWith('custom:') ? entity.slice(7) : entity
  return builtinObjectOf.get(key) ?? key
}

/** A redactor for a reader with `hidden`; it takes a record or an event's payload (record, before, changed). */
export const redactorOf =
  (hidden: HiddenFields): RecordRedactor =>
  <R>(entity: string | null | undefined, record: R) => {
    const object = objectOfEntity(entity)
    return (object ? redactEventPayload(record, hidden[object]) : record) as R
  }

/** An event's payload as a reader with `hidden` may get it. */
export const redactEvent = (hidden: HiddenFields, entity: string | null | undefined, payload: unknown) => {
  const object = objectOfEntity(entity)
  return object ? redactEventPayload(payload, hidden[object]) : payload
}

/**
 * What an outside endpoint (webhook, robot) may not get: the fields hidden from the role it names, or —
 * with no role, or a role since deleted — every field hidden from any role.
 */
export async function hiddenForEndpoint(
  tx: Executor,
  ws: string,
  role: string | null | undefined,
): Promise<HiddenFields> {
  const roles = await rolesFieldAccess(tx, ws)
  const named = role ? roles.get(role) : undefined
  return named ? hiddenIn(named) : hiddenByAnyRole([...roles.values()])
}

/** What each person may not see: the field access merged over their roles (without a role: the strictest). */
export async function hiddenForPeople(
  tx: Executor,
  ws: string,
  userIds: string[],
): Promise<Map<string, HiddenFields>> {
  const roles = await rolesFieldAccess(tx, ws)
  const held = await rolesOfPeople(tx, ws, userIds)
  const out = new Map<string, HiddenFields>()
  for (const id of userIds) {
    const keys = (held.get(id) ?? []).filter((k) => roles.has(k))
    out.set(
      id,
      keys.length
        ? hiddenIn(mergeFieldAccess(keys.map((k) => roles.get(k)!)))
        : hiddenByAnyRole([...roles.values()]),
    )
  }
  return out
}

/** A rule's webhook call without hidden fields: its record, its account and the event's payload. */
export function redactRuleCall(hidden: HiddenFields, payload: Row): Row {
  const entity = typeof payload.entityType === 'string' ? payload.entityType : null
  const redact = redactorOf(hidden)
  return {
    ...payload,
    ...(payload.record ? { record: redact(entity, payload.record) } : {}),
    ...(payload.account ? { account: redact('account', payload.account) } : {}),
    ...(payload.payload ? { payload: redactEvent(hidden, entity, payload.payload) } : {}),
  }
}
