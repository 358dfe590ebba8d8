import { PipelineCreate, type Pipeline } from '@openkam/contract'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import { pipelineInUse, type PipelinePort } from '../opportunities'
import { pipelineCollection } from './pipeline.collection'
import { findPipeline, hasAnyPipeline, pipelineOf, setPipelineTemplate } from './pipeline.repository'
import { syncSopRules } from './sop-rules'
import { sopPipeline } from './template'

/** Pipeline writes: the collection's, then the SOP rules brought in step, in the same transaction. */
export async function createPipeline(tx: Executor, ctx: Ctx, input: unknown): Promise<Pipeline> {
  const rec = await pipelineCollection.create(tx, ctx, input as never)
  await syncSopRules(tx, ctx)
  return rec
}

export async function updatePipeline(tx: Executor, ctx: Ctx, id: string, input: unknown): Promise<Pipeline> {
  const rec = await pipelineCollection.update(tx, ctx, id, input as never)
  await syncSopRules(tx, ctx)
  return rec
}

/** Deletes (softly) a pipeline that is not the default and no open deal follows. */
export async function removePipeline(
  tx: Executor,
  ctx: Ctx,
  id: string,
  version?: number,
): Promise<Pipeline> {
  const current = await pipelineCollection.get(tx, ctx, id)
  pipelineCollection.scope(ctx, 'delete')
  if (current.isDefault)
    throw new AppError(
      'unprocessable',
      'default_pipeline',
      'The default pipeline cannot be deleted: make another pipeline the default first',
    )
  if (await pipelineInUse(tx, ctx.ws, id))
    throw new AppError(
      'unprocessable',
      'pipeline_in_use',
      'Open opportunities follow this pipeline: move them to another pipeline (or close them) first',
    )
  const rec = await pipelineCollection.remove(tx, ctx, id, version)
  await syncSopRules(tx, ctx)
  return rec
}

export async function restorePipeline(tx: Executor, ctx: Ctx, id: string): Promise<Pipeline> {
  const rec = await pipelineCollection.restore(tx, ctx, id)
  await syncSopRules(tx, ctx)
  return rec
}

/** The pipeline part of the workspace template (SPEC R-32): the five-stage SOP and its task rules. */
export async function installPipelineTemplate(tx: Executor, ctx: Ctx, lang: 'zh-CN' | 'en') {
  if (await hasAnyPipeline(tx, ctx.ws)) {
    // An older workspace keeps its pipelines; only their SOP rules are brought in step (new kinds of rule).
    await syncSopRules(tx, ctx)
    return
  }
  const rec = await createPipeline(tx, ctx, PipelineCreate.parse(sopPipeline(lang)))
  await setPipelineTemplate(tx, ctx.ws, rec.id, 'sop')
}

/** What the opportunities module asks of pipelines: their stages and probabilities. */
export const pipelinePort: PipelinePort = {
  async stagesOf(tx, ws, pipelineId) {
    const p = pipelineId ? await findPipeline(tx, ws, pipelineId) : await pipelineOf(tx, ws, null)
    return p && { id: p.id, stages: p.stages.map((s) => ({ key: s.key, probability: s.probability })) }
  },
}
