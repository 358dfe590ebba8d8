import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { makeOrg, startTestApp, waitFor, type Org, type TestEnv } from '../../../test/harness'
import { eventReceipts, outbox } from '../../core/events/outbox.table'
import { relationshipSignals } from './relationship-signal.table'

describe('relationship signals (R-29)', () => {
  let env: TestEnv
  let org: Org
  let accountId: string

  const db = () => env.rt.database.db
  /** The contact events of a contact, once the signals handler has handled every event of it. */
  async function signalEventsOf(contactId: string) {
    await waitFor(async () => {
      const evs = await db()
        .select({ id: outbox.id })
        .from(outbox)
        .where(
          and(
            eq(outbox.workspaceId, org.wsId),
            eq(outbox.entityId, contactId),
            eq(outbox.entityType, 'contact'),
          ),
        )
      const got = await db()
        .select({ eventId: eventReceipts.eventId })
        .from(eventReceipts)
        .where(
          and(
            eq(eventReceipts.workspaceId, org.wsId),
            eq(eventReceipts.handler, 'contacts.relationship_signals'),
          ),
        )
      const have = new Set(got.map((r) => r.eventId))
      const watched = await db()
        .select({ id: outbox.id, type: outbox.type })
        .from(outbox)
        .where(and(eq(outbox.workspaceId, org.wsId), eq(outbox.entityId, contactId)))
      return (
        evs.length > 0 &&
        watched.filter((e) => /^contact\.(created|updated)$/.test(e.type)).every((e) => have.has(e.id))
      )
    })
    return (
      await db()
        .select()
        .from(outbox)
        .where(and(eq(outbox.workspaceId, org.wsId), eq(outbox.entityId, contactId)))
    )
      .filter((e) =>
        ['contact.left', 'contact.role_changed', 'contact.key_contact_replaced'].includes(e.type),
      )
      .map((e) => ({ type: e.type, payload: e.payload as Record<string, any> }))
  }
  const contact = async (body: Record<string, unknown>) => {
    const r = await org.sales.post('/api/v1/contacts', { accountId, ...body })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    return r.body
  }

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
    accountId = (await org.sales.post('/api/v1/accounts', { name: 'Signals Co' })).body.id
  }, 60_000)
  afterAll(() => env?.close())

  it('raises contact.left once when a key contact becomes inactive', async () => {
    const c = await contact({ name: 'Champion', stance: 'champion', title: 'CIO' })
    const left = await org.sales.patch(`/api/v1/contacts/${c.id}`, { version: c.version, active: false })
    expect(left.status).toBe(200)
    expect(left.body.leftAt).not.toBeNull()
    const evs = await signalEventsOf(c.id)
    expect(evs).toHaveLength(1)
    expect(evs[0]).toMatchObject({
      type: 'contact.left',
      payload: {
        accountId,
        contactId: c.id,
        keyContact: true,
        before: { active: true },
        after: { active: false },
      },
    })
    const rows = await db().select().from(relationshipSignals).where(eq(relationshipSignals.contactId, c.id))
    expect(rows.map((r) => r.kind)).toEqual(['left'])
  })

  it('raises contact.role_changed for a title or buying role change, nothing for other fields', async () => {
    const c = await contact({ name: 'Engineer', buyingRole: 'user', title: 'Engineer' })
    const notes = await org.sales.patch(`/api/v1/contacts/${c.id}`, {
      version: c.version,
      notes: 'likes tea',
    })
    const r = await org.sales.patch(`/api/v1/contacts/${c.id}`, {
      version: notes.body.version,
      title: 'Head of IT',
      buyingRole: 'technical_evaluator',
    })
    expect(r.status).toBe(200)
    const evs = await signalEventsOf(c.id)
    expect(evs).toEqual([
      {
        type: 'contact.role_changed',
        payload: {
          accountId,
          contactId: c.id,
          keyContact: false,
          before: { title: 'Engineer', buyingRole: 'user' },
          after: { title: 'Head of IT', buyingRole: 'technical_evaluator' },
        },
      },
    ])
  })

  it('raises contact.key_contact_replaced when a new economic buyer takes over from another', async () => {
    const old = await contact({ name: 'Old buyer', buyingRole: 'economic_buyer' })
    expect(await signalEventsOf(old.id)).toEqual([]) // the first economic buyer replaces nobody
    const fresh = await contact({ name: 'New buyer', buyingRole: 'economic_buyer' })
    const evs = await signalEventsOf(fresh.id)
    expect(evs).toHaveLength(1)
    expect(evs[0]).toMatchObject({
      type: 'contact.key_contact_replaced',
      payload: { accountId, contactId: fresh.id, role: 'economic_buyer', replacedContactIds: [old.id] },
    })
  })
})
