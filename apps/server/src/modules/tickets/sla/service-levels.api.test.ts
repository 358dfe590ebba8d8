import { and, asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeOrg, startTestApp, waitFor, type Org, type TestEnv } from '../../../../test/harness'
import { outbox } from '../../../core/events/outbox.table'
import { accounts } from '../../accounts'
import { recordFirstResponse, setSlaClock, sweepServiceLevels } from '..'

let env: TestEnv
let org: Org
let now = new Date()
/** A Shanghai wall-clock time. */
const sh = (s: string) => new Date(`${s}+08:00`)
const at = (s: string) => (now = sh(s))
const iso = (s: string) => sh(s).toISOString()

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  setSlaClock(() => now)
})
afterAll(async () => {
  setSlaClock(null)
  await env?.close()
})

async function account(name: string, tier: string | null) {
  const a = (await org.admin.post('/api/v1/accounts', { name })).body
  await env.rt.database.db.update(accounts).set({ tier }).where(eq(accounts.id, a.id))
  return a.id as string
}

const get = async (id: string) => (await org.admin.get(`/api/v1/tickets/${id}`)).body
/**
 * Changes the status as a client does: with the version just read, reading again once when the SLA sweep
 * (a background job on the real clock) marked the ticket between the read and the write.
 */
const setStatus = async (id: string, status: string) => {
  let r = await org.admin.patch(`/api/v1/tickets/${id}`, { version: (await get(id)).version, status })
  if (r.status === 409)
    r = await org.admin.patch(`/api/v1/tickets/${id}`, { version: (await get(id)).version, status })
  expect(r.status, JSON.stringify(r.body)).toBe(200)
  return r.body
}
const eventsOf = async (id: string, type: string) =>
  (
    await env.rt.database.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.entityId, id), eq(outbox.type, type)))
      .orderBy(asc(outbox.createdAt))
  ).map((e) => e.payload as { target?: string; changed?: string[]; record?: { slaStatus?: string } })

describe('ticket service levels', () => {
  it('gives a new ticket due times from its account’s tier, counted in business hours (Friday 17:00)', async () => {
    at('2026-03-13T17:00:00')
    const expected: [string | null, string, string][] = [
      ['strategic', '2026-03-13T18:00:00', '2026-03-16T16:00:00'], // 1 h / 8 h
      ['growth', '2026-03-16T12:00:00', '2026-03-18T14:00:00'], // 4 h / 24 h
      ['essential', '2026-03-18T14:00:00', '2026-03-25T17:00:00'], // 24 h / 72 h
      [null, '2026-03-18T14:00:00', '2026-03-25T17:00:00'], // no tier: essential's
    ]
    for (const [tier, first, resolution] of expected) {
      const accountId = await account(`Tier ${tier}`, tier)
      const t = await org.admin.post('/api/v1/tickets', { accountId, subject: `For ${tier}` })
      expect(t.status, JSON.stringify(t.body)).toBe(201)
      expect(t.body).toMatchObject({
        firstResponseDueAt: iso(first),
        resolutionDueAt: iso(resolution),
        slaStatus: 'ok',
      })
    }
  })

  it('pauses while pending and moves both due times by the business minutes paused; resolving stops the clock, reopening resumes it', async () => {
    at('2026-03-13T17:00:00')
    const accountId = await account('Paused Ltd', 'strategic')
    const t = (await org.admin.post('/api/v1/tickets', { accountId, subject: 'Waiting on them' })).body
    at('2026-03-13T17:30:00')
    expect(await setStatus(t.id, 'pending')).toMatchObject({
      slaStatus: 'paused',
      slaPausedAt: iso('2026-03-13T17:30:00'),
    })
    // Paused over the weekend: Friday 17:30–18:00 and Monday 09:00–10:00 count, 90 minutes.
    at('2026-03-16T10:00:00')
    expect(await setStatus(t.id, 'open')).toMatchObject({
      slaStatus: 'ok',
      slaPausedAt: null,
      slaPausedMinutes: 90,
      firstResponseDueAt: iso('2026-03-16T10:30:00'),
      resolutionDueAt: iso('2026-03-16T17:30:00'),
    })
    // The first agent reply counts once.
    const db = env.rt.database.db
    expect(await recordFirstResponse(db, org.wsId, t.id, sh('2026-03-16T10:15:00'))).toBe(true)
    expect(await recordFirstResponse(db, org.wsId, t.id, sh('2026-03-16T10:20:00'))).toBe(false)
    at('2026-03-16T17:00:00')
    expect(await setStatus(t.id, 'resolved')).toMatchObject({
      slaStatus: 'ok',
      firstRespondedAt: iso('2026-03-16T10:15:00'),
    })
    // Reopened the next morning: the 90 business minutes it stood resolved do not count.
    at('2026-03-17T09:30:00')
    expect(await setStatus(t.id, 'open')).toMatchObject({
      slaStatus: 'ok',
      slaPausedMinutes: 180,
      resolutionDueAt: iso('2026-03-17T10:00:00'),
      firstResponseDueAt: iso('2026-03-16T10:30:00'), // answered already: stays
    })
    // Resolved late: the status says it was missed.
    at('2026-03-17T10:05:00')
    expect(await setStatus(t.id, 'resolved')).toMatchObject({ slaStatus: 'breached' })
  })

  it('warns, then breaches, each once per target however often the sweep runs, and escalates to the team’s manager once', async () => {
    // A workspace of its own: the sweep's counts are this ticket's.
    const o = await makeOrg(env)
    const sweepO = () => sweepServiceLevels(env.rt.database.db, env.rt.events, o.wsId, now)
    at('2026-03-13T17:00:00')
    const accountId = (await o.admin.post('/api/v1/accounts', { name: 'Urgent Ltd' })).body.id
    await env.rt.database.db.update(accounts).set({ tier: 'strategic' }).where(eq(accounts.id, accountId))
    const team = (await o.admin.get('/api/v1/teams')).body.data.find((x: any) => x.name === 'Team East')
    const managerId = o.manager.userId
    const t = (
      await o.admin.post('/api/v1/tickets', {
        accountId,
        subject: 'Down',
        assigneeId: o.sales.userId,
        teamId: team.id,
      })
    ).body
    // 1-hour target: at risk from 30 minutes left.
    at('2026-03-13T17:20:00')
    expect((await sweepO()).events).toBe(0)
    expect((await o.admin.get(`/api/v1/tickets/${t.id}`)).body.slaStatus).toBe('ok')
    at('2026-03-13T17:35:00')
    expect((await sweepO()).events).toBe(1)
    expect((await sweepO()).events).toBe(0)
    expect((await o.admin.get(`/api/v1/tickets/${t.id}`)).body.slaStatus).toBe('at_risk')
    expect((await eventsOf(t.id, 'ticket.sla_at_risk')).map((e) => e.target)).toEqual(['first_response'])
    // The template rule tells the assignee.
    await waitFor(async () =>
      (await o.sales.get('/api/v1/inbox')).body.notifications.find(
        (n: any) => n.relatedId === t.id && n.subject.includes('about to miss'),
      ),
    )

    at('2026-03-13T18:00:00')
    expect((await sweepO()).events).toBe(1)
    expect((await sweepO()).events).toBe(0)
    expect((await o.admin.get(`/api/v1/tickets/${t.id}`)).body.slaStatus).toBe('breached')
    // Monday: the resolution target (Monday 16:00, 8 h) warns from 96 business minutes left, then breaches.
    at('2026-03-16T14:30:00')
    expect((await sweepO()).events).toBe(1)
    at('2026-03-16T16:00:00')
    expect((await sweepO()).events).toBe(1)
    expect((await sweepO()).events).toBe(0)
    expect((await eventsOf(t.id, 'ticket.sla_breached')).map((e) => e.target).sort()).toEqual([
      'first_response',
      'resolution',
    ])
    expect((await eventsOf(t.id, 'ticket.sla_at_risk')).map((e) => e.target).sort()).toEqual([
      'first_response',
      'resolution',
    ])
    // The status changed twice (ok → at risk → breached): the escalation rule had one change to react to.
    const statusChanges = (await eventsOf(t.id, 'ticket.updated')).filter((e) =>
      e.changed?.includes('slaStatus'),
    )
    expect(statusChanges.map((e) => e.record?.slaStatus)).toEqual(['at_risk', 'breached'])
    const tasks = await waitFor(async () => {
      const list = (await o.admin.get(`/api/v1/tasks?relatedId=${t.id}`)).body.data.filter((x: any) =>
        x.title.startsWith('Escalation:'),
      )
      return list.length ? list : null
    })
    expect(tasks).toHaveLength(1)
    expect(tasks[0]).toMatchObject({ assigneeId: managerId, priority: 'urgent', relatedType: 'ticket' })
  })

  it('keeps the calendar’s rules: admins only, specific messages for bad input, nothing changed', async () => {
    const cal = (await org.admin.get('/api/v1/business-calendar')).body
    expect(cal).toMatchObject({ timeZone: 'Asia/Shanghai', version: 1 })
    expect(cal.holidays.some((d: any) => d.date === '2026-10-01')).toBe(true)
    const { updatedAt: _u, ...body } = cal
    const bad = await org.admin.put('/api/v1/business-calendar', {
      ...body,
      week: [{ start: '18:00', end: '09:00' }, ...cal.week.slice(1)],
      holidays: [{ date: '2026-02-30', name: 'No such day' }],
      workdays: [{ date: '2026-10-01', name: 'Both' }],
      timeZone: 'Mars/Olympus',
    })
    expect(bad.status).toBe(400)
    const messages = JSON.stringify(bad.body)
    expect(messages).toContain('the end must be after the start')
    expect(messages).toContain('a date that exists')
    expect(messages).toContain('an IANA time zone')
    expect(
      (
        await org.admin.put('/api/v1/business-calendar', {
          ...body,
          workdays: [{ date: '2026-10-01', name: 'Both' }],
        })
      ).body.errors?.[0]?.message,
    ).toContain('both a holiday and an extra working day')
    expect((await org.sales.put('/api/v1/business-calendar', body)).status).toBe(403)
    expect((await org.admin.get('/api/v1/business-calendar')).body.version).toBe(1)

    // A Saturday made a working day moves the next ticket's due times onto it.
    const saved = await org.admin.put('/api/v1/business-calendar', {
      ...body,
      workdays: [...body.workdays, { date: '2026-03-14', name: 'Stocktake Saturday' }],
    })
    expect(saved.status, JSON.stringify(saved.body)).toBe(200)
    expect(saved.body.version).toBe(2)
    at('2026-03-13T17:30:00')
    const accountId = await account('Saturday Ltd', 'strategic')
    const t = await org.admin.post('/api/v1/tickets', { accountId, subject: 'Weekend' })
    expect(t.body.firstResponseDueAt).toBe(iso('2026-03-14T09:30:00'))
    const preset = await org.admin.get('/api/v1/business-calendar/presets/cn')
    expect(preset.body.years).toEqual([2026, 2027])
    expect((await org.admin.get('/api/v1/business-calendar/presets/xx')).status).toBe(404)
  })

  it('keeps resolution hours in the tier packages, at least the response hours', async () => {
    const rules = (await org.admin.get('/api/v1/tier-rules')).body
    expect(
      rules.packages.map((p: any) => [p.tier, p.entitlements.responseHours, p.entitlements.resolutionHours]),
    ).toEqual([
      ['strategic', 1, 8],
      ['growth', 4, 24],
      ['essential', 24, 72],
    ])
    const packages = rules.packages.map((p: any) =>
      p.tier === 'growth' ? { ...p, entitlements: { ...p.entitlements, resolutionHours: 2 } } : p,
    )
    const bad = await org.admin.put('/api/v1/tier-rules', { version: rules.version, packages })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body)).toContain('the resolution time must be at least the response time')
  })
})
