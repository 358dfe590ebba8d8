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
import type { LeadScoreBreakdown, LeadScoringConfig } from '@openkam/contract'
import { businessColumns, tstz } from '../../core/db/columns'

export const leads = pgTable(
  'leads',
  {
    ...businessColumns(),
    name: text('name').notNull(),
    company: text('company'),
    title: text('title'),
    email: text('email'),
    phone: text('phone'),
    source: text('source'),
    industry: text('industry'),
    region: text('region'),
    score: integer('score'),
    status: text('status').notNull().default('new'),
    notes: text('notes'),
    convertedAccountId: uuid('converted_account_id'),
    convertedAt: tstz('converted_at'),
    convertedContactId: uuid('converted_contact_id'),
    convertedOpportunityId: uuid('converted_opportunity_id'),
    domain: text('domain'),
    creditCode: text('credit_code'),
    employees: integer('employees'),
    /** Why the lead has its score (SPEC R-26); written by the scorer only. */
    scoreBreakdown: jsonb('score_breakdown').$type<LeadScoreBreakdown>(),
    scoredAt: tstz('scored_at'),
    /** When the lead was routed to an owner (once: crossing the threshold again does not re-route). */
    routedAt: tstz('routed_at'),
    formId: uuid('form_id'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('leads_owner_idx').on(t.workspaceId, t.ownerId),
    index('leads_status_idx').on(t.workspaceId, t.status, t.updatedAt),
    index('leads_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
    index('leads_email_idx').on(t.workspaceId, sql`lower(${t.email})`),
    index('leads_score_idx').on(t.workspaceId, t.score),
  ],
)

/** The workspace's lead-scoring points, threshold and routing (defaults while there is no row). */
export const leadScoringSettings = pgTable('lead_scoring_settings', {
  workspaceId: uuid('workspace_id').primaryKey(),
  config: jsonb('config').$type<LeadScoringConfig>().notNull(),
  /** The last round-robin turn given. */
  turn: integer('turn').notNull().default(-1),
  version: integer('version').notNull().default(1),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
})

/** What a lead did (page visits, clicks, events): the behaviour half of its score. */
export const leadEvents = pgTable(
  'lead_events',
  {
    id: uuid('id').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    leadId: uuid('lead_id').notNull(),
    kind: text('kind').notNull(),
    at: tstz('at').notNull(),
    title: text('title'),
    url: text('url'),
    source: text('source').notNull().default('api'),
    createdAt: tstz('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('lead_events_lead_idx').on(t.workspaceId, t.leadId, t.at),
  ],
)

/**
 * Public capture forms: the key in the URL names the form (and so the workspace). Submissions are
 * counted in a one-hour window per form (`maxPerHour`), besides the per-address limit of the route.
 */
export const leadForms = pgTable(
  'lead_forms',
  {
    id: uuid('id').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    name: text('name').notNull(),
    key: text('key').notNull(),
    source: text('source').notNull().default('website'),
    enabled: boolean('enabled').notNull().default(true),
    maxPerHour: integer('max_per_hour').notNull().default(200),
    windowStart: tstz('window_start'),
    windowCount: integer('window_count').notNull().default(0),
    submissions: integer('submissions').notNull().default(0),
    lastSubmittedAt: tstz('last_submitted_at'),
    createdAt: tstz('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
    rotatedAt: tstz('rotated_at'),
    deletedAt: tstz('deleted_at'),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), uniqueIndex('lead_forms_key').on(t.key)],
)
