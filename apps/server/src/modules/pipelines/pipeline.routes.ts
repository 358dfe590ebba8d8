import { z } from 'zod'
import {
  Deliverable,
  DeliverableCreate,
  DeliverableList,
  IdParams,
  Id,
  opportunityResource,
  OpportunityClose,
  Pipeline,
  PipelineCreate,
  PipelineUpdate,
  Problem,
  StageGateProblem,
  StageMove,
  Timestamp,
  pageOf,
} from '@openkam/contract'
import { listQuerySchema } from '../../core/http/collection-routes'
import type { App } from '../../core/http/server'
import type { Db } from '../../core/db/types'
import { opportunityCollection, stageChangesOf } from '../opportunities'
import { attachDeliverable, listDeliverables, removeDeliverable } from './deliverable.service'
import { closeOpportunity, moveStage } from './gate.service'
import { pipelineCollection } from './pipeline.collection'
import { createPipeline, removePipeline, restorePipeline, updatePipeline } from './pipeline.service'

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem }
const OpportunityRecord = opportunityResource.Record
const StageChange = z
  .object({
    id: Id,
    fromStage: z.string().nullable(),
    toStage: z.string(),
    direction: z.enum(['initial', 'forward', 'backward']),
    changedAt: Timestamp,
    changedBy: Id.nullable(),
    waivers: z.array(z.object({ deliverable: z.string(), reason: z.string() })),
  })
  .meta({ id: 'StageChange' })

/**
 * Pipelines (a configuration collection whose writes keep the SOP task rules in step), and the stage
 * gate on opportunities: stage moves, won/lost, deliverables and the stage history.
 */
export function registerPipelineRoutes(app: App, db: Db) {
  const tags = ['pipelines']
  const base = '/api/v1/pipelines'
  const id = (req: { params: unknown }) => (req.params as { id: string }).id
  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'List pipelines',
        querystring: listQuerySchema(pipelineCollection),
        response: { 200: pageOf(Pipeline), ...errors },
      },
    },
    async (req) => pipelineCollection.list(db, req.ctx, req.query as never),
  )
  app.post(
    base,
    {
      schema: {
        tags,
        summary: 'Create a pipeline (administrators)',
        body: PipelineCreate,
        response: { 201: Pipeline, ...errors },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await db.transaction((tx) => createPipeline(tx, req.ctx, req.body))),
  )
  app.get(
    `${base}/:id`,
    { schema: { tags, summary: 'Get a pipeline', params: IdParams, response: { 200: Pipeline, ...errors } } },
    async (req) => pipelineCollection.get(db, req.ctx, id(req)),
  )
  app.patch(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'Change a pipeline (send the version you read); its SOP task rules follow',
        params: IdParams,
        body: PipelineUpdate,
        response: { 200: Pipeline, ...errors },
      },
    },
    async (req) => db.transaction((tx) => updatePipeline(tx, req.ctx, id(req), req.body)),
  )
  app.delete(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'Delete a pipeline (soft) that is not the default and that no open deal follows',
        params: IdParams,
        querystring: z.object({ version: z.coerce.number().int().min(1).optional() }).strict(),
        response: { 200: Pipeline, ...errors },
      },
    },
    async (req) =>
      db.transaction((tx) =>
        removePipeline(tx, req.ctx, id(req), (req.query as { version?: number }).version),
      ),
  )
  app.post(
    `${base}/:id/restore`,
    {
      schema: {
        tags,
        summary: 'Restore a deleted pipeline',
        params: IdParams,
        response: { 200: Pipeline, ...errors },
      },
    },
    async (req) => db.transaction((tx) => restorePipeline(tx, req.ctx, id(req))),
  )

  const opp = '/api/v1/opportunities/:id'
  const oppTags = ['opportunities']
  app.post(
    `${opp}/stage`,
    {
      schema: {
        tags: oppTags,
        summary: 'Move an opportunity to another stage through the stage gate',
        description:
          'Moving forward needs the required deliverables of the current stage and of every stage skipped, ' +
          'each attached or waived (`waivers`, with a reason, by a role the stage allows; otherwise 403 ' +
          '`waiver_forbidden`). Refused moves answer 422 `stage_gate` with `missing` (deliverable keys). ' +
          'Moving back needs nothing.',
        params: IdParams,
        body: StageMove,
        response: { 200: OpportunityRecord, ...errors, 422: StageGateProblem },
      },
    },
    async (req) => db.transaction((tx) => moveStage(tx, req.ctx, id(req), req.body)),
  )
  app.post(
    `${opp}/close`,
    {
      schema: {
        tags: oppTags,
        summary: "Win or lose an opportunity with one of its pipeline's reasons",
        params: IdParams,
        body: OpportunityClose,
        response: { 200: OpportunityRecord, ...errors },
      },
    },
    async (req) => db.transaction((tx) => closeOpportunity(tx, req.ctx, id(req), req.body)),
  )
  app.get(
    `${opp}/deliverables`,
    {
      schema: {
        tags: oppTags,
        summary: "An opportunity's deliverables, and per stage what is attached, waived or missing",
        params: IdParams,
        response: { 200: DeliverableList, ...errors },
      },
    },
    async (req) => listDeliverables(db, req.ctx, id(req)),
  )
  app.post(
    `${opp}/deliverables`,
    {
      schema: {
        tags: oppTags,
        summary: 'Attach a deliverable: a link (url) or an uploaded file (fileId from POST /files)',
        params: IdParams,
        body: DeliverableCreate,
        response: { 201: Deliverable, ...errors },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await db.transaction((tx) => attachDeliverable(tx, req.ctx, id(req), req.body))),
  )
  app.delete(
    `${opp}/deliverables/:deliverableId`,
    {
      schema: {
        tags: oppTags,
        summary: 'Remove an attached or waived deliverable',
        params: z.object({ id: z.string(), deliverableId: z.string() }),
        response: { 200: Deliverable, ...errors },
      },
    },
    async (req) => {
      const p = req.params as { id: string; deliverableId: string }
      return db.transaction((tx) => removeDeliverable(tx, req.ctx, p.id, p.deliverableId))
    },
  )
  app.get(
    `${opp}/stage-history`,
    {
      schema: {
        tags: oppTags,
        summary: 'Every stage the opportunity entered, oldest first, with who, when, and the waivers given',
        params: IdParams,
        response: { 200: z.object({ data: z.array(StageChange) }), ...errors },
      },
    },
    async (req) => {
      await opportunityCollection.get(db, req.ctx, id(req))
      const rows = await stageChangesOf(db, req.ctx.ws, id(req))
      return {
        data: rows.map((r) => ({
          id: r.id,
          fromStage: r.fromStage,
          toStage: r.toStage,
          direction: r.direction as 'initial' | 'forward' | 'backward',
          changedAt: r.changedAt.toISOString(),
          changedBy: r.changedBy,
          waivers: r.waivers ?? [],
        })),
      }
    },
  )
}
