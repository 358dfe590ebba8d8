import { z } from 'zod'
import { Id, Timestamp, Day } from './common'
import { tiers } from './records'
import { resource } from './resource'

/** NPS and satisfaction surveys (SPEC R-15): surveys, invitations, answers and the NPS report. */

const text = (max = 200) => z.string().trim().max(max, `at most ${max} characters`)
const name = (max = 200) => z.string().trim().min(1, 'is required').max(max, `at most ${max} characters`)
const day = Day

/** `nps`: 0–10, "how likely are you to recommend…"; `csat`: 1–5 satisfaction. */
export const surveyKinds = ['nps', 'csat'] as const
export type SurveyKind = (typeof surveyKinds)[number]
export const surveyStatuses = ['draft', 'open', 'closed'] as const
/** NPS 9–10 / CSAT 4–5 promoter; NPS 7–8 / CSAT 3 passive; NPS 0–6 / CSAT 1–2 detractor. */
export const surveyCategories = ['promoter', 'passive', 'detractor'] as const
export type SurveyCategory = (typeof surveyCategories)[number]

export const SurveyStats = z.object({
  invited: z.number().int(),
  answered: z.number().int(),
  /** Open invitations: not answered and not expired. */
  open: z.number().int(),
  /** answered / invited, 0–1; null before any invitation. */
  responseRate: z.number().nullable(),
  promoters: z.number().int(),
  passives: z.number().int(),
  detractors: z.number().int(),
  /** % promoters − % detractors of this survey's answers (NPS surveys); null without answers. */
  nps: z.number().nullable(),
  /** The mean score (CSAT surveys: 1–5). */
  average: z.number().nullable(),
})

export const surveyResource = resource(
  'Survey',
  {
    name: name(200),
    kind: z.enum(surveyKinds),
    /** The question in Chinese; empty means the standard question of the kind. */
    questionZh: text(500),
    questionEn: text(500),
    status: z.enum(surveyStatuses),
    /** An invitation link works this many days. */
    expiresInDays: z.number().int().min(1, 'at least 1 day').max(365, 'at most 365 days'),
    /** Who the survey is for, in words (e.g. "decision makers of strategic accounts"). */
    audience: text(1000),
  },
  {
    required: ['name', 'kind'],
    readOnly: { openedAt: Timestamp.nullable(), closedAt: Timestamp.nullable(), stats: SurveyStats },
  },
)
export const Survey = surveyResource.Record
export type Survey = z.infer<typeof Survey>

export const surveyResponseResource = resource(
  'SurveyResponse',
  {
    surveyId: Id,
    accountId: Id,
    contactId: Id,
    kind: z.enum(surveyKinds),
    score: z.number().int(),
    comment: text(2000),
    category: z.enum(surveyCategories),
    answeredAt: Timestamp,
  },
  {
    required: ['surveyId', 'accountId', 'score'],
    readOnly: {
      invitationId: Id.nullable(),
      surveyName: z.string().nullable(),
      accountName: z.string().nullable(),
      contactName: z.string().nullable(),
    },
  },
)
export const SurveyResponse = surveyResponseResource.Record
export type SurveyResponse = z.infer<typeof SurveyResponse>

const ids = z.array(Id).max(5000, 'at most 5000 at a time')

/** Whom to invite: accounts, contacts, or every account of some tiers and segments (combined: any of them). */
export const SurveySend = z
  .object({
    accountIds: ids.optional(),
    contactIds: ids.optional(),
    tiers: z.array(z.enum(tiers)).max(10).optional(),
    segments: z.array(text(100)).max(50).optional(),
    /** Only count who would be invited; nothing is written or sent. */
    dryRun: z.boolean().optional(),
  })
  .strict()
  .refine((v) => !!(v.accountIds?.length || v.contactIds?.length || v.tiers?.length || v.segments?.length), {
    message: 'choose accountIds, contactIds, tiers or segments',
    path: ['accountIds'],
  })
  .meta({ id: 'SurveySend' })

export const SurveySendResult = z
  .object({
    dryRun: z.boolean(),
    /** Active contacts of the chosen accounts (or the chosen contacts). */
    contacts: z.number().int(),
    /** New invitations (with a dry run: that would be created). */
    invited: z.number().int(),
    /** Skipped: they already hold an open invitation to this survey. */
    alreadyInvited: z.number().int(),
    /** Skipped: they already answered this survey. */
    alreadyAnswered: z.number().int(),
    /** Skipped: no e-mail address. */
    withoutEmail: z.number().int(),
    /** E-mails queued; the rest were recorded as skipped (no SMTP or app URL — the links work by hand). */
    emailed: z.number().int(),
    emailNote: z.string().nullable(),
    /** The new links, to share by hand too (absolute when the workspace has an app URL). */
    links: z.array(z.object({ invitationId: Id, contactId: Id, accountId: Id, url: z.string() })),
    survey: Survey,
  })
  .meta({ id: 'SurveySendResult' })

export const SurveyInvitation = z
  .object({
    id: Id,
    surveyId: Id,
    accountId: Id,
    accountName: z.string().nullable(),
    contactId: Id,
    contactName: z.string().nullable(),
    channel: z.string(),
    sentAt: Timestamp,
    expiresAt: Timestamp,
    answeredAt: Timestamp.nullable(),
    status: z.enum(['open', 'answered', 'expired']),
  })
  .meta({ id: 'SurveyInvitation' })

/** What the contact sees on the public survey page (no login). */
export const PublicSurvey = z
  .object({
    kind: z.enum(surveyKinds),
    surveyName: z.string(),
    /** The question in the page's language; both are given so the visitor can switch. */
    question: z.object({ 'zh-CN': z.string(), en: z.string() }),
    accountName: z.string(),
    workspaceName: z.string(),
    contactName: z.string().nullable(),
    /** The workspace's language: the page opens in it. */
    locale: z.string(),
    min: z.number().int(),
    max: z.number().int(),
    expiresAt: Timestamp,
  })
  .meta({ id: 'PublicSurvey' })

/** The score is checked against the survey's scale (NPS 0–10, CSAT 1–5): 422 `score_out_of_range`. */
export const PublicSurveyAnswer = z
  .object({ score: z.number({ error: 'score must be a number' }), comment: text(2000).optional() })
  .strict()
  .meta({ id: 'PublicSurveyAnswer' })

export const PublicSurveyAnswered = z
  .object({ score: z.number().int(), category: z.enum(surveyCategories), answeredAt: Timestamp })
  .meta({ id: 'PublicSurveyAnswered' })

export const npsGroupings = ['account', 'segment', 'tier', 'month'] as const

export const NpsQuery = z
  .object({
    groupBy: z.enum(npsGroupings).default('segment'),
    from: day.optional().describe('first day (default: 12 months before to)'),
    to: day.optional().describe('last day (default: today)'),
    surveyId: Id.optional().describe('only the answers to this survey'),
  })
  .strict()

export const NpsFigure = z.object({
  responses: z.number().int(),
  promoters: z.number().int(),
  passives: z.number().int(),
  detractors: z.number().int(),
  /** % promoters − % detractors, one decimal; null without answers. */
  nps: z.number().nullable(),
})

export const NpsReport = z
  .object({
    groupBy: z.enum(npsGroupings),
    from: day,
    to: day,
    overall: NpsFigure,
    data: z.array(NpsFigure.extend({ key: z.string(), label: z.string() })),
  })
  .meta({ id: 'NpsReport' })
export type NpsReport = z.infer<typeof NpsReport>
export type PublicSurvey = z.infer<typeof PublicSurvey>
export type SurveySendResult = z.infer<typeof SurveySendResult>
export type SurveyInvitation = z.infer<typeof SurveyInvitation>
export type SurveyStats = z.infer<typeof SurveyStats>
