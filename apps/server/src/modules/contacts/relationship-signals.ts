import { and, eq, gte, inArray, isNull, ne, or, sql } from 'drizzle-orm'
import { systemPrincipal } from '../../core/access/permissions'
import type { Executor } from '../../core/db/types'
import type { EventSink } from '../../core/events/bus'
import type { EventHandler } from '../../core/events/registry'
import type { NewEvent } from '../../core/events/types'
import { newId } from '../../core/ids'
import { contacts } from './contact.table'
import { relationshipSignals } from './relationship-signal.table'

type Row = Record<string, any>

export const relationshipSignalKinds = ['left', 'role_changed', 'key_contact_replaced'] as const
export type RelationshipSignalKind = (typeof relationshipSignalKinds)[number]

/** The event each signal is raised as. */
export const signalEvents: Record<RelationshipSignalKind, string> = {
  left: 'contact.left',
  role_changed: 'contact.role_changed',
  key_contact_replaced: 'contact.key_contact_replaced',
}

declare module '../../core/events/types' {
  interface EventMap {
    /** The contact left the account (active → false, or leftAt set). */
    'contact.left': SignalPayload
    /** The contact's title, buying role or stance changed. */
    'contact.role_changed': SignalPayload
    /** The contact became the account's champion or economic buyer where another contact held that role. */
    'contact.key_contact_replaced': SignalPayload & { role: KeyRole; replacedContactIds: string[] }
  }
}

export type KeyRole = 'champion' | 'economic_buyer'
export type SignalPayload = {
  accountId: string
  contactId: string
  /** Whether a champion or economic buyer is concerned (before or after the change). */
  keyContact: boolean
  before: Row
  after: Row
}

const ROLE_FIELDS = ['title', 'buyingRole', 'stance'] as const
const KEY_ROLES: { role: KeyRole; field: 'stance' | 'buyingRole'; value: string }[] = [
  { role: 'champion', field: 'stance', value: 'champion' },
  { role: 'economic_buyer', field: 'buyingRole', value: 'economic_buyer' },
]

/** A champion (stance) or an economic buyer (buying role). */
export const isKeyContact = (c: Row | null | undefined) =>
  !!c && (c.stance === 'champion' || c.buyingRole === 'economic_buyer')

const pick = (r: Row, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, r[k] ?? null]))

type Signal = {
  kind: RelationshipSignalKind
  keyContact: boolean
  keyRole?: KeyRole
  replaced?: string[]
  before: Row
  after: Row
}

/**
 * The signals of one contact change (pure): `left` when it became inactive or got a leaving date,
 * `role_changed` when title, buying role or stance changed on a contact still there, and per key role it
 * newly holds, the other contacts of the account holding that role (looked up by `holders`).
 */
export function signalsOf(
  record: Row,
  fullBefore: Row | null,
  changed: string[],
): { signals: Signal[]; newKeyRoles: (typeof KEY_ROLES)[number][] } {
  const signals: Signal[] = []
  const b = fullBefore
  if (b) {
    const left =
      (changed.includes('active') && b.active !== false && record.active === false) ||
      (changed.includes('leftAt') && !b.leftAt && !!record.leftAt)
    if (left) {
      signals.push({
        kind: 'left',
        keyContact: isKeyContact(b),
        before: pick(b, ['active', 'leftAt', ...ROLE_FIELDS]),
        after: pick(record, ['active', 'leftAt', ...ROLE_FIELDS]),
      })
    }
    const roleChanges = ROLE_FIELDS.filter((f) => changed.includes(f))
    if (roleChanges.length && record.active !== false && !left) {
      signals.push({
        kind: 'role_changed',
        keyContact: isKeyContact(b) || isKeyContact(record),
        before: pick(b, roleChanges),
        after: pick(record, roleChanges),
      })
    }
  }
  const newKeyRoles =
    record.active === false
      ? []
      : KEY_ROLES.filter((k) => record[k.field] === k.value && (!b || b[k.field] !== k.value))
  return { signals, newKeyRoles }
}

/**
 * Records the relationship signals of a contact change and raises their events (`contact.left`,
 * `contact.role_changed`, `contact.key_contact_replaced`) in the same transaction. Called by the
 * handler on `contact.created` / `contact.updated`, which runs once per event (receipt), so each change
 * gives its signals exactly once.
 */
export async function recordRelationshipSignals(
  tx: Executor,
  events: EventSink,
  ws: string,
  record: Row,
  before: Row | null,
  changed: string[],
  sourceEventId: string | null,
  at = new Date(),
) {
  const fullBefore = before ? { ...record, ...before } : null
  const { signals, newKeyRoles } = signalsOf(record, fullBefore, changed)
  for (const k of newKeyRoles) {
    const holders = await tx
      .select({ id: contacts.id, name: contacts.name, active: contacts.active })
      .from(contacts)
      .where(
        and(
          eq(contacts.workspaceId, ws),
          eq(contacts.accountId, record.accountId),
          ne(contacts.id, record.id),
          isNull(contacts.deletedAt),
          eq(k.field === 'stance' ? contacts.stance : contacts.buyingRole, k.value),
        ),
      )
    if (!holders.length) continue
    signals.push({
      kind: 'key_contact_replaced',
      keyContact: true,
      keyRole: k.role,
      replaced: holders.map((h) => h.id),
      before: { contacts: holders.map((h) => ({ id: h.id, name: h.name, active: h.active })) },
      after: { id: record.id, name: record.name, [k.field]: k.value },
    })
  }
  if (!signals.length || !record.accountId) return []
  const rows = signals.map((s) => ({
    id: newId(),
    workspaceId: ws,
    accountId: record.accountId as string,
    contactId: record.id as string,
    kind: s.kind,
    keyContact: s.keyContact,
    keyRole: s.keyRole ?? null,
    replacedContactId: s.replaced?.[0] ?? null,
    before: s.before,
    after: s.after,
    sourceEventId,
    at,
  }))
  await tx.insert(relationshipSignals).values(rows)
  const out: NewEvent[] = signals.map((s) => ({
    type: signalEvents[s.kind],
    entityType: 'contact',
    entityId: record.id,
    payload: {
      accountId: record.accountId,
      contactId: record.id,
      keyContact: s.keyContact,
      before: s.before,
      after: s.after,
      ...(s.kind === 'key_contact_replaced' ? { role: s.keyRole, replacedContactIds: s.replaced } : {}),
    },
  }))
  await events.emit(tx, { ws, principal: systemPrincipal(ws) }, out)
  return rows
}

/** Watches contact writes and turns them into relationship signals (SPEC R-29). */
export const relationshipSignalsHandler = (deps: { events: EventSink }): EventHandler => ({
  name: 'contacts.relationship_signals',
  events: ['contact.created', 'contact.updated'],
  async handle(tx, event) {
    const p = event.payload as { record?: Row; before?: Row; changed?: string[] }
    if (!p.record) return
    const changed = p.changed ?? []
    if (
      event.type === 'contact.updated' &&
      !changed.some((c) => [...ROLE_FIELDS, 'active', 'leftAt'].includes(c))
    )
      return
    await recordRelationshipSignals(
      tx,
      deps.events,
      event.workspaceId,
      p.record,
      event.type === 'contact.updated' ? (p.before ?? {}) : null,
      changed,
      event.id,
      new Date(event.occurredAt),
    )
  },
})

/**
 * Accounts with a key-contact signal (a champion or economic buyer left, changed role or was replaced)
 * since `since`, with the newest such signal — for alert rules and health.
 */
export async function keyContactChanges(tx: Executor, ws: string, since: Date, accountIds?: string[]) {
  const s = relationshipSignals
  return tx
    .select({
      accountId: s.accountId,
      count: sql<number>`count(*)::int`,
      lastAt: sql<Date>`max(${s.at})`,
      kinds: sql<string[]>`array_agg(distinct ${s.kind})`,
      contactIds: sql<string[]>`array_agg(distinct ${s.contactId})`,
    })
    .from(s)
    .where(
      and(
        eq(s.workspaceId, ws),
        gte(s.at, since),
        or(eq(s.keyContact, true), eq(s.kind, 'key_contact_replaced')),
        accountIds ? inArray(s.accountId, accountIds) : undefined,
      ),
    )
    .groupBy(s.accountId)
}
