import { index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { businessColumns, tstz } from '../../core/db/columns'

/** NPS and satisfaction surveys (SPEC R-15): what is asked, on which scale, and whether it takes answers. */
export const surveys = pgTable(
  'surveys',
  {
    ...businessColumns(),
    name: text('name').notNull(),
    /** `nps` (0–10) or `csat` (1–5). */
    kind: text('kind').notNull(),
    questionZh: text('question_zh'),
    questionEn: text('question_en'),
    /** `draft` → `open` (on the first send, or by hand) → `closed` (no more answers). */
    status: text('status').notNull().default('draft'),
    expiresInDays: integer('expires_in_days').notNull().default(14),
    audience: text('audience'),
    openedAt: tstz('opened_at'),
    closedAt: tstz('closed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('surveys_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
  ],
)

/**
 * One invitation per contact and send: only the SHA-256 of its token is stored. The token is looked up
 * before the workspace is known, so its unique index is the one index not led by workspace_id. Single
 * use (`answeredAt`) and expiring (`expiresAt`).
 */
export const surveyInvitations = pgTable(
  'survey_invitations',
  {
    id: uuid('id').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    surveyId: uuid('survey_id').notNull(),
    accountId: uuid('account_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** `email` (sent through the notifications module) or `link` (shared by hand). */
    channel: text('channel').notNull().default('email'),
    sentAt: tstz('sent_at').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    answeredAt: tstz('answered_at'),
    responseId: uuid('response_id'),
    createdBy: uuid('created_by'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('survey_invitations_token_key').on(t.tokenHash),
    index('survey_invitations_survey_idx').on(t.workspaceId, t.surveyId, t.contactId),
    index('survey_invitations_account_idx').on(t.workspaceId, t.accountId),
  ],
)

/** Answers: a score on the survey's scale, an optional comment and its category. */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    ...businessColumns(),
    surveyId: uuid('survey_id').notNull(),
    invitationId: uuid('invitation_id'),
    accountId: uuid('account_id').notNull(),
    contactId: uuid('contact_id'),
    kind: text('kind').notNull(),
    score: integer('score').notNull(),
    comment: text('comment'),
    /** `promoter`, `passive` or `detractor` (see survey-score.ts). */
    category: text('category').notNull(),
    answeredAt: tstz('answered_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('survey_responses_survey_idx').on(t.workspaceId, t.surveyId, t.score),
    index('survey_responses_account_idx').on(t.workspaceId, t.accountId, t.answeredAt),
    index('survey_responses_answered_idx').on(t.workspaceId, t.answeredAt),
  ],
)
