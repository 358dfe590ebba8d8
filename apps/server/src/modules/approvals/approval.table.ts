import { sql } from 'drizzle-orm'
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import type { ApprovalFlowStep, ApprovalOutcome, ConditionGroup } from '@openkam/contract'
import { businessColumns, tstz } from '../../core/db/columns'
import type { StepState } from './approval-steps'

/** Approval flows (SPEC R-19): which object's records they govern, when, and the ordered steps. */
export const approvalFlows = pgTable(
  'approval_flows',
  {
    ...businessColumns(),
    name: text('name').notNull(),
    description: text('description'),
    object: text('object').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    condition: jsonb('condition').$type<ConditionGroup>(),
    steps: jsonb('steps').$type<ApprovalFlowStep[]>().notNull(),
    lockedFields: jsonb('locked_fields').$type<string[]>().notNull().default([]),
    outcome: jsonb('outcome').$type<ApprovalOutcome>(),
    priority: integer('priority').notNull().default(100),
    /** The template key when the flow came with the workspace (contract approval). */
    template: text('template'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('approval_flows_object_idx').on(t.workspaceId, t.object),
    index('approval_flows_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
    uniqueIndex('approval_flows_template_key')
      .on(t.workspaceId, t.template)
      .where(sql`${t.template} is not null`),
  ],
)

/**
 * One request for approval of one record under one flow. The steps are resolved at submission (who
 * approves, which steps apply) and kept with their state; at most one pending request per record.
 */
export const approvals = pgTable(
  'approvals',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    flowId: uuid('flow_id').notNull(),
    flowName: text('flow_name').notNull(),
    object: text('object').notNull(),
    recordId: uuid('record_id').notNull(),
    status: text('status').notNull().default('pending'),
    currentStep: integer('current_step'),
    steps: jsonb('steps').$type<StepState[]>().notNull(),
    lockedFields: jsonb('locked_fields').$type<string[]>().notNull().default([]),
    outcome: jsonb('outcome').$type<ApprovalOutcome>(),
    submittedBy: uuid('submitted_by').notNull(),
    submittedAt: tstz('submitted_at').notNull(),
    decidedAt: tstz('decided_at'),
    version: integer('version').notNull().default(1),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('approvals_pending_record_key')
      .on(t.workspaceId, t.object, t.recordId)
      .where(sql`${t.status} = 'pending'`),
    index('approvals_record_idx').on(t.workspaceId, t.object, t.recordId),
    index('approvals_list_idx').on(t.workspaceId, t.submittedAt, t.id),
    index('approvals_submitter_idx').on(t.workspaceId, t.submittedBy, t.submittedAt),
  ],
)

/** Every decision on a request: one per approver and step (a delegate's decision counts for the approver). */
export const approvalDecisions = pgTable(
  'approval_decisions',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    approvalId: uuid('approval_id').notNull(),
    step: integer('step').notNull(),
    userId: uuid('user_id').notNull(),
    onBehalfOf: uuid('on_behalf_of'),
    /** The approver this decision counts for: the delegate's principal, or the person themselves. */
    approverId: uuid('approver_id').notNull(),
    decision: text('decision').notNull(),
    comment: text('comment'),
    fileIds: jsonb('file_ids').$type<string[]>().notNull().default([]),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('approval_decisions_once_key').on(t.workspaceId, t.approvalId, t.step, t.approverId),
  ],
)

/** Someone decides a person's approvals while they are away. */
export const approvalDelegations = pgTable(
  'approval_delegations',
  {
    workspaceId: uuid('workspace_id').notNull(),
    userId: uuid('user_id').notNull(),
    toUserId: uuid('to_user_id').notNull(),
    startsAt: tstz('starts_at').notNull(),
    endsAt: tstz('ends_at').notNull(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userId] }),
    index('approval_delegations_to_idx').on(t.workspaceId, t.toUserId),
  ],
)

/**
 * Signed e-mail links that open one approver's decision without signing in: only the token's hash is
 * kept; a link is single-use, expires, and works only while its step is still the one waiting.
 */
export const approvalLinks = pgTable(
  'approval_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    approvalId: uuid('approval_id').notNull(),
    step: integer('step').notNull(),
    userId: uuid('user_id').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: tstz('used_at'),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [index('approval_links_approval_idx').on(t.workspaceId, t.approvalId)],
)
