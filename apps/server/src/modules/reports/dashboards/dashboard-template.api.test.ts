import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loginAs, startTestApp, type Caller, type TestEnv } from '../../../../test/harness'
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from '../../../demo/seed'
import { and, eq } from 'drizzle-orm'
import { createWorkspaceFromTemplate, upgradeWorkspaces } from '../../templates'
import { dashboards, savedReports } from '../report.table'
import { dashboardTemplates, reportTemplates } from './dashboard.defaults'

let env: TestEnv
let admin: Caller

beforeAll(async () => {
  env = await startTestApp({ demo: 'en' })
  admin = await loginAs(env.app, DEMO_ADMIN_EMAIL, DEMO_PASSWORD)
}, 180_000)
afterAll(async () => env?.close())

const templated = async (who: Caller, what: 'dashboards' | 'reports') =>
  ((await who.get(`/api/v1/${what}?limit=100`)).body.data as any[]).filter((d) => d.template)

describe('built-in dashboards', () => {
  it('comes with every built-in dashboard and report, named in the workspace language and shared with everyone', async () => {
    const boards = await templated(admin, 'dashboards')
    expect(boards.map((d) => d.template).sort()).toEqual(dashboardTemplates.map((t) => t.key).sort())
    const health = boards.find((d) => d.template === 'health_board')
    expect(health).toMatchObject({
      name: 'Health board',
      ownerId: null,
      sharedWith: { roles: ['*'], teams: [] },
    })
    const reports = await templated(admin, 'reports')
    expect(reports.map((r) => r.template).sort()).toEqual(reportTemplates.map((t) => t.key).sort())
    for (const r of reports) expect(r.sharedWith.roles).toEqual(['*'])
    // Every report widget points at a built-in report.
    const ids = new Set(reports.map((r) => r.id))
    for (const d of boards) for (const w of d.widgets) if (w.reportId) expect(ids.has(w.reportId)).toBe(true)
  })

  it('names them in Chinese in a Chinese workspace', async () => {
    const db = env.rt.database.db
    const ctx = await db.transaction((tx) =>
      createWorkspaceFromTemplate(tx, env.rt.events, {
        name: '中文工作区',
        slug: 'zh-dash',
        locale: 'zh-CN',
      }),
    )
    const names = async (table: typeof dashboards | typeof savedReports, key: string) =>
      (
        await db
          .select({ name: table.name })
          .from(table)
          .where(and(eq(table.workspaceId, ctx.ws), eq(table.template, key)))
      )[0]?.name
    expect(await names(dashboards, 'health_board')).toBe('客户健康看板')
    expect(await names(savedReports, 'renewal_rate_by_tier')).toBe('各客户等级的续约率')
  })

  it('fills every widget of every built-in dashboard on the demo workspace, without an error', async () => {
    for (const d of await templated(admin, 'dashboards')) {
      const res = await admin.get(`/api/v1/dashboards/${d.id}/data`)
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      for (const w of res.body.widgets) {
        expect(w.error, `${d.template} › ${w.id}`).toBeUndefined()
        if (w.result) expect(w.result.rows.length, `${d.template} › ${w.id} has rows`).toBeGreaterThan(0)
      }
    }
  }, 120_000)

  it('installs nothing twice and does not bring back a built-in dashboard that was deleted', async () => {
    const before = await templated(admin, 'dashboards')
    const mix = before.find((d) => d.template === 'tier_segment_mix')
    expect((await admin.del(`/api/v1/dashboards/${mix.id}`)).status).toBe(200)
    await upgradeWorkspaces(env.rt.database.db, env.rt.events)
    const after = await templated(admin, 'dashboards')
    expect(after.map((d) => d.id).sort()).toEqual(
      before
        .filter((d) => d.id !== mix.id)
        .map((d) => d.id)
        .sort(),
    )
    expect((await templated(admin, 'reports')).length).toBe(reportTemplates.length)
  })
})
