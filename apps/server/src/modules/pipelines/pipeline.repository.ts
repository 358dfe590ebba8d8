import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm'
import { PipelineCreate, type PipelineStage } from '@openkam/contract'
import type { Executor } from '../../core/db/types'
import { ruleTables } from '../rules'
import { userTables } from '../users'
import { pipelines } from './pipeline.table'
import { sopPipeline } from './template'

/** A pipeline as the gate and the services use it. */
export type PipelineDef = {
  id: string | null
  name: string
  isDefault: boolean
  stages: PipelineStage[]
  lossReasons: string[]
  winReasons: string[]
}

const live = (ws: string) => and(eq(pipelines.workspaceId, ws), isNull(pipelines.deletedAt))

const defOf = (r: typeof pipelines.$inferSelect): PipelineDef => ({
  id: r.id,
  name: r.name,
  isDefault: r.isDefault,
  stages: r.stages,
  lossReasons: r.lossReasons,
  winReasons: r.winReasons,
})

/** A live pipeline of the workspace by id, or the default one (id null); null when there is none. */
export async function findPipeline(tx: Executor, ws: string, id: string | null): Promise<PipelineDef | null> {
  const [row] = await tx
    .select()
    .from(pipelines)
    .where(and(live(ws), id ? eq(pipelines.id, id) : eq(pipelines.isDefault, true)))
    .orderBy(asc(pipelines.createdAt))
    .limit(1)
  return row ? defOf(row) : null
}

/**
 * The pipeline an opportunity follows: its own, else the workspace default, else the oldest live
 * pipeline, else the built-in SOP (a workspace whose pipelines were all deleted still has a gate).
 */
export async function pipelineOf(tx: Executor, ws: string, id: string | null): Promise<PipelineDef> {
  const own = id ? await findPipeline(tx, ws, id) : null
  if (own) return own
  const fallback = await findPipeline(tx, ws, null)
  if (fallback) return fallback
  const [oldest] = await tx
    .select()
    .from(pipelines)
    .where(live(ws))
    .orderBy(asc(pipelines.createdAt))
    .limit(1)
  if (oldest) return defOf(oldest)
  const builtin = PipelineCreate.parse(sopPipeline('en'))
  return { id: null, ...builtin, isDefault: true }
}

/** Every live pipeline of the workspace, default first. */
export const livePipelines = (tx: Executor, ws: string) =>
  tx.select().from(pipelines).where(live(ws)).orderBy(desc(pipelines.isDefault), asc(pipelines.createdAt))

/** Whether a live pipeline other than `id` is the default. */
export async function otherDefaultExists(tx: Executor, ws: string, id: string) {
  const rows = await tx
    .select({ id: pipelines.id })
    .from(pipelines)
    .where(and(live(ws), eq(pipelines.isDefault, true), ne(pipelines.id, id)))
    .limit(1)
  return rows.length > 0
}

/** Makes every other pipeline of the workspace not the default (one default at a time). */
export async function unsetOtherDefaults(tx: Executor, ws: string, id: string) {
  await tx
    .update(pipelines)
    .set({ isDefault: false, updatedAt: new Date(), version: sql`${pipelines.version} + 1` })
    .where(and(eq(pipelines.workspaceId, ws), eq(pipelines.isDefault, true), ne(pipelines.id, id)))
}

export async function setPipelineTemplate(tx: Executor, ws: string, id: string, template: string) {
  await tx
    .update(pipelines)
    .set({ template })
    .where(and(eq(pipelines.workspaceId, ws), eq(pipelines.id, id)))
}

/** The role keys of the list that are not roles of the workspace. */
export async function missingRoles(tx: Executor, ws: string, keys: string[]): Promise<string[]> {
  if (keys.length === 0) return []
  const r = userTables.roles
  const found = await tx
    .select({ key: r.key })
    .from(r)
    .where(and(eq(r.workspaceId, ws), inArray(r.key, keys), isNull(r.deletedAt)))
  const have = new Set(found.map((f) => f.key))
  return [...new Set(keys)].filter((k) => !have.has(k))
}

/** Marks a rule as the SOP rule of a stage (its template key), as the rules template does for its own. */
export async function setRuleTemplate(tx: Executor, ws: string, ruleId: string, template: string) {
  const r = ruleTables.rules
  await tx
    .update(r)
    .set({ template })
    .where(and(eq(r.workspaceId, ws), eq(r.id, ruleId)))
}

/** Whether the workspace has or had a pipeline (deleted ones count: the template is not put back). */
export async function hasAnyPipeline(tx: Executor, ws: string) {
  const rows = await tx
    .select({ id: pipelines.id })
    .from(pipelines)
    .where(eq(pipelines.workspaceId, ws))
    .limit(1)
  return rows.length > 0
}
