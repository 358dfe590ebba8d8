import { builtinObjects } from '@openkam/contract'
import { Collection, type CollectionDef } from '../../core/crud/collection'
import { fieldSpecs } from '../../core/crud/field-specs'
import { allOf, rowMapper } from '../../core/crud/mapping'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError, type FieldError } from '../../core/errors'
import { accountParent } from '../accounts'
import { userRefs } from '../users'
import { pipelineStagesOf } from './pipeline-port'
import { insertStageChange } from './stage-change.repository'
import { opportunities } from './opportunity.table'

type Row = Record<string, any>

/** On the wire the close fields are read-only: only the close endpoint sets them. */
const wire = rowMapper(opportunities, { readOnly: ['winReason', 'closeNote'] })
const full = rowMapper(opportunities)

const noSuchPipeline = () =>
  new AppError('invalid', 'invalid_input', 'The opportunity is not valid', {
    errors: [{ path: 'pipelineId', message: 'no such pipeline in this workspace' }],
  })

/** A pipeline change must keep the deal in a stage the new pipeline has. */
async function checkPipeline(tx: Executor, ctx: Ctx, c: Row, before: Row | null): Promise<FieldError[]> {
  if (!before || (c.pipelineId ?? null) === (before.pipelineId ?? null)) return []
  const p = await pipelineStagesOf(tx, ctx.ws, c.pipelineId ?? null)
  if (!p) return [{ path: 'pipelineId', message: 'no such pipeline in this workspace' }]
  if (!p.stages.some((s) => s.key === c.stage))
    return [
      {
        path: 'pipelineId',
        message: `that pipeline has no ${c.stage} stage; move the deal to one of ${p.stages.map((s) => s.key).join(', ')} first`,
      },
    ]
  return []
}

const lossReason = async (_tx: Executor, _ctx: Ctx, c: Row): Promise<FieldError[]> =>
  c.status === 'lost' && !c.lossReason ? [{ path: 'lossReason', message: 'say why the deal was lost' }] : []

/** PATCH may not move a deal or close it: the stage gate and the reason lists live behind their endpoints. */
async function guardWorkflow(_tx: Executor, _ctx: Ctx, c: Row, before: Row | null): Promise<FieldError[]> {
  if (!before) return []
  if (c.stage !== before.stage)
    throw new AppError(
      'unprocessable',
      'use_stage_endpoint',
      `The stage changes only with POST /api/v1/opportunities/${before.id}/stage {"stage": "${c.stage}"}, ` +
        'which checks the deliverables the stage gate needs',
    )
  if (c.status !== before.status && (c.status === 'won' || c.status === 'lost'))
    throw new AppError(
      'unprocessable',
      'use_close_endpoint',
      `Close a deal with POST /api/v1/opportunities/${before.id}/close {"outcome": "${c.status}", "reason": "…"}, ` +
        "giving one of the pipeline's reasons",
    )
  return []
}

const specs = fieldSpecs(builtinObjects.opportunities!, opportunities, {
  // The pipeline a deal moves on: the object model has no field type for pipeline references.
  filterable: { pipelineId: { column: opportunities.pipelineId, kind: 'uuid' } },
})

const def = (guarded: boolean): CollectionDef<any, any, any> => ({
  name: 'opportunities',
  entity: 'opportunity',
  label: 'Opportunity',
  table: opportunities,
  parent: accountParent(opportunities.accountId),
  toRecord: wire.toRecord,
  toColumns: guarded ? wire.toColumns : full.toColumns,
  derive: (patch, before) => {
    const out: Record<string, unknown> = {}
    if (patch.status === 'won' && before?.status !== 'won' && !patch.wonAt) out.wonAt = new Date()
    if (patch.status === 'lost' && before?.status !== 'lost' && !patch.lostAt) out.lostAt = new Date()
    if (patch.status === 'open' && before && before.status !== 'open')
      Object.assign(out, { wonAt: null, lostAt: null })
    return out
  },
  validate: guarded
    ? allOf(userRefs('ownerId'), lossReason, checkPipeline, guardWorkflow)
    : allOf(userRefs('ownerId'), lossReason, checkPipeline),
  // Every opportunity's stage history starts with the stage it was created in.
  async afterWrite(tx, ctx, id, input, created) {
    if (!created) return
    await insertStageChange(tx, ctx, {
      opportunityId: id,
      fromStage: null,
      toStage: input.stage as string,
      direction: 'initial',
    })
  },
  ...specs,
  search: [opportunities.name],
  defaultSort: '-updatedAt',
})

/**
 * Opportunities for everyone: PATCH cannot change the stage or close the deal (422 with the endpoint to
 * use), and a new opportunity starts in the first stage of its pipeline, with that stage's probability.
 */
class OpportunityCollection extends Collection<any, any, any> {
  override async create(tx: Executor, ctx: Ctx, input: Row): Promise<any> {
    const pipeline = await pipelineStagesOf(tx, ctx.ws, input.pipelineId ?? null)
    const first = pipeline?.stages[0]
    if (!first) throw noSuchPipeline()
    if (input.stage && input.stage !== first.key)
      throw new AppError(
        'unprocessable',
        'use_stage_endpoint',
        `A new opportunity starts in the first stage of its pipeline (${first.key}); create it there, then ` +
          'move it with POST /api/v1/opportunities/{id}/stage',
      )
    const status = input.status ?? 'open'
    const probability =
      input.probability ?? (status === 'won' ? 100 : status === 'lost' ? 0 : first.probability)
    return super.create(tx, ctx, { ...input, stage: first.key, probability })
  }
}

export const opportunityCollection = new OpportunityCollection(def(true))

/**
 * The same collection without the PATCH guard and with the close fields writable: for the pipelines
 * module's stage and close services only (they check the gate and the reasons first). Writes are
 * audited and evented as `opportunity.updated` like any other.
 */
export const opportunityWorkflow = new Collection<any, any, any>(def(false))
