import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eq, sql } from 'drizzle-orm'
import { makeOrg, startTestApp, type Caller, type Org, type TestEnv, waitFor } from '../../../test/harness'
import { createWorkspaceFromTemplate } from '../templates'
import * as pipelineTables from './pipeline.table'

const A = 'assessment_report'
const N = 'needs_interview_minutes'
const SOLUTION = ['proposal', 'demo_deck', 'roi_analysis']

let env: TestEnv
let org: Org
let accountId = ''

beforeAll(async () => {
  env = await startTestApp()
  org = await makeOrg(env)
  accountId = (await org.sales.post('/api/v1/accounts', { name: 'Gatekeeper Ltd' })).body.id
}, 60_000)
afterAll(() => env?.close())

const newDeal = async (name = 'Gate deal', who: Caller = org.sales) => {
  const res = await who.post('/api/v1/opportunities', { accountId, name, amount: '100000', currency: 'CNY' })
  expect(res.status).toBe(201)
  return res.body
}
const attach = (who: Caller, oppId: string, key: string) =>
  who.post(`/api/v1/opportunities/${oppId}/deliverables`, {
    key,
    title: `${key} v1`,
    url: `https://docs.example.com/${key}.pdf`,
  })
const move = (who: Caller, oppId: string, stage: string, waivers?: string[]) =>
  who.post(`/api/v1/opportunities/${oppId}/stage`, {
    stage,
    ...(waivers
      ? { waivers: waivers.map((deliverable) => ({ deliverable, reason: 'Agreed in the deal review' })) }
      : {}),
  })

describe('the default pipeline', () => {
  it('ships the five-stage SOP with every new workspace, readable by everyone and changed only by admins', async () => {
    const res = await org.sales.get('/api/v1/pipelines')
    expect(res.status).toBe(200)
    expect(res.body.data).toHaveLength(1)
    const p = res.body.data[0]
    expect(p).toMatchObject({ template: 'sop', isDefault: true })
    expect(p.stages.map((s: any) => [s.key, s.probability, s.deliverables.map((d: any) => d.key)])).toEqual([
      ['discovery', 10, [A, N]],
      ['solution', 30, SOLUTION],
      ['negotiation', 60, ['quotation', 'signed_contract']],
      ['implementation', 80, ['kickoff_minutes', 'initial_feedback_report']],
      ['account_management', 100, ['health_check_report', 'upsell_record']],
    ])
    for (const s of p.stages) {
      expect(s.waiverRoles).toEqual(['sales_manager', 'admin'])
      expect(s.tasks.length).toBeGreaterThan(0)
      expect(s.deliverables.every((d: any) => d.required && d.label)).toBe(true)
    }
    expect(p.lossReasons.length).toBeGreaterThan(3)
    expect(p.winReasons.length).toBeGreaterThan(3)
    expect((await org.sales.post('/api/v1/pipelines', { name: 'Mine', stages: p.stages })).status).toBe(403)
    expect(
      (await org.manager.patch(`/api/v1/pipelines/${p.id}`, { version: p.version, name: 'X' })).status,
    ).toBe(403)
    // One SOP rule per stage with tasks, through the rule engine, and one for a deal created in the first stage.
    const rules = (await org.admin.get('/api/v1/rules?limit=100')).body.data.filter((r: any) =>
      r.template?.startsWith('sop_'),
    )
    expect(rules.map((r: any) => r.template).sort()).toEqual(
      [
        'sop_account_management',
        'sop_created',
        'sop_discovery',
        'sop_implementation',
        'sop_negotiation',
        'sop_solution',
      ].sort(),
    )
    for (const r of rules) {
      expect(r.enabled).toBe(true)
      expect(r.trigger.kind).toBe(r.template === 'sop_created' ? 'record_created' : 'stage_changed')
      expect(r.actions.every((a: any) => a.type === 'create_task' && a.source === 'sop')).toBe(true)
    }
  })

  it('is in Chinese for a Chinese workspace', async () => {
    const db = env.rt.database.db
    const ws = await db.transaction((tx) =>
      createWorkspaceFromTemplate(tx, env.rt.events, {
        name: '中文公司',
        slug: `zh${Date.now()}`,
        locale: 'zh-CN',
      }),
    )
    const [p] = await db
      .select()
      .from(pipelineTables.pipelines)
      .where(eq(pipelineTables.pipelines.workspaceId, ws.ws))
    expect(p!.name).toBe('销售标准流程（SOP）')
    expect(p!.stages.map((s) => s.name)).toEqual([
      '初步接触与需求挖掘',
      '方案设计与价值呈现',
      '商务谈判与签约',
      '实施与初期反馈',
      '客户经营与增购',
    ])
    expect(p!.stages[0]!.deliverables.map((d) => [d.key, d.label])).toEqual([
      [A, '初步评估报告'],
      [N, '需求访谈纪要'],
    ])
  })
})

describe('opportunities and stages', () => {
  it('starts a new opportunity in the first stage with its probability, and records where it started', async () => {
    const o = await newDeal('Fresh deal')
    expect(o).toMatchObject({ stage: 'discovery', status: 'open', probability: 10, pipelineId: null })
    const history = (await org.sales.get(`/api/v1/opportunities/${o.id}/stage-history`)).body.data
    expect(history).toEqual([
      expect.objectContaining({
        fromStage: null,
        toStage: 'discovery',
        direction: 'initial',
        changedBy: org.sales.userId,
      }),
    ])
    const elsewhere = await org.sales.post('/api/v1/opportunities', {
      accountId,
      name: 'Late start',
      stage: 'negotiation',
    })
    expect(elsewhere.status).toBe(422)
    expect(elsewhere.body.code).toBe('use_stage_endpoint')
  })

  it('refuses a PATCH that changes the stage or wins/loses the deal, naming the endpoint to use', async () => {
    const o = await newDeal('Patchy deal')
    const stage = await org.sales.patch(`/api/v1/opportunities/${o.id}`, {
      version: o.version,
      stage: 'solution',
    })
    expect(stage.status).toBe(422)
    expect(stage.body.code).toBe('use_stage_endpoint')
    expect(stage.body.detail).toContain(`/opportunities/${o.id}/stage`)
    const won = await org.sales.patch(`/api/v1/opportunities/${o.id}`, { version: o.version, status: 'won' })
    expect(won.body.code).toBe('use_close_endpoint')
    const same = await org.sales.patch(`/api/v1/opportunities/${o.id}`, {
      version: o.version,
      stage: 'discovery',
      name: 'Patchy deal (renamed)',
    })
    expect(same.status).toBe(200)
    expect(same.body.name).toBe('Patchy deal (renamed)')
  })
})

describe('the stage gate', () => {
  it('refuses to leave a stage whose deliverables are missing, listing their keys', async () => {
    const o = await newDeal()
    const res = await move(org.sales, o.id, 'solution')
    expect(res.status).toBe(422)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(res.body).toMatchObject({ code: 'stage_gate', missing: [A, N], status: 422 })
    expect(res.body.detail).toContain('Initial assessment report')
    expect((await org.sales.get(`/api/v1/opportunities/${o.id}`)).body.stage).toBe('discovery')
  })

  // Each of the two discovery deliverables attached, waived in the move (by a sales manager) or missing.
  const states = ['attached', 'waived', 'missing'] as const
  it.each(states.flatMap((a) => states.map((n) => [a, n] as const)))(
    'moves discovery → solution when the assessment is %s and the minutes are %s only if nothing is missing',
    async (a, n) => {
      const o = await newDeal(`Combo ${a}/${n}`)
      const waivers: string[] = []
      for (const [key, s] of [
        [A, a],
        [N, n],
      ] as const) {
        if (s === 'attached') expect((await attach(org.sales, o.id, key)).status).toBe(201)
        if (s === 'waived') waivers.push(key)
      }
      const res = await move(org.manager, o.id, 'solution', waivers)
      const missing = [
        [A, a],
        [N, n],
      ]
        .filter(([, s]) => s === 'missing')
        .map(([k]) => k)
      if (missing.length) {
        expect(res.status).toBe(422)
        expect(res.body.missing).toEqual(missing)
        // A refused move records nothing, not even the waivers that were allowed.
        const list = (await org.sales.get(`/api/v1/opportunities/${o.id}/deliverables`)).body
        expect(list.data.filter((d: any) => d.waived)).toEqual([])
      } else {
        expect(res.status).toBe(200)
        expect(res.body).toMatchObject({ stage: 'solution', probability: 30 })
        const list = (await org.sales.get(`/api/v1/opportunities/${o.id}/deliverables`)).body
        const discovery = list.stages.find((s: any) => s.stage === 'discovery')
        expect(discovery.required.map((d: any) => d.status)).toEqual([a, n])
        expect(
          list.data.filter((d: any) => d.waived).map((d: any) => [d.key, d.waiverReason, d.addedBy]),
        ).toEqual(waivers.map((k) => [k, 'Agreed in the deal review', org.manager.userId]))
      }
    },
  )

  it('needs the deliverables of every stage a move skips', async () => {
    const o = await newDeal('Skipper')
    await attach(org.sales, o.id, A)
    await attach(org.sales, o.id, N)
    await attach(org.sales, o.id, 'proposal')
    const refused = await move(org.sales, o.id, 'negotiation')
    expect(refused.status).toBe(422)
    expect(refused.body.missing).toEqual(['demo_deck', 'roi_analysis'])
    const waivedOne = await move(org.manager, o.id, 'negotiation', ['demo_deck'])
    expect(waivedOne.body.missing).toEqual(['roi_analysis'])
    const ok = await move(org.manager, o.id, 'negotiation', ['demo_deck', 'roi_analysis'])
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ stage: 'negotiation', probability: 60 })
    const history = (await org.sales.get(`/api/v1/opportunities/${o.id}/stage-history`)).body.data
    expect(history.at(-1)).toMatchObject({
      fromStage: 'discovery',
      toStage: 'negotiation',
      direction: 'forward',
      changedBy: org.manager.userId,
      waivers: [
        { deliverable: 'demo_deck', reason: 'Agreed in the deal review' },
        { deliverable: 'roi_analysis', reason: 'Agreed in the deal review' },
      ],
    })
  })

  it('answers 403 waiver_forbidden to a waiver by someone whose role may not waive, changing nothing', async () => {
    const o = await newDeal('No waiver')
    await attach(org.sales, o.id, A)
    const res = await move(org.sales, o.id, 'solution', [N])
    expect(res.status).toBe(403)
    expect(res.body.code).toBe('waiver_forbidden')
    expect(res.body.detail).toContain('sales_manager')
    expect(res.body.deliverables).toEqual([N])
    expect((await org.sales.get(`/api/v1/opportunities/${o.id}`)).body.stage).toBe('discovery')
    const list = (await org.sales.get(`/api/v1/opportunities/${o.id}/deliverables`)).body
    expect(list.data.map((d: any) => d.key)).toEqual([A])
    // Waivers need a reason, and must name what the move needs.
    const noReason = await org.manager.post(`/api/v1/opportunities/${o.id}/stage`, {
      stage: 'solution',
      waivers: [{ deliverable: N, reason: ' ' }],
    })
    expect(noReason.status).toBe(400)
    expect(noReason.body.errors.map((e: any) => e.path)).toEqual(['waivers.0.reason'])
    const unneeded = await move(org.manager, o.id, 'solution', [N, 'quotation'])
    expect(unneeded.status).toBe(400)
    expect(unneeded.body.errors).toEqual([
      {
        path: 'waivers.1.deliverable',
        message: 'quotation is not a required deliverable of the stages this move leaves',
      },
    ])
  })

  it('lets a deal move back without deliverables, and records and audits the move', async () => {
    const o = await newDeal('Back and forth')
    await attach(org.sales, o.id, A)
    await attach(org.sales, o.id, N)
    expect((await move(org.sales, o.id, 'solution')).status).toBe(200)
    const back = await move(org.sales, o.id, 'discovery')
    expect(back.status).toBe(200)
    expect(back.body).toMatchObject({ stage: 'discovery', probability: 10 })
    const history = (await org.sales.get(`/api/v1/opportunities/${o.id}/stage-history`)).body.data
    expect(history.map((h: any) => [h.fromStage, h.toStage, h.direction])).toEqual([
      [null, 'discovery', 'initial'],
      ['discovery', 'solution', 'forward'],
      ['solution', 'discovery', 'backward'],
    ])
    const audit = (await org.admin.get(`/api/v1/audit-log?entityType=opportunity&entityId=${o.id}&limit=50`))
      .body.data
    const moves = audit.filter((e: any) => e.action === 'update' && e.after?.stage)
    expect(moves.map((e: any) => `${e.before.stage}→${e.after.stage}`).sort()).toEqual(
      ['discovery→solution', 'solution→discovery'].sort(),
    )
    // Moving to the stage it is in changes nothing; a stage the pipeline lacks is refused.
    expect((await move(org.sales, o.id, 'discovery')).body.version).toBe(back.body.version)
    const custom = (
      await org.admin.post('/api/v1/pipelines', {
        name: 'Short',
        stages: [
          { key: 'discovery', name: 'Talk', probability: 20 },
          { key: 'negotiation', name: 'Close', probability: 70 },
        ],
      })
    ).body
    const short = await org.sales.post('/api/v1/opportunities', {
      accountId,
      name: 'Short one',
      pipelineId: custom.id,
    })
    expect(short.body).toMatchObject({ stage: 'discovery', probability: 20, pipelineId: custom.id })
    const nope = await move(org.sales, short.body.id, 'solution')
    expect(nope.status).toBe(400)
    expect(nope.body.errors[0].path).toBe('stage')
    expect((await move(org.sales, short.body.id, 'negotiation')).body).toMatchObject({
      stage: 'negotiation',
      probability: 70,
    })
  })

  it('needs the same right as changing the deal', async () => {
    const o = await newDeal('Guarded')
    expect((await move(org.outsider, o.id, 'solution')).status).toBe(404)
    expect((await move(org.executive, o.id, 'solution')).status).toBe(403)
    expect((await attach(org.executive, o.id, A)).status).toBe(403)
    expect((await org.executive.get(`/api/v1/opportunities/${o.id}/deliverables`)).status).toBe(200)
    expect((await attach(org.sales2, o.id, A)).status).toBe(404)
  })
})

describe('deliverables', () => {
  it('attaches links for keys of the pipeline, lists their status per stage and removes them', async () => {
    const o = await newDeal('Paperwork')
    const bad = await org.sales.post(`/api/v1/opportunities/${o.id}/deliverables`, {
      key: 'horoscope',
      title: 'x',
      url: 'https://a.example/x',
    })
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].path).toBe('key')
    const both = await org.sales.post(`/api/v1/opportunities/${o.id}/deliverables`, { key: A, title: 'x' })
    expect(both.status).toBe(400)
    expect(both.body.errors[0].path).toBe('url')
    const js = await org.sales.post(`/api/v1/opportunities/${o.id}/deliverables`, {
      key: A,
      title: 'x',
      url: 'javascript:alert(1)',
    })
    expect(js.status).toBe(400)
    const ok = await attach(org.sales, o.id, A)
    expect(ok.status).toBe(201)
    expect(ok.body).toMatchObject({
      key: A,
      stage: 'discovery',
      waived: false,
      addedBy: org.sales.userId,
      fileId: null,
    })
    const list = (await org.sales.get(`/api/v1/opportunities/${o.id}/deliverables`)).body
    expect(list.stages.map((s: any) => s.stage)).toEqual([
      'discovery',
      'solution',
      'negotiation',
      'implementation',
      'account_management',
    ])
    expect(list.stages[0].required.map((d: any) => [d.key, d.status])).toEqual([
      [A, 'attached'],
      [N, 'missing'],
    ])
    const gone = await org.sales.del(`/api/v1/opportunities/${o.id}/deliverables/${ok.body.id}`)
    expect(gone.status).toBe(200)
    const after = (await org.sales.get(`/api/v1/opportunities/${o.id}/deliverables`)).body
    expect(after.data).toEqual([])
    expect(after.stages[0].required[0].status).toBe('missing')
    expect((await org.sales.del(`/api/v1/opportunities/${o.id}/deliverables/${ok.body.id}`)).status).toBe(404)
    const audit = (await org.admin.get(`/api/v1/audit-log?entityId=${o.id}&limit=50`)).body.data
    expect(audit.map((e: any) => e.action)).toEqual(
      expect.arrayContaining(['attach_deliverable', 'remove_deliverable']),
    )
  })
})

describe('won and lost', () => {
  it("closes a deal with one of the pipeline's reasons, and refuses others", async () => {
    const p = (await org.admin.get('/api/v1/pipelines')).body.data.find((x: any) => x.isDefault)
    const o = await newDeal('To close')
    const wrong = await org.sales.post(`/api/v1/opportunities/${o.id}/close`, {
      outcome: 'lost',
      reason: 'Bad weather',
    })
    expect(wrong.status).toBe(400)
    expect(wrong.body.errors[0]).toMatchObject({ path: 'reason' })
    expect(wrong.body.errors[0].message).toContain(p.lossReasons[0])
    const none = await org.sales.post(`/api/v1/opportunities/${o.id}/close`, { outcome: 'lost' })
    expect(none.status).toBe(400)
    expect(none.body.errors.map((e: any) => e.path)).toEqual(['reason'])
    const lost = await org.sales.post(`/api/v1/opportunities/${o.id}/close`, {
      outcome: 'lost',
      reason: p.lossReasons[1],
      note: 'They signed with the incumbent.',
    })
    expect(lost.status).toBe(200)
    expect(lost.body).toMatchObject({
      status: 'lost',
      lossReason: p.lossReasons[1],
      closeNote: 'They signed with the incumbent.',
      probability: 0,
      wonAt: null,
    })
    expect(lost.body.lostAt).not.toBeNull()
    expect(
      (
        await org.sales.post(`/api/v1/opportunities/${o.id}/close`, {
          outcome: 'lost',
          reason: p.lossReasons[0],
        })
      ).body.code,
    ).toBe('already_lost')
    expect((await move(org.sales, o.id, 'solution')).body.code).toBe('opportunity_lost')

    const w = await newDeal('To win')
    expect(
      (
        await org.sales.post(`/api/v1/opportunities/${w.id}/close`, {
          outcome: 'won',
          reason: 'Great coffee',
        })
      ).status,
    ).toBe(400)
    const won = await org.sales.post(`/api/v1/opportunities/${w.id}/close`, {
      outcome: 'won',
      reason: p.winReasons[0],
    })
    expect(won.status).toBe(200)
    expect(won.body).toMatchObject({
      status: 'won',
      winReason: p.winReasons[0],
      lossReason: null,
      probability: 100,
    })
    expect(won.body.wonAt).not.toBeNull()
    expect(
      (
        await org.sales.post(`/api/v1/opportunities/${w.id}/close`, {
          outcome: 'won',
          reason: p.winReasons[1],
        })
      ).body.code,
    ).toBe('already_won')
    // The close fields are not set by PATCH.
    const patched = await org.sales.patch(`/api/v1/opportunities/${w.id}`, {
      version: won.body.version,
      winReason: 'x',
    })
    expect(patched.status).toBe(400)
    // The event the handoff listens to: opportunity.updated with status won.
    const db = env.rt.database.db
    const rows = await waitFor(async () => {
      const r = (await db.execute(
        sql`select payload from outbox where entity_id = ${w.id} and type = 'opportunity.updated'`,
      )) as unknown as { rows: { payload: any }[] }
      return r.rows.length ? r.rows : null
    })
    expect(rows.some((r) => r.payload.changed.includes('status') && r.payload.record.status === 'won')).toBe(
      true,
    )
  })
})

describe('pipelines as configuration', () => {
  it('refuses duplicate keys, unknown roles and a workspace without a default, naming each problem', async () => {
    const res = await org.admin.post('/api/v1/pipelines', {
      name: 'Broken',
      stages: [
        {
          key: 'discovery',
          name: 'A',
          probability: 10,
          deliverables: [
            { key: 'memo', label: 'Memo' },
            { key: 'memo', label: 'Memo again' },
          ],
          waiverRoles: ['wizard'],
        },
        { key: 'discovery', name: 'B', probability: 101 },
      ],
    })
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: any) => e.path)).toEqual(
      expect.arrayContaining(['stages.0.deliverables.1.key', 'stages.1.key', 'stages.1.probability']),
    )
    const role = await org.admin.post('/api/v1/pipelines', {
      name: 'Roles',
      stages: [{ key: 'discovery', name: 'A', probability: 10, waiverRoles: ['wizard'] }],
    })
    expect(role.status).toBe(400)
    expect(role.body.errors).toEqual([
      { path: 'stages.0.waiverRoles', message: 'no such role in this workspace: wizard' },
    ])
    const def = (await org.admin.get('/api/v1/pipelines?isDefault=true')).body.data[0]
    const off = await org.admin.patch(`/api/v1/pipelines/${def.id}`, {
      version: def.version,
      isDefault: false,
    })
    expect(off.status).toBe(400)
    expect(off.body.errors[0].path).toBe('isDefault')
    const del = await org.admin.del(`/api/v1/pipelines/${def.id}`)
    expect(del.status).toBe(422)
    expect(del.body.code).toBe('default_pipeline')
  })

  it('keeps one default, and refuses to delete a pipeline open deals follow', async () => {
    const p = (
      await org.admin.post('/api/v1/pipelines', {
        name: 'Partners',
        stages: [{ key: 'discovery', name: 'Intro', probability: 15 }],
      })
    ).body
    const o = await org.sales.post('/api/v1/opportunities', {
      accountId,
      name: 'Partner deal',
      pipelineId: p.id,
    })
    expect((await org.admin.del(`/api/v1/pipelines/${p.id}`)).body.code).toBe('pipeline_in_use')
    const lossless = await org.sales.post(`/api/v1/opportunities/${o.body.id}/close`, {
      outcome: 'lost',
      reason: 'Anything goes',
    })
    expect(lossless.status).toBe(200)
    expect((await org.admin.del(`/api/v1/pipelines/${p.id}`)).status).toBe(200)
    const other = (
      await org.admin.post('/api/v1/pipelines', {
        name: 'New default',
        isDefault: true,
        stages: [{ key: 'solution', name: 'Pitch', probability: 40 }],
      })
    ).body
    const defaults = (await org.admin.get('/api/v1/pipelines?isDefault=true')).body.data
    expect(defaults.map((x: any) => x.id)).toEqual([other.id])
    // Opportunities without a pipeline follow the new default.
    expect((await newDeal('Follows the default')).stage).toBe('solution')
    const sop = (await org.admin.get('/api/v1/pipelines?template=sop')).body.data[0]
    expect(
      (await org.admin.patch(`/api/v1/pipelines/${sop.id}`, { version: sop.version, isDefault: true }))
        .status,
    ).toBe(200)
    expect((await org.admin.del(`/api/v1/pipelines/${other.id}`)).status).toBe(200)
  })

  it("creates a stage's standard tasks through the rule engine when a deal enters it, and follows every change", async () => {
    const sop = (await org.admin.get('/api/v1/pipelines?template=sop')).body.data[0]
    const stages = sop.stages.map((s: any) =>
      s.key === 'solution'
        ? {
            ...s,
            tasks: [
              { title: 'Book the demo room for {{record.name}}', assignee: { kind: 'owner' }, dueInDays: 2 },
            ],
          }
        : s.key === 'negotiation'
          ? { ...s, tasks: [] }
          : s,
    )
    const saved = await org.admin.patch(`/api/v1/pipelines/${sop.id}`, { version: sop.version, stages })
    expect(saved.status).toBe(200)
    const rules = (await org.admin.get('/api/v1/rules?limit=100')).body.data.filter(
      (r: any) => r.custom?.sop?.pipelineId === sop.id,
    )
    const byStage = Object.fromEntries(rules.map((r: any) => [r.custom.sop.stage, r]))
    expect(byStage.solution).toMatchObject({ enabled: true, template: 'sop_solution' })
    expect(byStage.solution.actions).toEqual([
      {
        type: 'create_task',
        source: 'sop',
        task: {
          title: 'Book the demo room for {{record.name}}',
          assignee: { kind: 'owner' },
          dueInDays: 2,
          priority: 'normal',
        },
      },
    ])
    expect(byStage.negotiation.enabled).toBe(false)

    const o = await newDeal('Demo room deal')
    const sopTasks = (n: number) =>
      waitFor(async () => {
        const t = (await org.sales.get(`/api/v1/tasks?relatedId=${o.id}&source=sop&limit=50`)).body.data
        return t.length >= n ? t : null
      })
    // A new deal starts in the first stage and gets that stage's standard tasks.
    const first = await sopTasks(2)
    expect(first.map((t: any) => t.title).sort()).toEqual(
      [
        'Hold the needs interview with Gatekeeper Ltd',
        'Research Gatekeeper Ltd and write the initial assessment',
      ].sort(),
    )
    await attach(org.sales, o.id, A)
    await attach(org.sales, o.id, N)
    expect((await move(org.sales, o.id, 'solution')).status).toBe(200)
    const tasks = await sopTasks(3)
    expect(
      tasks
        .filter((t: any) => !first.some((f: any) => f.id === t.id))
        .map((t: any) => [t.title, t.assigneeId]),
    ).toEqual([['Book the demo room for Demo room deal', org.sales.userId]])
    // Saving the same pipeline again changes no rule.
    const again = (await org.admin.get(`/api/v1/pipelines/${sop.id}`)).body
    expect(
      (await org.admin.patch(`/api/v1/pipelines/${sop.id}`, { version: again.version, name: again.name }))
        .status,
    ).toBe(200)
    const after = (await org.admin.get('/api/v1/rules?limit=100')).body.data.filter(
      (r: any) => r.custom?.sop?.pipelineId === sop.id,
    )
    expect(Object.fromEntries(after.map((r: any) => [r.custom.sop.stage, r.version]))).toEqual(
      Object.fromEntries(rules.map((r: any) => [r.custom.sop.stage, r.version])),
    )
  })
})
