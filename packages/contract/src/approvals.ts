import { z } from 'zod'
import { Id, Timestamp } from './common'
import { ConditionGroup } from './automation'
import { resource } from './resource'

/**
 * The process engine's approvals (SPEC R-19): flows that govern an object (built-in or custom), the
 * requests submitted under them, their steps and every decision, and people's delegation while away.
 */

const name = (max = 200) => z.string().trim().min(1, 'is required').max(max, `at most ${max} characters`)
const objectKey = z.string().regex(/^[a-z][a-z0-9_-]{1,59}$/, 'an object key such as contracts')
const fieldKey = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9_.]{0,80}$/, 'a field name such as status or custom.discount')
const roleKey = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'a role key such as finance')

export const approvalModes = ['all', 'any', 'n_of_m'] as const
export type ApprovalMode = (typeof approvalModes)[number]

/** Who approves a step: a person, everyone holding a role, the submitter's manager (N levels up) or a team's manager. */
export const ApprovalApprover = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('user'), userId: Id }),
    z.object({ kind: z.literal('role'), role: roleKey }),
    z.object({
      kind: z.literal('manager'),
      /** 1 = the submitter's manager, 2 = also the manager's manager, … */
      levels: z.number().int().min(1, 'from 1 to 5').max(5, 'from 1 to 5').default(1),
    }),
    z.object({
      kind: z.literal('team_manager'),
      /** The team whose manager approves; without it, the team of the record (else the submitter's). */
      teamId: Id.optional(),
    }),
  ])
  .meta({ id: 'ApprovalApprover' })
export type ApprovalApprover = z.infer<typeof ApprovalApprover>

export const ApprovalFlowStep = z
  .object({
    name: name(100),
    mode: z.enum(approvalModes).default('all'),
    /** With `n_of_m`: how many approvals complete the step. */
    n: z.number().int().min(1, 'at least 1').max(50).optional(),
    approvers: z.array(ApprovalApprover).min(1, 'name at least one approver').max(20),
    /** The step applies only to records matching it (rule condition language), e.g. amount ≥ 1,000,000. */
    condition: ConditionGroup.optional(),
    /** Hours the approvers have; a reminder at 75% of them, escalation to their managers when they pass. */
    deadlineHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .optional(),
  })
  .superRefine((s, ctx) => {
    if (s.mode === 'n_of_m' && !s.n)
      ctx.addIssue({
        code: 'custom',
        path: ['n'],
        message: 'n of m needs n, the approvals that complete the step',
      })
  })
  .meta({ id: 'ApprovalFlowStep' })
export type ApprovalFlowStep = z.infer<typeof ApprovalFlowStep>

/**
 * What the record's status field becomes along the flow (contracts: status pending_approval → approved,
 * back to draft on rejection or recall). Setting `pending` or `approved` by PATCH is then refused
 * (422 approval_required).
 */
export const ApprovalOutcome = z
  .object({
    field: fieldKey,
    pending: z.string().min(1),
    approved: z.string().min(1),
    rejected: z.string().min(1),
  })
  .meta({ id: 'ApprovalOutcome' })
export type ApprovalOutcome = z.infer<typeof ApprovalOutcome>

export const approvalFlowResource = resource(
  'ApprovalFlow',
  {
    name: name(),
    description: z.string().trim().max(2000),
    /** The object it governs: a collection name (contracts) or a custom object's key. */
    object: objectKey,
    enabled: z.boolean(),
    /** Which records it applies to (rule condition language); none = every record of the object. */
    condition: ConditionGroup,
    steps: z.array(ApprovalFlowStep).min(1, 'a flow needs at least one step').max(10),
    /** Fields locked while a request is pending (422 approval_pending); empty = the whole record. */
    lockedFields: z.array(fieldKey).max(100),
    outcome: ApprovalOutcome,
    /** When several flows apply, the lowest priority wins (then the name). */
    priority: z.number().int().min(0).max(1000),
  },
  { required: ['name', 'object', 'steps'] },
)
export const ApprovalFlow = approvalFlowResource.Record
export type ApprovalFlow = z.infer<typeof ApprovalFlow>
export const ApprovalFlowCreate = approvalFlowResource.Create
export const ApprovalFlowUpdate = approvalFlowResource.Update

export const approvalStatuses = ['pending', 'approved', 'rejected', 'recalled'] as const
export type ApprovalStatus = (typeof approvalStatuses)[number]
export const approvalStepStatuses = [
  'waiting',
  'pending',
  'approved',
  'rejected',
  'skipped',
  'cancelled',
] as const
export type ApprovalStepStatus = (typeof approvalStepStatuses)[number]
export const approvalDecisions = ['approve', 'reject'] as const

export const ApprovalDecision = z
  .object({
    id: Id,
    /** Who decided. */
    userId: Id,
    /** The approver they decided for, when acting as a delegate ("X for Y"). */
    onBehalfOf: Id.nullable(),
    decision: z.enum(approvalDecisions),
    comment: z.string().nullable(),
    /** Files attached to the decision (ids from `POST /api/v1/files`). */
    fileIds: z.array(Id),
    at: Timestamp,
  })
  .meta({ id: 'ApprovalDecision' })

export const ApprovalStep = z
  .object({
    name: z.string(),
    mode: z.enum(approvalModes),
    n: z.number().int().nullable(),
    status: z.enum(approvalStepStatuses),
    approverIds: z.array(Id),
    /** Approvers added when the deadline passed (their managers). */
    escalatedTo: z.array(Id),
    startedAt: Timestamp.nullable(),
    dueAt: Timestamp.nullable(),
    remindedAt: Timestamp.nullable(),
    escalatedAt: Timestamp.nullable(),
    completedAt: Timestamp.nullable(),
    decisions: z.array(ApprovalDecision),
  })
  .meta({ id: 'ApprovalStep' })
export type ApprovalStep = z.infer<typeof ApprovalStep>

export const Approval = z
  .object({
    id: Id,
    flowId: Id,
    flowName: z.string(),
    object: z.string(),
    recordId: Id,
    /** The record's name (or number) when the caller may see it. */
    recordName: z.string().nullable(),
    status: z.enum(approvalStatuses),
    /** Index of the step waiting for decisions; null once decided. */
    currentStep: z.number().int().nullable(),
    submittedBy: Id,
    submittedAt: Timestamp,
    decidedAt: Timestamp.nullable(),
    /** The people who may decide the current step now (approvers, and delegates acting for them). */
    canDecide: z.array(Id),
    steps: z.array(ApprovalStep),
    version: z.number().int(),
  })
  .meta({ id: 'Approval' })
export type Approval = z.infer<typeof Approval>

export const ApprovalSubmit = z
  .object({ object: objectKey, recordId: Id, comment: z.string().trim().max(2000).optional() })
  .strict()
  .meta({ id: 'ApprovalSubmit' })

export const ApprovalDecisionInput = z
  .object({
    decision: z.enum(approvalDecisions),
    comment: z.string().trim().max(4000).optional(),
    fileIds: z.array(Id).max(10).optional(),
  })
  .strict()
  .meta({ id: 'ApprovalDecide' })

export const ApprovalListQuery = z.object({
  /** A status, or `decided` for approved, rejected and recalled ones. */
  status: z.enum([...approvalStatuses, 'decided']).optional(),
  approver: z.literal('me', { error: 'approver takes me' }).optional(),
  submitter: z.literal('me', { error: 'submitter takes me' }).optional(),
  object: objectKey.optional(),
  recordId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
})

export const ApprovalPage = z.object({ data: z.array(Approval), nextCursor: z.string().nullable() })

/** Who would approve a record under a flow, step by step (the designer's preview), without submitting. */
export const ApprovalPreviewInput = z.object({ recordId: Id, submitterId: Id.optional() }).strict()
export const ApprovalPreview = z
  .object({
    applies: z.boolean(),
    steps: z.array(
      z.object({
        name: z.string(),
        applies: z.boolean(),
        mode: z.enum(approvalModes),
        n: z.number().int().nullable(),
        approverIds: z.array(Id),
        approvers: z.array(z.object({ id: Id, name: z.string() })),
      }),
    ),
  })
  .meta({ id: 'ApprovalPreview' })

/** Someone decides for me between `from` and `until` (shown as "X for Y"). */
export const Delegation = z
  .object({ toUserId: Id, from: Timestamp, until: Timestamp })
  .strict()
  .refine((d) => Date.parse(d.until) > Date.parse(d.from), { path: ['until'], message: 'must be after from' })
  .meta({ id: 'Delegation' })
export const DelegationOut = z
  .object({
    toUserId: Id,
    toName: z.string().nullable(),
    from: Timestamp,
    until: Timestamp,
    active: z.boolean(),
  })
  .nullable()
  .meta({ id: 'DelegationOut' })

/** Approval cycle times (SPEC ): how long requests and each step took, per flow, over a period. */
export const ApprovalCycleTimes = z
  .object({
    from: z.string(),
    to: z.string(),
    flows: z.array(
      z.object({
        flowId: Id,
        flowName: z.string(),
        object: z.string(),
        /** Requests decided in the period (approved or rejected), and of them approved. */
        decided: z.number().int(),
        approved: z.number().int(),
        rejected: z.number().int(),
        /** Submitted → decided, in hours. */
        avgHours: z.number().nullable(),
        medianHours: z.number().nullable(),
        maxHours: z.number().nullable(),
        steps: z.array(
          z.object({
            name: z.string(),
            completed: z.number().int(),
            avgHours: z.number().nullable(),
            medianHours: z.number().nullable(),
            /** Steps that passed their deadline (escalated). */
            escalated: z.number().int(),
          }),
        ),
        /** Still pending now, and of them past their current step's deadline. */
        pending: z.number().int(),
        overdue: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'ApprovalCycleTimes' })
export type ApprovalCycleTimes = z.infer<typeof ApprovalCycleTimes>

/** What a signed e-mail link shows its approver (no sign-in): the request and the step waiting for them. */
export const ApprovalLinkView = z
  .object({
    approvalId: Id,
    flowName: z.string(),
    object: z.string(),
    objectLabel: z.string(),
    recordName: z.string().nullable(),
    stepName: z.string(),
    approverName: z.string(),
    submitterName: z.string(),
    submittedAt: Timestamp,
    status: z.enum(approvalStatuses),
    expiresAt: Timestamp,
    /** Earlier decisions on the request, oldest first. */
    decisions: z.array(
      z.object({
        step: z.string(),
        name: z.string(),
        decision: z.enum(approvalDecisions),
        comment: z.string().nullable(),
        at: Timestamp,
      }),
    ),
  })
  .meta({ id: 'ApprovalLinkView' })
export type ApprovalLinkView = z.infer<typeof ApprovalLinkView>

export const ApprovalLinkDone = z
  .object({ approvalId: Id, decision: z.enum(approvalDecisions), status: z.enum(approvalStatuses) })
  .meta({ id: 'ApprovalLinkDone' })
