import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newId } from '../../core/ids'
import { eventsSettled, makeOrg, startTestApp, type Org, type TestEnv } from '../../../test/harness'
import { accounts } from '../accounts'
import { alerts } from '../alerts'
import { tickets } from '../tickets'

let env: TestEnv
let org: Org
let east = ''
let accountId = ''
const ids: Record<'soon' | 'late' | 'later' | 'done' | 'elsewhere', string> = {
  soon: '',
  late: '',
  later: '',
  done: '',
  elsewhere: '',
}
const Q = '/api/v1/ticket-queue'
const minutes = (m: number) => new Date(Date.now() + m * 60_000)

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  east = (await org.admin.get('/api/v1/teams')).body.data.find((t: any) => t.name === 'Team East').id
  accountId = (await org.admin.post('/api/v1/accounts', { name: 'Queue Co', ownerId: org.sales.userId })).body
    .id
  const db = env.rt.database.db
  for (const [severity, type] of [
    ['danger', 'health_drop'],
    ['warning', 'usage_drop'],
  ] as const)
    await db.insert(alerts).values({
      id: newId(),
      workspaceId: org.wsId,
      accountId,
      type,
      severity,
      reason: 'test',
      ownerId: org.sales.userId,
    })
  const make = async (key: keyof typeof ids, body: Record<string, unknown>, set: Record<string, unknown>) => {
    const res = await org.admin.post('/api/v1/tickets', { accountId, subject: key, ...body })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    ids[key] = res.body.id
    if (Object.keys(set).length) await db.update(tickets).set(set).where(eq(tickets.id, res.body.id))
  }
  // Due in 40 minutes, assigned; overdue by 10, unassigned and breached; due tomorrow; resolved; no team.
  await make(
    'soon',
    { teamId: east, assigneeId: org.sales.userId, priority: 'high' },
    {
      firstResponseDueAt: minutes(40),
      slaStatus: 'at_risk',
    },
  )
  await make(
    'late',
    { teamId: east, priority: 'urgent' },
    { firstResponseDueAt: minutes(-10), slaStatus: 'breached' },
  )
  await make(
    'later',
    { teamId: east, assigneeId: org.sales2.userId },
    {
      firstResponseDueAt: minutes(-60),
      firstRespondedAt: minutes(-90),
      resolutionDueAt: minutes(24 * 60),
      slaStatus: 'ok',
    },
  )
  await make('done', { teamId: east, status: 'resolved' }, {})
  await make(
    'elsewhere',
    {},
    { firstResponseDueAt: minutes(5), slaStatus: 'ok', teamId: null, assigneeId: null },
  )
  // Health follows tickets (the health handler recomputes the account after each): once every event of
  // the workspace is handled by every handler that watches it, the account is given a known tier and health
  // (not after the tickets' five alone: a later recompute would undo it).
  await eventsSettled(env, org.wsId)
  await db
    .update(accounts)
    .set({ tier: 'strategic', healthScore: '38.50', healthBand: 'at_risk' })
    .where(eq(accounts.id, accountId))
})
afterAll(() => env?.close())

describe('the agents’ ticket queue', () => {
  it('lists a team’s open tickets, what is due first on top, with each account’s tier, health and open alerts', async () => {
    const res = await org.admin.get(`${Q}?teamId=${east}`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.data.map((t: any) => t.subject)).toEqual(['late', 'soon', 'later'])
    const later = res.body.data[2]
    expect(new Date(later.nextDueAt).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000) // the resolution, once answered
    expect(res.body.accounts[accountId]).toEqual({
      id: accountId,
      name: 'Queue Co',
      tier: 'strategic',
      health: { score: 38.5, band: 'at_risk' },
      alerts: { open: 2, danger: 1 },
    })
    expect(res.body.counts).toEqual({ open: 3, unassigned: 1, mine: 0, atRisk: 1, breached: 1 })
    // Without the team filter: every open ticket the person may see, the one without a team too.
    const all = (await org.admin.get(Q)).body
    expect(all.data.map((t: any) => t.subject)).toEqual(['late', 'elsewhere', 'soon', 'later'])
    expect(all.counts.open).toBe(4)
  })

  it('filters as the ticket list does: unassigned, mine, a status, a priority; pages with a cursor', async () => {
    expect(
      (await org.admin.get(`${Q}?teamId=${east}&assigneeId=null`)).body.data.map((t: any) => t.subject),
    ).toEqual(['late'])
    const mine = (await org.sales.get(`${Q}?teamId=${east}&assigneeId=me`)).body
    expect(mine.data.map((t: any) => t.subject)).toEqual(['soon'])
    expect(mine.counts.mine).toBe(1)
    expect(
      (await org.admin.get(`${Q}?teamId=${east}&status=resolved`)).body.data.map((t: any) => t.subject),
    ).toEqual(['done'])
    expect((await org.admin.get(`${Q}?priority=urgent,high`)).body.data.map((t: any) => t.subject)).toEqual([
      'late',
      'soon',
    ])
    const first = (await org.admin.get(`${Q}?teamId=${east}&limit=2`)).body
    expect(first.data.map((t: any) => t.subject)).toEqual(['late', 'soon'])
    const next = (
      await org.admin.get(`${Q}?teamId=${east}&limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)
    ).body
    expect(next.data.map((t: any) => t.subject)).toEqual(['later'])
    expect(next.nextCursor).toBeNull()
  })

  it('shows only what the person may see, and refuses bad filters with a reason', async () => {
    // A salesperson outside the team sees none of its tickets, nor counts them.
    const outsider = (await org.outsider.get(`${Q}?teamId=${east}`)).body
    expect(outsider.data).toEqual([])
    expect(outsider.counts).toEqual({ open: 0, unassigned: 0, mine: 0, atRisk: 0, breached: 0 })
    const bad = await org.admin.get(`${Q}?priority=whenever`)
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body)).toContain('priority')
    expect((await org.admin.get(`${Q}?sort=shoeSize`)).status).toBe(400)
    expect((await org.admin.get(`${Q}?teamId=not-an-id`)).status).toBe(400)
  })

  it('assigns several tickets at once (the list’s bulk update): the queue follows', async () => {
    const before = (await org.admin.get(`${Q}?teamId=${east}`)).body.counts
    const res = await org.manager.post('/api/v1/tickets/bulk-update', {
      ids: [ids.late],
      set: { assigneeId: org.sales2.userId },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const after = (await org.admin.get(`${Q}?teamId=${east}`)).body.counts
    expect(after).toEqual({ ...before, unassigned: before.unassigned - 1 })
    expect((await org.sales2.get(`${Q}?assigneeId=me`)).body.data.map((t: any) => t.subject)).toEqual([
      'late',
      'later',
    ])
  })
})
