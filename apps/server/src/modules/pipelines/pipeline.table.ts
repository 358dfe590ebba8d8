import {
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core'
import type { PipelineStage } from '@openkam/contract'
import { businessColumns, tstz } from '../../core/db/columns'

/** Sales pipelines (SPEC R-08): ordered stages with deliverables, tasks and waiver roles; won/lost reasons. */
export const pipelines = pgTable(
  'pipelines',
  {
    ...businessColumns(),
    name: text('name').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    stages: jsonb('stages').$type<PipelineStage[]>().notNull().default([]),
    lossReasons: jsonb('loss_reasons').$type<string[]>().notNull().default([]),
    winReasons: jsonb('win_reasons').$type<string[]>().notNull().default([]),
    /** The template key when the pipeline came with the workspace template. */
    template: text('template'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('pipelines_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
  ],
)

/**
 * What an opportunity has for the gate: an attachment (a link, or a stored file) or a waiver with its
 * reason, with who and when. Several rows may share a key (versions of a proposal); deleting one is
 * audited on the opportunity.
 */
export const opportunityDeliverables = pgTable(
  'opportunity_deliverables',
  {
    id: uuid('id').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    opportunityId: uuid('opportunity_id').notNull(),
    stage: text('stage').notNull(),
    key: text('key').notNull(),
    title: text('title').notNull(),
    url: text('url'),
    fileId: uuid('file_id'),
    waived: boolean('waived').notNull().default(false),
    waiverReason: text('waiver_reason'),
    addedBy: uuid('added_by'),
    addedAt: tstz('added_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('opp_deliverables_opp_idx').on(t.workspaceId, t.opportunityId, t.key),
    index('opp_deliverables_file_idx').on(t.workspaceId, t.fileId),
  ],
)

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
})

/**
 * Uploaded files, kept in the database so that API processes stay stateless (10 MB each at most).
 * Lists select the metadata columns only.
 */
export const files = pgTable(
  'files',
  {
    id: uuid('id').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    name: text('name').notNull(),
    size: integer('size').notNull(),
    contentType: text('content_type').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    createdAt: tstz('created_at').notNull(),
    createdBy: uuid('created_by'),
    /** A customer's contact who uploaded it through the portal (then `createdBy` is null). */
    createdByContactId: uuid('created_by_contact_id'),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
)
