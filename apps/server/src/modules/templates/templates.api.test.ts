import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { and, eq, isNull } from 'drizzle-orm'
import { startTestApp, type TestEnv } from '../../../test/harness'
import { pipelineTables } from '../pipelines'
import { ruleTables } from '../rules'
import { userTables } from '../users'
import { createWorkspace } from '../workspaces'
import { createWorkspaceFromTemplate, upgradeWorkspaces } from '.'

let env: TestEnv
beforeAll(async () => {
  env = await startTestApp()
}, 60_000)
afterAll(() => env?.close())

/** What a workspace has of the template: pipelines, template rules and playbooks (live), role resources. */
async function inventory(ws: string) {
  const db = env.rt.database.db
  const { rules, playbooks } = ruleTables
  const pipelines = await db
    .select({ name: pipelineTables.pipelines.name })
    .from(pipelineTables.pipelines)
    .where(and(eq(pipelineTables.pipelines.workspaceId, ws), isNull(pipelineTables.pipelines.deletedAt)))
  const ruleRows = await db
    .select({ template: rules.template, version: rules.version })
    .from(rules)
    .where(and(eq(rules.workspaceId, ws), isNull(rules.deletedAt)))
  const books = await db
    .select({ template: playbooks.template })
    .from(playbooks)
    .where(and(eq(playbooks.workspaceId, ws), isNull(playbooks.deletedAt)))
  const roles = await db
    .select({ key: userTables.roles.key, permissions: userTables.roles.permissions })
    .from(userTables.roles)
    .where(eq(userTables.roles.workspaceId, ws))
  return {
    pipelines: pipelines.map((p) => p.name),
    rules: ruleRows.map((r) => r.template).sort(),
    ruleVersions: ruleRows.map((r) => `${r.template}:${r.version}`).sort(),
    playbooks: books.map((b) => b.template).sort(),
    roles: Object.fromEntries(roles.map((r) => [r.key, Object.keys(r.permissions).sort()])),
  }
}

describe('upgrading older workspaces to the current template', () => {
  it('gives a workspace made before pipelines existed what a new one has, once, keeping its own changes', async () => {
    const db = env.rt.database.db
    const fresh = await db.transaction((tx) =>
      createWorkspaceFromTemplate(tx, env.rt.events, {
        name: 'Fresh',
        slug: `fresh${Date.now()}`,
        locale: 'en',
      }),
    )
    // An "old" workspace: the bare workspace and roles, and roles that predate the pipelines resource.
    const old = await db.transaction((tx) =>
      createWorkspace(tx, env.rt.events, { name: 'Old', slug: `old${Date.now()}`, locale: 'en' }),
    )
    const sales = (
      await db
        .select()
        .from(userTables.roles)
        .where(and(eq(userTables.roles.workspaceId, old.ws), eq(userTables.roles.key, 'sales')))
    )[0]!
    const { pipelines: _dropped, ...olderPermissions } = sales.permissions as Record<string, unknown>
    const customised = { ...olderPermissions, rules: { read: 'none' } }
    await db
      .update(userTables.roles)
      .set({ permissions: customised })
      .where(and(eq(userTables.roles.workspaceId, old.ws), eq(userTables.roles.id, sales.id)))
    expect((await inventory(old.ws)).pipelines).toEqual([])

    await upgradeWorkspaces(db, env.rt.events)
    const want = await inventory(fresh.ws)
    const got = await inventory(old.ws)
    expect(got.pipelines).toEqual(want.pipelines)
    expect(got.rules).toEqual(want.rules)
    expect(got.playbooks).toEqual(want.playbooks)
    expect(got.roles).toEqual(want.roles)
    // The administrator's own entry stays as it was; only the missing resource came in.
    const upgraded = (
      await db
        .select()
        .from(userTables.roles)
        .where(and(eq(userTables.roles.workspaceId, old.ws), eq(userTables.roles.id, sales.id)))
    )[0]!
    expect(upgraded.permissions).toMatchObject({ rules: { read: 'none' }, pipelines: { read: 'all' } })

    // A second start changes nothing; a template rule the workspace deleted is not put back.
    const { rules } = ruleTables
    const [negotiation] = await db
      .select()
      .from(rules)
      .where(and(eq(rules.workspaceId, old.ws), eq(rules.template, 'negotiation_contract')))
    await db
      .update(rules)
      .set({ deletedAt: new Date() })
      .where(and(eq(rules.workspaceId, old.ws), eq(rules.id, negotiation!.id)))
    const before = await inventory(old.ws)
    await upgradeWorkspaces(db, env.rt.events)
    expect(await inventory(old.ws)).toEqual(before)
    expect(before.rules).not.toContain('negotiation_contract')
  })
})
