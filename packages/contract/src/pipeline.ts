import { z } from 'zod'
import { Id, RecordBase, Timestamp, Version } from './common'
import { TaskTemplate } from './automation'
import { opportunityStages } from './records'

/**
 * Sales pipelines and the stage gate (SPEC R-08): ordered stages with goals, probability, required
 * deliverables, standard tasks and who may waive a deliverable; won/lost reasons; deliverables and files.
 */

const deliverableKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,59}$/, 'a key of lower-case letters, digits and _ such as signed_contract')
const roleKey = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'a role key such as sales_manager')
const reason = z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters')

export const PipelineDeliverable = z
  .object({
    key: deliverableKey,
    label: z.string().trim().min(1, 'must not be empty').max(200),
    /** Required deliverables must be attached (or waived) before the stage can be left. */
    required: z.boolean().default(true),
  })
  .strict()
export type PipelineDeliverable = z.infer<typeof PipelineDeliverable>

export const PipelineStage = z
  .object({
    key: z.enum(opportunityStages),
    name: z.string().trim().min(1, 'must not be empty').max(100),
    goals: z.string().trim().max(2000).default(''),
    /** Percent the forecast weighs an open deal in this stage with; a move sets the deal's probability. */
    probability: z.number().int().min(0, 'from 0 to 100').max(100, 'from 0 to 100'),
    deliverables: z.array(PipelineDeliverable).max(20).default([]),
    /** Standard tasks, created (through the rule engine) when an opportunity enters the stage. */
    tasks: z.array(TaskTemplate).max(20).default([]),
    /** Roles whose people may waive a required deliverable of this stage (with a reason). */
    waiverRoles: z.array(roleKey).max(20).default([]),
  })
  .strict()
export type PipelineStage = z.infer<typeof PipelineStage>

/** Stage keys and deliverable keys are unique within a pipeline (a key names one deliverable). */
const uniqueKeys = (stages: { key: string; deliverables: { key: string }[] }[], ctx: z.RefinementCtx) => {
  const seenStages = new Set<string>()
  const seenDeliverables = new Set<string>()
  stages.forEach((s, i) => {
    if (seenStages.has(s.key))
      ctx.addIssue({ code: 'custom', path: ['stages', i, 'key'], message: `${s.key} is listed twice` })
    seenStages.add(s.key)
    s.deliverables.forEach((d, j) => {
      if (seenDeliverables.has(d.key))
        ctx.addIssue({
          code: 'custom',
          path: ['stages', i, 'deliverables', j, 'key'],
          message: `the deliverable key ${d.key} is used twice in this pipeline`,
        })
      seenDeliverables.add(d.key)
    })
  })
}

const pipelineFields = {
  name: z.string().trim().min(1, 'must not be empty').max(100),
  /** The workspace default: opportunities without a pipeline follow it. Exactly one pipeline is the default. */
  isDefault: z.boolean(),
  stages: z
    .array(PipelineStage)
    .min(1, 'add at least one stage')
    .max(opportunityStages.length, `at most ${opportunityStages.length} stages`),
  lossReasons: z.array(reason).max(50),
  winReasons: z.array(reason).max(50),
}

export const PipelineCreate = z
  .object({
    ...pipelineFields,
    isDefault: pipelineFields.isDefault.default(false),
    lossReasons: pipelineFields.lossReasons.default([]),
    winReasons: pipelineFields.winReasons.default([]),
  })
  .strict()
  .superRefine((p, ctx) => uniqueKeys(p.stages, ctx))
  .meta({ id: 'PipelineCreate' })
export type PipelineCreate = z.input<typeof PipelineCreate>

export const PipelineUpdate = z
  .object({
    version: Version,
    name: pipelineFields.name.optional(),
    isDefault: pipelineFields.isDefault.optional(),
    stages: pipelineFields.stages.optional(),
    lossReasons: pipelineFields.lossReasons.optional(),
    winReasons: pipelineFields.winReasons.optional(),
  })
  .strict()
  .superRefine((p, ctx) => p.stages && uniqueKeys(p.stages, ctx))
  .meta({ id: 'PipelineUpdate' })
export type PipelineUpdate = z.input<typeof PipelineUpdate>

export const Pipeline = RecordBase.extend({
  name: z.string(),
  isDefault: z.boolean(),
  stages: z.array(PipelineStage),
  lossReasons: z.array(z.string()),
  winReasons: z.array(z.string()),
  /** The template key when the pipeline came with the workspace template. */
  template: z.string().nullable(),
}).meta({ id: 'Pipeline' })
export type Pipeline = z.infer<typeof Pipeline>

export const StageWaiver = z
  .object({
    deliverable: deliverableKey,
    reason: z.string().trim().min(1, 'give a reason for the waiver').max(1000),
  })
  .strict()

/** `POST /opportunities/:id/stage`. */
export const StageMove = z
  .object({
    stage: z.enum(opportunityStages),
    /** Required deliverables to waive in this move, each with a reason (needs a role the stage allows). */
    waivers: z.array(StageWaiver).max(30).optional(),
    /** The opportunity's version read; a stale one answers 409. Optional: omitted, the move applies to the current version. */
    version: Version.optional(),
  })
  .strict()
  .meta({ id: 'StageMove' })
export type StageMove = z.infer<typeof StageMove>

/** `POST /opportunities/:id/close`. */
export const OpportunityClose = z
  .object({
    outcome: z.enum(['won', 'lost']),
    /** One of the pipeline's win or loss reasons. */
    reason,
    note: z.string().trim().max(2000).optional(),
  })
  .strict()
  .meta({ id: 'OpportunityClose' })
export type OpportunityClose = z.infer<typeof OpportunityClose>

/** The answer of a refused move (422 `stage_gate`): problem+json with the deliverable keys missing. */
export const StageGateProblem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    missing: z.array(z.string()).optional(),
  })
  .loose()
  .meta({ id: 'StageGateProblem' })

export const DeliverableCreate = z
  .object({
    key: deliverableKey,
    title: z.string().trim().min(1, 'must not be empty').max(300),
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) link' })
      .max(2000)
      .optional(),
    fileId: Id.optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (!d.url === !d.fileId)
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: 'give either a link (url) or an uploaded file (fileId)',
      })
  })
  .meta({ id: 'DeliverableCreate' })
export type DeliverableCreate = z.infer<typeof DeliverableCreate>

export const Deliverable = z
  .object({
    id: Id,
    opportunityId: Id,
    stage: z.enum(opportunityStages),
    key: z.string(),
    title: z.string(),
    url: z.string().nullable(),
    fileId: Id.nullable(),
    fileName: z.string().nullable(),
    fileSize: z.number().int().nullable(),
    contentType: z.string().nullable(),
    addedBy: Id.nullable(),
    addedAt: Timestamp,
    waived: z.boolean(),
    waiverReason: z.string().nullable(),
  })
  .meta({ id: 'Deliverable' })
export type Deliverable = z.infer<typeof Deliverable>

export const deliverableStatuses = ['attached', 'waived', 'missing'] as const
export const DeliverableStatus = z.object({
  key: z.string(),
  label: z.string(),
  required: z.boolean(),
  status: z.enum(deliverableStatuses),
})

/** `GET /opportunities/:id/deliverables`: the rows, and per stage of the pipeline where each deliverable stands. */
export const DeliverableList = z
  .object({
    data: z.array(Deliverable),
    pipelineId: Id.nullable(),
    stages: z.array(
      z.object({
        stage: z.enum(opportunityStages),
        name: z.string(),
        /** The required deliverables of the stage (what the gate checks). */
        required: z.array(DeliverableStatus),
        /** Deliverables the stage lists as optional. */
        optional: z.array(DeliverableStatus),
        waiverRoles: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'DeliverableList' })
export type DeliverableList = z.infer<typeof DeliverableList>

/** An uploaded file (`POST /files`, multipart, field `file`); its bytes are at `GET /files/:id`. */
export const StoredFile = z
  .object({
    id: Id,
    name: z.string(),
    size: z.number().int(),
    contentType: z.string(),
    createdAt: Timestamp,
    createdBy: Id.nullable(),
  })
  .meta({ id: 'StoredFile' })
export type StoredFile = z.infer<typeof StoredFile>

/** The files the server accepts, by extension, with the content type it serves them as. */
export const allowedFileTypes = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  txt: 'text/plain',
  csv: 'text/csv',
  zip: 'application/zip',
} as const
export const MAX_FILE_BYTES = 10 * 1024 * 1024
