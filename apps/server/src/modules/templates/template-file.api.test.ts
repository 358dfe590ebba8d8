import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  loginAs,
  makeOrg,
  PASSWORD,
  startTestApp,
  type Caller,
  type Org,
  type TestEnv,
} from '../../../test/harness'
import { userCollection } from '../users'
import { createWorkspace } from '../workspaces'

let env: TestEnv
let org: Org
let empty: Caller

/** A workspace with nothing in it but its built-in roles and one administrator (no template). */
async function emptyWorkspace(slug: string): Promise<Caller> {
  await env.rt.database.db.transaction(async (tx) => {
    const ctx = await createWorkspace(tx, env.rt.events, { name: slug, slug, locale: 'en' })
    await userCollection.create(tx, ctx, {
      email: `admin@${slug}.test`,
      name: 'Admin',
      password: PASSWORD,
      roles: ['admin'],
    })
  })
  return loginAs(env.app, `admin@${slug}.test`)
}

/** The versions of what the workspace has, to see that an import changed nothing. */
async function versions(c: Caller) {
  const out: Record<string, number> = {}
  for (const url of [
    '/api/v1/pipelines',
    '/api/v1/rules',
    '/api/v1/playbooks',
    '/api/v1/health-models',
    '/api/v1/alert-rules',
  ]) {
    const res = await c.get(`${url}?limit=200`)
    expect(res.status, url).toBe(200)
    for (const r of res.body.data) out[`${url}/${r.id}`] = r.version
  }
  out.tiers = (await c.get('/api/v1/tier-rules')).body.version
  out.calendar = (await c.get('/api/v1/business-calendar')).body.version
  // Settings without a version: an import that changes nothing writes no audit entry for them.
  const audit = await c.get('/api/v1/audit-log?entityType=north_star&limit=50')
  expect(audit.status, JSON.stringify(audit.body)).toBe(200)
  out.northStarChanges = audit.body.data.length
  return out
}

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  // A few configured items beside the default template: a custom field with the accounts layout, a
  // playbook and an alert rule starting it (a reference), a routing rule naming a person (left out).
  const field = await org.admin.post('/api/v1/field-definitions', {
    object: 'accounts',
    key: 'creditLimit',
    label: 'Credit limit',
    type: 'number',
  })
  expect(field.status, JSON.stringify(field.body)).toBe(201)
  const book = await org.admin.post('/api/v1/playbooks', {
    name: 'Rescue call',
    steps: [{ title: 'Call {{account.name}}', assignee: { kind: 'owner' }, dueInDays: 1, priority: 'high' }],
  })
  expect(book.status, JSON.stringify(book.body)).toBe(201)
  const alerts = (await org.admin.get('/api/v1/alert-rules')).body.data
  const rule = alerts[0]
  const changed = await org.admin.patch(`/api/v1/alert-rules/${rule.id}`, {
    version: rule.version,
    startPlaybook: book.body.id,
  })
  expect(changed.status, JSON.stringify(changed.body)).toBe(200)
  const routing = await org.admin.post('/api/v1/ticket-routing-rules', {
    name: 'E-mail to one person',
    condition: { all: [{ field: 'channel', op: 'eq', value: 'email' }] },
    assign: { kind: 'user', userId: org.sales.userId },
  })
  expect(routing.status, JSON.stringify(routing.body)).toBe(201)
  const calendar = (await org.admin.get('/api/v1/business-calendar')).body
  const saved = await org.admin.put('/api/v1/business-calendar', {
    version: calendar.version,
    timeZone: 'Europe/Berlin',
    week: calendar.week,
    holidays: [],
    workdays: [],
    extraDayHours: calendar.extraDayHours,
  })
  expect(saved.status, JSON.stringify(saved.body)).toBe(200)
  empty = await emptyWorkspace(`tpl${Date.now().toString(36)}`)
}, 120_000)
afterAll(() => env?.close())

describe('workspace template files', () => {
  it('exports a configured workspace, imports it into an empty one and exports the same configuration again', async () => {
    const a = await org.admin.get('/api/v1/workspace-template')
    expect(a.status, JSON.stringify(a.body)).toBe(200)
    expect(a.headers['content-disposition']).toMatch(/attachment; filename="openkam-template-/)
    const file = a.body
    expect(file).toMatchObject({ format: 'openkam-template', version: 1, name: `Org ${org.slug}` })
    expect(Object.keys(file.objects)).toEqual(
      expect.arrayContaining([
        'objects',
        'pipelines',
        'playbooks',
        'rules',
        'health_models',
        'alert_rules',
        'approval_flows',
        'tier_rules',
        'dashboards',
        'north_star',
        'effort_costs',
      ]),
    )
    // No ids of this workspace: references are by kind and key, people are left out and named.
    const text = JSON.stringify(file.objects)
    expect(text).not.toContain(org.wsId)
    expect(text).not.toContain(org.sales.userId)
    const alert = file.objects.alert_rules.find((r: { startPlaybook?: unknown }) => r.startPlaybook)
    expect(alert.startPlaybook).toEqual({ $ref: 'playbooks', key: 'Rescue call' })
    expect(file.objects.ticket_routing_rules ?? []).toEqual([])
    expect(file.notes).toContainEqual(
      expect.objectContaining({
        kind: 'ticket_routing_rules',
        key: 'E-mail to one person',
        path: 'assign.userId',
      }),
    )
    // The pipeline's SOP rules come with the pipeline, not as rules of their own.
    expect(file.objects.rules.some((r: { template?: string }) => r.template?.startsWith('sop_'))).toBe(false)

    const preview = await empty.post('/api/v1/workspace-template/preview', file)
    expect(preview.status, JSON.stringify(preview.body)).toBe(200)
    expect(preview.body.applied).toBe(false)
    const pipelines = preview.body.kinds.find((k: { kind: string }) => k.kind === 'pipelines')
    expect(pipelines.created).toEqual(file.objects.pipelines.map((p: { key: string }) => p.key))
    // A template key (sop) comes with the pipeline's name, for people to read.
    expect(pipelines.names.sop).toBe(
      file.objects.pipelines.find((p: { key: string }) => p.key === 'sop').name,
    )
    expect((await empty.get('/api/v1/pipelines')).body.data).toEqual([])

    const imported = await empty.post('/api/v1/workspace-template/import', file)
    expect(imported.status, JSON.stringify(imported.body)).toBe(200)
    expect(imported.body.applied).toBe(true)

    const b = await empty.get('/api/v1/workspace-template')
    expect(b.status).toBe(200)
    // Field by field, kind by kind: the same configuration (ids and timestamps are not in the file).
    for (const kind of Object.keys(file.objects))
      expect(b.body.objects[kind], kind).toEqual(file.objects[kind])
    expect(Object.keys(b.body.objects).sort()).toEqual(Object.keys(file.objects).sort())
    expect(b.body.notes).toEqual([])
    expect((await empty.get('/api/v1/business-calendar')).body.timeZone).toBe('Europe/Berlin')
    // The north star and the effort costs, as the exporting workspace has them.
    const [northStar, costs] = [file.objects.north_star[0], file.objects.effort_costs[0]]
    expect(northStar.metrics.length).toBeGreaterThan(0)
    expect((await empty.get('/api/v1/north-star')).body.metrics).toEqual(northStar.metrics)
    expect((await empty.get('/api/v1/reports/effort-costs')).body).toMatchObject({
      currency: costs.currency,
      hourlyRates: costs.hourlyRates,
    })
    // The stage rules the pipeline brings work in the new workspace too.
    const sop = (await empty.get('/api/v1/rules?template=sop_solution')).body.data
    expect(sop).toHaveLength(1)

    // The same file again: nothing changes (every item unchanged, no version moves).
    const before = await versions(empty)
    const again = await empty.post('/api/v1/workspace-template/import', file)
    expect(again.status).toBe(200)
    for (const k of again.body.kinds) {
      expect(k.created, k.kind).toEqual([])
      expect(k.changed, k.kind).toEqual([])
    }
    expect(await versions(empty)).toEqual(before)
  }, 120_000)

  it('answers a bad file with a specific 400 and changes nothing', async () => {
    const file = (await org.admin.get('/api/v1/workspace-template')).body
    const before = await versions(empty)
    const cases: [unknown, string][] = [
      [{ ...file, format: 'something-else' }, 'format'],
      [{ ...file, version: 2 }, 'version'],
      [{ ...file, objects: { ...file.objects, gadgets: [{ key: 'x' }] } }, 'objects.gadgets'],
      [
        {
          ...file,
          objects: {
            ...file.objects,
            pipelines: [{ ...file.objects.pipelines[0], name: 'Changed', stages: [] }],
          },
        },
        'objects.pipelines.0.stages',
      ],
      [
        {
          ...file,
          objects: {
            ...file.objects,
            alert_rules: [
              { ...file.objects.alert_rules[0], startPlaybook: { $ref: 'playbooks', key: 'Nope' } },
            ],
          },
        },
        'objects.alert_rules.0.startPlaybook',
      ],
    ]
    for (const [body, path] of cases) {
      for (const url of ['/api/v1/workspace-template/preview', '/api/v1/workspace-template/import']) {
        const res = await empty.post(url, body)
        expect(res.status, `${url} ${path}`).toBe(400)
        expect(
          res.body.errors.map((e: { path: string }) => e.path),
          path,
        ).toContain(path)
      }
    }
    expect(await versions(empty)).toEqual(before)
  }, 60_000)

  it('is for administrators only', async () => {
    expect((await org.sales.get('/api/v1/workspace-template')).status).toBe(403)
    const file = (await org.admin.get('/api/v1/workspace-template')).body
    expect((await org.manager.post('/api/v1/workspace-template/preview', file)).status).toBe(403)
    expect((await org.sales.post('/api/v1/workspace-template/import', file)).status).toBe(403)
  })

  it('lists the built-in templates in both languages', async () => {
    const res = await org.sales.get('/api/v1/workspace-templates')
    expect(res.status).toBe(200)
    expect(res.body.data.map((t: { key: string }) => t.key)).toEqual(['standard', 'saas'])
    expect(res.body.data[1].name).toEqual({ en: 'SaaS company', 'zh-CN': 'SaaS 企业' })
  })
})
