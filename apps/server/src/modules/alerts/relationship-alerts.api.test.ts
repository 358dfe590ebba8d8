import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, desc, eq } from 'drizzle-orm'
import { makeOrg, startTestApp, waitFor, type Org, type TestEnv } from '../../../test/harness'
import { eventReceipts, outbox } from '../../core/events/outbox.table'
import { contacts } from '../contacts'
import { metricValues } from '../health'

const DAY = 86_400_000
const ago = (days: number) => new Date(Date.now() - days * DAY)

/** a champion or economic buyer leaving, a silent key contact and an uncovered role alert alone. */
describe('relationship alerts stand alone', () => {
  let env: TestEnv
  let org: Org
  let n = 0
  const db = () => env.rt.database.db

  /** Every event of the workspace handled by every (transactional) handler that watches it. */
  const quiet = () =>
    waitFor(async () => {
      const evs = await db().select().from(outbox).where(eq(outbox.workspaceId, org.wsId))
      const got = await db().select().from(eventReceipts).where(eq(eventReceipts.workspaceId, org.wsId))
      const have = new Set(got.map((r) => `${r.handler} ${r.eventId}`))
      return evs.every((e) =>
        env.rt.registry
          .forEvent(e.type)
          .every((h) => h.transactional === false || have.has(`${h.name} ${e.id}`)),
      )
    })
  const evaluate = async () => {
    const r = await org.admin.post('/api/v1/jobs/run', { job: 'alerts_evaluate' })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
  }
  const account = async () => {
    const r = await org.sales.post('/api/v1/accounts', { name: `Relationship Co ${++n}` })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    return r.body.id as string
  }
  const contact = async (accountId: string, body: Record<string, unknown>) => {
    const r = await org.sales.post('/api/v1/contacts', { accountId, ...body })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    return r.body as { id: string; version: number }
  }
  const patchContact = async (id: string, body: Record<string, unknown>) => {
    const cur = await org.sales.get(`/api/v1/contacts/${id}`)
    const r = await org.sales.patch(`/api/v1/contacts/${id}`, { version: cur.body.version, ...body })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
  }
  const alertsOf = async (accountId: string, type: string) =>
    (await org.admin.get(`/api/v1/alerts?accountId=${accountId}&type=${type}&limit=50`)).body.data as any[]
  const metric = async (accountId: string) =>
    (
      await db()
        .select({ value: metricValues.value })
        .from(metricValues)
        .where(
          and(
            eq(metricValues.workspaceId, org.wsId),
            eq(metricValues.accountId, accountId),
            eq(metricValues.metric, 'relationship_signals'),
          ),
        )
        .orderBy(desc(metricValues.recordedAt), desc(metricValues.at))
        .limit(1)
    )[0]?.value
  /** Backdates a contact's creation: a key contact never spoken to is silent since it was added. */
  const addedDaysAgo = (id: string, days: number) =>
    db()
      .update(contacts)
      .set({ createdAt: ago(days) })
      .where(and(eq(contacts.workspaceId, org.wsId), eq(contacts.id, id)))

  beforeAll(async () => {
    env = await startTestApp()
    org = await makeOrg(env)
  }, 60_000)
  afterAll(() => env?.close())

  it('ships the four rules with their thresholds, in the workspace language, editable', async () => {
    const rules = (await org.admin.get('/api/v1/alert-rules?limit=50')).body.data as any[]
    const by = (t: string) => rules.find((r) => r.type === t)
    expect(by('champion_left')).toMatchObject({ enabled: true, params: { withinDays: 90 } })
    expect(by('economic_buyer_left')).toMatchObject({ severity: 'danger', params: { withinDays: 90 } })
    expect(by('key_contact_silent')).toMatchObject({ params: { days: 45, minInfluence: 4 } })
    expect(by('committee_role_uncovered')).toMatchObject({
      severity: 'info',
      notify: false,
      params: { minContacts: 2 },
    })
    const bad = await org.admin.patch(`/api/v1/alert-rules/${by('key_contact_silent').id}`, {
      version: by('key_contact_silent').version,
      params: { days: 0 },
    })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body)).toContain('params.days')
  })

  it('a champion leaving opens champion_left alone (no usage drop), once; a new champion resolves it', async () => {
    const acc = await account()
    const champ = await contact(acc, { name: 'Chen Champion', stance: 'champion', buyingRole: 'user' })
    const eb = await contact(acc, { name: 'Eva Buyer', buyingRole: 'economic_buyer' })
    await quiet()
    expect(await alertsOf(acc, 'champion_left')).toEqual([])
    await patchContact(champ.id, { active: false })
    await quiet()
    const [a] = await alertsOf(acc, 'champion_left')
    expect(a).toMatchObject({ status: 'open', severity: 'warning' })
    expect(a.details).toMatchObject({ contacts: 'Chen Champion', daysSinceLeft: 0 })
    expect(a.reason).toContain('Chen Champion')
    expect(await alertsOf(acc, 'usage_drop_key_contact')).toEqual([])
    await evaluate()
    expect(await alertsOf(acc, 'champion_left')).toHaveLength(1)

    await patchContact(eb.id, { active: false })
    await quiet()
    const [b] = await alertsOf(acc, 'economic_buyer_left')
    expect(b).toMatchObject({ status: 'open', severity: 'danger' })

    // A new champion takes over: the champion alert resolves itself; the economic buyer's stays.
    await contact(acc, { name: 'Nora New', stance: 'champion', buyingRole: 'influencer' })
    await quiet()
    const [done] = await alertsOf(acc, 'champion_left')
    expect(done).toMatchObject({ status: 'resolved', outcome: 'cause_cleared' })
    expect((await alertsOf(acc, 'economic_buyer_left'))[0].status).toBe('open')
    // The health metric counts the account's unresolved relationship alerts.
    const open = (await org.admin.get(`/api/v1/alerts?accountId=${acc}&status=open&limit=50`)).body.data
    const rel = open.filter((x: any) =>
      ['champion_left', 'economic_buyer_left', 'key_contact_silent', 'committee_role_uncovered'].includes(
        x.type,
      ),
    )
    await waitFor(async () => Number(await metric(acc)) === rel.length)
  })

  it('a key contact silent past the threshold alerts; an activity with them resolves it', async () => {
    const acc = await account()
    const boss = await contact(acc, { name: 'Silent Sun', influence: 5, buyingRole: 'influencer' })
    const other = await contact(acc, { name: 'Minor Ma', influence: 2, buyingRole: 'user' })
    await quiet()
    await addedDaysAgo(boss.id, 60)
    await addedDaysAgo(other.id, 60)
    await evaluate()
    const [a] = await alertsOf(acc, 'key_contact_silent')
    expect(a.status).toBe('open')
    expect(a.details).toMatchObject({ contacts: 'Silent Sun', silentContacts: 1, neverContacted: true })
    expect(a.details.daysSilent).toBeGreaterThanOrEqual(59)

    const act = await org.sales.post('/api/v1/activities', {
      accountId: acc,
      kind: 'call',
      subject: 'Catch-up call',
      contactIds: [boss.id],
      occurredAt: new Date().toISOString(),
    })
    expect(act.status, JSON.stringify(act.body)).toBe(201)
    await quiet()
    expect((await alertsOf(acc, 'key_contact_silent'))[0]).toMatchObject({
      status: 'resolved',
      outcome: 'cause_cleared',
    })
  })

  it('an uncovered buying-committee role alerts with the roles; covering them all clears it', async () => {
    const acc = await account()
    await contact(acc, { name: 'U One', buyingRole: 'user' })
    await contact(acc, { name: 'E Two', buyingRole: 'economic_buyer' })
    await quiet()
    const [a] = await alertsOf(acc, 'committee_role_uncovered')
    expect(a).toMatchObject({ status: 'open', severity: 'info' })
    expect(a.details.uncoveredRoles).toEqual(['technical_evaluator', 'influencer', 'financial_controller'])
    for (const role of ['technical_evaluator', 'influencer'])
      await contact(acc, { name: `R ${role}`, buyingRole: role })
    await quiet()
    const still = await alertsOf(acc, 'committee_role_uncovered')
    expect(still.map((x) => x.status)).toEqual(['open'])
    await contact(acc, { name: 'F Three', buyingRole: 'financial_controller' })
    await quiet()
    expect((await alertsOf(acc, 'committee_role_uncovered'))[0]).toMatchObject({
      status: 'resolved',
      outcome: 'cause_cleared',
    })
  })

  it('an account with too few contacts is not yet mapped: no committee alert', async () => {
    const acc = await account()
    await contact(acc, { name: 'Only One', buyingRole: 'user' })
    await quiet()
    await evaluate()
    expect(await alertsOf(acc, 'committee_role_uncovered')).toEqual([])
  })
})
