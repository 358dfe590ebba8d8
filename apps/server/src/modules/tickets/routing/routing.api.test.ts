import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { loginAs, makeOrg, PASSWORD, startTestApp, type Org, type TestEnv } from '../../../../test/harness'

let env: TestEnv
let org: Org
const agents: Record<'ann' | 'bob' | 'cat', string> = { ann: '', bob: '', cat: '' }
let teamId = ''
let strategic = ''
let essential = ''
const URL = '/api/v1/ticket-routing-rules'

const rule = async (body: Record<string, unknown>) => {
  const res = await org.admin.post(URL, body)
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body
}
const ticket = async (body: Record<string, unknown>) => {
  const res = await org.admin.post('/api/v1/tickets', { accountId: strategic, subject: 'Help', ...body })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body
}
const toUser = (userId: string) => ({ kind: 'user', userId })
const toTeam = (strategy: string) => ({ kind: 'team', teamId, strategy })

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  // Ann, Bob and Cat (the team's order is by name) in a support team.
  for (const name of ['ann', 'bob', 'cat'] as const) {
    const u = await org.admin.post('/api/v1/users', {
      email: `${name}@${org.slug}.test`,
      name: name[0]!.toUpperCase() + name.slice(1),
      password: PASSWORD,
      roles: ['sales'],
    })
    expect(u.status, JSON.stringify(u.body)).toBe(201)
    agents[name] = u.body.id
  }
  teamId = (await org.admin.post('/api/v1/teams', { name: 'Support', memberIds: Object.values(agents) })).body
    .id
  for (const d of [
    {
      object: 'tickets',
      key: 'product',
      label: 'Product',
      type: 'select',
      options: [
        { value: 'erp', label: 'ERP' },
        { value: 'crm', label: 'CRM' },
      ],
    },
    { object: 'accounts', key: 'region_code', label: 'Region code', type: 'text' },
  ]) {
    const res = await org.admin.post('/api/v1/field-definitions', d)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
  }
  strategic = (
    await org.admin.post('/api/v1/accounts', {
      name: 'Big Co',
      tier: 'strategic',
      segment: 'manufacturing',
      custom: { region_code: 'EAST' },
    })
  ).body.id
  essential = (await org.admin.post('/api/v1/accounts', { name: 'Small Co', tier: 'essential' })).body.id
}, 60_000)
afterAll(() => env?.close())

beforeEach(async () => {
  // Each test starts with no rules.
  for (const r of (await org.admin.get(`${URL}?limit=500`)).body.data)
    expect((await org.admin.del(`${URL}/${r.id}`)).status).toBe(200)
})

describe('ticket routing conditions', () => {
  it.each([
    ['type', { field: 'type', op: 'eq', value: 'incident' }, { type: 'incident' }, { type: 'question' }],
    [
      'priority',
      { field: 'priority', op: 'in', value: ['high', 'urgent'] },
      { priority: 'urgent' },
      { priority: 'low' },
    ],
    ['channel', { field: 'channel', op: 'eq', value: 'portal' }, { channel: 'portal' }, { channel: 'email' }],
    ['account tier', { field: 'account.tier', op: 'eq', value: 'strategic' }, {}, { accountId: 'essential' }],
    [
      'account segment',
      { field: 'account.segment', op: 'eq', value: 'manufacturing' },
      {},
      { accountId: 'essential' },
    ],
    [
      'ticket custom field',
      { field: 'custom.product', op: 'eq', value: 'erp' },
      { custom: { product: 'erp' } },
      { custom: { product: 'crm' } },
    ],
    [
      'account custom field',
      { field: 'account.custom.region_code', op: 'eq', value: 'EAST' },
      {},
      { accountId: 'essential' },
    ],
  ])(
    'routes on the %s: a ticket that meets it goes to the rule’s person, one that does not stays unassigned',
    async (_k, cond, yes, no) => {
      const r = await rule({ name: 'Only this', condition: { all: [cond] }, assign: toUser(agents.ann) })
      const hit = await ticket(yes)
      expect(hit.assigneeId).toBe(agents.ann)
      expect(hit.routedBy).toEqual({
        ruleId: r.id,
        ruleName: 'Only this',
        strategy: 'named',
        reason: 'named person',
      })
      const miss = await ticket({ ...no, ...('accountId' in no ? { accountId: essential } : {}) })
      expect(miss.assigneeId).toBeNull()
      expect(miss.routedBy).toEqual({
        ruleId: null,
        ruleName: null,
        strategy: null,
        reason: 'no routing rule matched: left unassigned',
      })
    },
  )
})

describe('ticket routing targets', () => {
  it('takes turns round the team, skipping a deactivated member and one who is away', async () => {
    await rule({ name: 'Everything', assign: toTeam('round_robin') })
    const first = await Promise.all([1, 2, 3, 4].map(async () => (await ticket({})).assigneeId))
    // Created at once, the turns still go one by one (the rule's row is locked).
    expect([...first].sort()).toEqual([agents.ann, agents.ann, agents.bob, agents.cat].sort())
    const bob = (await org.admin.get(`/api/v1/users/${agents.bob}`)).body
    expect(
      (await org.admin.patch(`/api/v1/users/${agents.bob}`, { version: bob.version, active: false })).status,
    ).toBe(200)
    const t = await ticket({})
    expect(t.teamId).toBe(teamId)
    expect(t.routedBy.strategy).toBe('round_robin')
    expect(t.routedBy.reason).toBe('round robin (next of 2 available)')
    const next = [t.assigneeId, (await ticket({})).assigneeId, (await ticket({})).assigneeId]
    expect(next).not.toContain(agents.bob)
    expect(new Set(next)).toEqual(new Set([agents.ann, agents.cat]))
    expect(next[0]).not.toBe(next[1])
    // Cat hands her approvals to Ann for a week: she is away, so only Ann is left.
    const cat = await loginAs(env.app, `cat@${org.slug}.test`)
    const away = await cat.put('/api/v1/me/delegation', {
      toUserId: agents.ann,
      from: new Date(Date.now() - 60_000).toISOString(),
      until: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    })
    expect(away.status, JSON.stringify(away.body)).toBe(200)
    expect([(await ticket({})).assigneeId, (await ticket({})).assigneeId]).toEqual([agents.ann, agents.ann])
    await cat.del('/api/v1/me/delegation')
    await org.admin.patch(`/api/v1/users/${agents.bob}`, { version: bob.version + 1, active: true })
  })

  it('gives the ticket to the member with the fewest open tickets, resolved ones not counted', async () => {
    const open = (await org.admin.get(`/api/v1/tickets?limit=500&status=new,open,pending`)).body.data
    // Start even: everyone's open tickets resolved.
    for (const t of open)
      await org.admin.patch(`/api/v1/tickets/${t.id}`, { version: t.version, status: 'resolved' })
    for (const [who, n] of [
      ['ann', 2],
      ['cat', 2],
      ['bob', 1],
    ] as const)
      for (let i = 0; i < n; i++) await ticket({ assigneeId: agents[who] })
    for (let i = 0; i < 3; i++) await ticket({ assigneeId: agents.bob, status: 'resolved' })
    await rule({ name: 'Least', assign: toTeam('least_open') })
    const t = await ticket({})
    expect(t.assigneeId).toBe(agents.bob)
    expect(t.routedBy).toMatchObject({ strategy: 'least_open', reason: 'least open tickets (1)' })
    // Now Ann, Bob and Cat have 2 each: the tie goes to the first by name.
    expect((await ticket({})).assigneeId).toBe(agents.ann)
  })

  it('keeps an assignee given at creation, while the rule still sets the team', async () => {
    await rule({ name: 'Support team', assign: toTeam('least_open') })
    const t = await ticket({ assigneeId: org.sales.userId })
    expect(t.assigneeId).toBe(org.sales.userId)
    expect(t.teamId).toBe(teamId)
    expect(t.routedBy.reason).toBe('the assignee given at creation was kept; the rule set the team')
  })

  it('lets the first matching rule in order decide, follows a new order, and ignores a disabled rule', async () => {
    const a = await rule({
      name: 'Urgent to Cat',
      condition: { all: [{ field: 'priority', op: 'eq', value: 'urgent' }] },
      assign: toUser(agents.cat),
    })
    const b = await rule({ name: 'All to Ann', assign: toUser(agents.ann) })
    expect([a.order, b.order]).toEqual([1, 2])
    expect((await ticket({ priority: 'urgent' })).assigneeId).toBe(agents.cat)
    const re = await org.admin.post(`${URL}/reorder`, { ids: [b.id, a.id] })
    expect(re.status, JSON.stringify(re.body)).toBe(200)
    expect(re.body.data.map((r: any) => [r.name, r.order])).toEqual([
      ['All to Ann', 1],
      ['Urgent to Cat', 2],
    ])
    expect((await ticket({ priority: 'urgent' })).assigneeId).toBe(agents.ann)
    const now = (await org.admin.get(`${URL}/${b.id}`)).body
    expect((await org.admin.patch(`${URL}/${b.id}`, { version: now.version, enabled: false })).status).toBe(
      200,
    )
    expect((await ticket({ priority: 'urgent' })).routedBy.ruleName).toBe('Urgent to Cat')
    expect((await ticket({ priority: 'low' })).routedBy.ruleId).toBeNull()
    // A reorder that leaves a rule out changes nothing.
    const bad = await org.admin.post(`${URL}/reorder`, { ids: [a.id] })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].path).toBe('ids')
    expect((await org.admin.get(URL)).body.data.map((r: any) => r.name)).toEqual([
      'All to Ann',
      'Urgent to Cat',
    ])
  })

  it('puts the routing on the ticket’s history: the create’s audit entry carries routedBy, in the reader’s language on read', async () => {
    const r = await rule({
      name: 'Incidents',
      condition: { all: [{ field: 'type', op: 'eq', value: 'incident' }] },
      assign: toTeam('least_open'),
    })
    const t = await ticket({ type: 'incident' })
    const audit = await org.admin.get(`/api/v1/audit-log?entityId=${t.id}&action=create`)
    expect(audit.status).toBe(200)
    expect(audit.body.data[0].after.routedBy).toMatchObject({
      ruleId: r.id,
      ruleName: 'Incidents',
      strategy: 'least_open',
    })
    expect(audit.body.data[0].after.assigneeId).toBe(t.assigneeId)
    const zh = await env.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${t.id}`,
      headers: { authorization: `Bearer ${org.admin.token}`, 'accept-language': 'zh-CN' },
    })
    expect(zh.statusCode).toBe(200)
    expect(JSON.parse(zh.body).routedBy.reason).toMatch(/^未结工单最少（\d+）$/)
  })
})

describe('ticket routing rules refused', () => {
  it.each([
    [
      'an unknown ticket field',
      { condition: { all: [{ field: 'colour', op: 'eq', value: 'red' }] }, assign: toUser('ANN') },
      'condition.all.0.field',
    ],
    [
      'an unknown account field',
      { condition: { any: [{ field: 'account.planet', op: 'eq', value: 'x' }] }, assign: toUser('ANN') },
      'condition.any.0.field',
    ],
    [
      'an unknown custom field',
      { condition: { all: [{ field: 'custom.nothing', op: 'eq', value: 'x' }] }, assign: toUser('ANN') },
      'condition.all.0.field',
    ],
    [
      'a team that does not exist',
      { assign: { kind: 'team', teamId: '00000000-0000-7000-8000-000000000000', strategy: 'least_open' } },
      'assign.teamId',
    ],
    ['a team without a strategy', { assign: { kind: 'team', teamId: 'TEAM' } }, 'assign.strategy'],
    [
      'a strategy without a team',
      { assign: { kind: 'user', userId: 'ANN', strategy: 'round_robin' } },
      'assign.strategy',
    ],
    [
      'a person who does not exist',
      { assign: { kind: 'user', userId: '00000000-0000-7000-8000-000000000000' } },
      'assign.userId',
    ],
    ['an unknown property', { assign: toUser('ANN'), colour: 'red' }, ''],
  ])('refuses %s with 400 naming the path, and stores nothing', async (_k, body, path) => {
    const fill = JSON.parse(
      JSON.stringify(body).replaceAll('"ANN"', `"${agents.ann}"`).replaceAll('"TEAM"', `"${teamId}"`),
    )
    const res = await org.admin.post(URL, { name: 'Bad', ...fill })
    expect(res.status, JSON.stringify(res.body)).toBe(400)
    if (path) expect(res.body.errors.map((e: any) => e.path)).toContain(path)
    expect((await org.admin.get(URL)).body.data).toEqual([])
  })

  it('refuses a deactivated person, and a change that would break a rule leaves it as it was', async () => {
    const u = await org.admin.post('/api/v1/users', {
      email: `gone@${org.slug}.test`,
      name: 'Gone',
      password: PASSWORD,
      roles: ['sales'],
    })
    await org.admin.patch(`/api/v1/users/${u.body.id}`, { version: u.body.version, active: false })
    const res = await org.admin.post(URL, { name: 'To Gone', assign: toUser(u.body.id) })
    expect(res.status).toBe(400)
    expect(res.body.errors).toEqual([
      { path: 'assign.userId', message: 'Gone is deactivated: choose an active person' },
    ])
    const ok = await rule({ name: 'To Ann', assign: toUser(agents.ann) })
    const patch = await org.admin.patch(`${URL}/${ok.id}`, { version: ok.version, assign: toUser(u.body.id) })
    expect(patch.status).toBe(400)
    expect((await org.admin.get(`${URL}/${ok.id}`)).body).toMatchObject({
      version: 1,
      assign: { userId: agents.ann },
    })
  })

  it('says what is wrong in Chinese to a Chinese reader', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: URL,
      headers: { authorization: `Bearer ${org.admin.token}`, 'accept-language': 'zh-CN' },
      payload: { name: 'Bad', assign: { kind: 'team' } },
    })
    expect(res.statusCode).toBe(400)
    expect(JSON.parse(res.body).errors).toEqual([
      { path: 'assign.teamId', message: '请指定接收这些工单的团队' },
      {
        path: 'assign.strategy',
        message: '请选择团队内的分派方式：round_robin（轮流）或 least_open（未结工单最少）',
      },
    ])
  })

  it('lets other roles read the rules but not change them', async () => {
    expect((await org.sales.get(URL)).status).toBe(200)
    expect((await org.sales.post(URL, { name: 'Mine', assign: toUser(agents.ann) })).status).toBe(403)
  })
})
