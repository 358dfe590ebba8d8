import type { Deliverable, DeliverableCreate, DeliverableList } from '@openkam/contract'
import { recordAudit } from '../../core/audit/audit'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError, notFound } from '../../core/errors'
import { isUuid, newId } from '../../core/ids'
import { assertMayChange, opportunityCollection } from '../opportunities'
import {
  deleteDeliverable,
  deliverablesOf,
  findDeliverable,
  insertDeliverables,
} from './deliverable.repository'
import { mayDownload } from './file.service'
import { fileMeta } from './file.repository'
import { pipelineOf } from './pipeline.repository'

const invalid = (path: string, message: string) =>
  new AppError('invalid', 'invalid_input', `Invalid ${path}: ${message}`, { errors: [{ path, message }] })

/** An opportunity's deliverables and, per stage of its pipeline, what is attached, waived or missing. */
export async function listDeliverables(
  tx: Executor,
  ctx: Ctx,
  opportunityId: string,
): Promise<DeliverableList> {
  const opp = (await opportunityCollection.get(tx, ctx, opportunityId)) as { pipelineId: string | null }
  const pipeline = await pipelineOf(tx, ctx.ws, opp.pipelineId ?? null)
  const data = await deliverablesOf(tx, ctx.ws, opportunityId)
  const status = (key: string) =>
    data.some((d) => d.key === key && !d.waived)
      ? ('attached' as const)
      : data.some((d) => d.key === key)
        ? ('waived' as const)
        : ('missing' as const)
  return {
    data,
    pipelineId: pipeline.id,
    stages: pipeline.stages.map((s) => {
      const items = s.deliverables.map((d) => ({ ...d, status: status(d.key) }))
      return {
        stage: s.key,
        name: s.name,
        required: items.filter((d) => d.required),
        optional: items.filter((d) => !d.required),
        waiverRoles: s.waiverRoles,
      }
    }),
  }
}

/**
 * Attaches a link or an uploaded file as one of the deliverables the opportunity's pipeline lists.
 * Needs the right to change the opportunity; a file must be one the person may download.
 */
export async function attachDeliverable(
  tx: Executor,
  ctx: Ctx,
  opportunityId: string,
  input: DeliverableCreate,
): Promise<Deliverable> {
  await assertMayChange(tx, ctx, opportunityId)
  const opp = (await opportunityCollection.get(tx, ctx, opportunityId)) as { pipelineId: string | null }
  const pipeline = await pipelineOf(tx, ctx.ws, opp.pipelineId ?? null)
  const stage = pipeline.stages.find((s) => s.deliverables.some((d) => d.key === input.key))
  if (!stage)
    throw invalid(
      'key',
      `not a deliverable of this pipeline; its deliverables are ${pipeline.stages.flatMap((s) => s.deliverables.map((d) => d.key)).join(', ')}`,
    )
  if (input.fileId) {
    const file = await fileMeta(tx, ctx.ws, input.fileId)
    if (!file || !(await mayDownload(tx, ctx, file))) throw invalid('fileId', 'no such file: upload it first')
  }
  const id = newId()
  await insertDeliverables(tx, ctx.ws, [
    {
      id,
      opportunityId,
      stage: stage.key,
      key: input.key,
      title: input.title,
      url: input.url ?? null,
      fileId: input.fileId ?? null,
      waived: false,
      addedBy: ctx.principal.userId,
      addedAt: new Date(),
    },
  ])
  const rec = (await findDeliverable(tx, ctx.ws, opportunityId, id))!
  await recordAudit(tx, ctx, [
    { action: 'attach_deliverable', entityType: 'opportunity', entityId: opportunityId, after: rec },
  ])
  await ctx.events.emit(tx, ctx, [
    {
      type: 'opportunity.deliverable_attached',
      entityType: 'opportunity',
      entityId: opportunityId,
      payload: { opportunityId, deliverable: rec },
    },
  ])
  return rec
}

/** Removes an attachment or a waiver (the audit log keeps it). The file itself stays. */
export async function removeDeliverable(
  tx: Executor,
  ctx: Ctx,
  opportunityId: string,
  deliverableId: string,
): Promise<Deliverable> {
  await assertMayChange(tx, ctx, opportunityId)
  const rec = isUuid(deliverableId) ? await findDeliverable(tx, ctx.ws, opportunityId, deliverableId) : null
  if (!rec) throw notFound('Deliverable')
  await deleteDeliverable(tx, ctx.ws, deliverableId)
  await recordAudit(tx, ctx, [
    { action: 'remove_deliverable', entityType: 'opportunity', entityId: opportunityId, before: rec },
  ])
  await ctx.events.emit(tx, ctx, [
    {
      type: 'opportunity.deliverable_removed',
      entityType: 'opportunity',
      entityId: opportunityId,
      payload: { opportunityId, deliverable: rec },
    },
  ])
  return rec
}
