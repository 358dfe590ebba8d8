import { z } from 'zod'
import { Id, Timestamp, Version } from './common'

/**
 * Lead scoring, routing and capture (SPEC R-05): points for profile fit and behaviour (decaying),
 * the threshold that makes a lead hot and routes it, and the public web forms that capture leads.
 */

const text = (max = 200) => z.string().trim().max(max, `at most ${max} characters`)
const name = (max = 200) => z.string().trim().min(1, 'is required').max(max, `at most ${max} characters`)
const points = z.number().int('whole points').min(0, 'at least 0').max(100, 'at most 100')

export const leadEventKinds = [
  'page_visited',
  'email_opened',
  'email_clicked',
  'form_submitted',
  'content_downloaded',
  'event_attended',
  'webinar_attended',
  'demo_requested',
] as const
export type LeadEventKind = (typeof leadEventKinds)[number]

export const routingStrategies = ['round_robin', 'territory'] as const

export const LeadScoringConfig = z
  .object({
    profile: z.object({
      industries: z.array(z.object({ industry: name(50), points })).max(50),
      /** The first band whose `minEmployees` the lead reaches gives its points. */
      companySize: z.array(z.object({ minEmployees: z.number().int().min(0), points })).max(10),
      /** Each keyword found in the title (case-insensitive) adds its points; the best one counts. */
      titleKeywords: z.array(z.object({ keyword: name(50), points })).max(50),
      regions: z.array(z.object({ region: name(100), points })).max(100),
      sources: z.array(z.object({ source: name(50), points })).max(20),
      businessEmail: points.describe('an e-mail address on a company domain (not a free mailbox)'),
    }),
    behaviour: z.object({
      points: z.array(z.object({ kind: z.enum(leadEventKinds), points })).max(leadEventKinds.length),
      halfLifeDays: z
        .number()
        .int()
        .min(1, 'at least 1 day')
        .max(365, 'at most 365 days')
        .describe('behaviour points halve every this many days'),
      max: points.describe('behaviour counts for at most this many points'),
    }),
    threshold: z.number().int().min(1, 'at least 1').max(100, 'at most 100'),
    routing: z.object({
      enabled: z.boolean(),
      strategy: z.enum(routingStrategies),
      teamId: Id.nullable(),
      userIds: z.array(Id).max(100),
      territories: z.array(z.object({ region: name(100), userId: Id })).max(200),
      fallbackUserId: Id.nullable(),
    }),
  })
  .meta({ id: 'LeadScoringConfig' })
export type LeadScoringConfig = z.infer<typeof LeadScoringConfig>

export const LeadScoringSettings = LeadScoringConfig.extend({
  version: z.number().int(),
  updatedAt: Timestamp.nullable(),
}).meta({ id: 'LeadScoringSettings' })
export type LeadScoringSettings = z.infer<typeof LeadScoringSettings>

export const LeadScoringUpdate = LeadScoringConfig.partial()
  .extend({ version: Version })
  .strict()
  .meta({ id: 'LeadScoringUpdate' })

/** Why a lead has its score (SPEC R-26): each factor with its points. */
export const LeadScoreBreakdown = z
  .object({
    profile: z.array(z.object({ factor: z.string(), value: z.string(), points: z.number() })),
    behaviour: z.array(
      z.object({ kind: z.string(), count: z.number().int(), points: z.number(), decayed: z.number() }),
    ),
    profilePoints: z.number(),
    behaviourPoints: z.number(),
    threshold: z.number(),
    halfLifeDays: z.number(),
  })
  .meta({ id: 'LeadScoreBreakdown' })
export type LeadScoreBreakdown = z.infer<typeof LeadScoreBreakdown>

export const LeadEventInput = z
  .object({
    kind: z.enum(leadEventKinds),
    at: Timestamp.optional(),
    title: text(300).optional(),
    url: text(1000).optional(),
  })
  .strict()
export const LeadEventsInput = z.union([LeadEventInput, z.array(LeadEventInput).min(1).max(1000)])
export const LeadEvent = z
  .object({
    id: Id,
    leadId: Id,
    kind: z.string(),
    at: Timestamp,
    title: z.string().nullable(),
    url: z.string().nullable(),
    source: z.enum(['api', 'form', 'marketing']),
  })
  .meta({ id: 'LeadEvent' })

// ── capture forms ────────────────────────────────────────────────────────────

export const LeadForm = z
  .object({
    id: Id,
    name: z.string(),
    key: z.string(),
    source: z.string(),
    enabled: z.boolean(),
    maxPerHour: z.number().int(),
    submissions: z.number().int(),
    lastSubmittedAt: Timestamp.nullable(),
    createdAt: Timestamp,
    rotatedAt: Timestamp.nullable(),
  })
  .meta({ id: 'LeadForm' })
export type LeadForm = z.infer<typeof LeadForm>

export const LeadFormCreate = z
  .object({
    name: name(100),
    source: z.enum(['website', 'ads', 'event', 'partner', 'other']).default('website'),
    maxPerHour: z.number().int().min(1).max(10_000).default(200),
  })
  .strict()
export const LeadFormUpdate = z
  .object({
    name: name(100).optional(),
    enabled: z.boolean().optional(),
    maxPerHour: z.number().int().min(1).max(10_000).optional(),
  })
  .strict()

/** What a web form posts (no login). `homepage` is a honeypot: people leave it empty, robots fill it. */
export const PublicLeadSubmit = z
  .object({
    name: name(100),
    company: text(200).optional(),
    title: text(100).optional(),
    email: z.email('must be an e-mail address').max(200).optional(),
    phone: text(50).optional(),
    industry: text(50).optional(),
    region: text(100).optional(),
    employees: z.coerce.number().int().min(0).max(10_000_000).optional(),
    message: text(5000).optional(),
    homepage: z.string().max(1000).optional().describe('honeypot: hidden from people, must stay empty'),
    pageUrl: text(1000).optional(),
  })
  .refine((v) => !!(v.email || v.phone), {
    message: 'give an e-mail address or a phone number',
    path: ['email'],
  })

export const LeadConvertCandidate = z
  .object({
    id: Id,
    name: z.string(),
    domain: z.string().nullable(),
    creditCode: z.string().nullable(),
    on: z.enum(['creditCode', 'domain', 'name']),
  })
  .meta({ id: 'LeadConvertCandidate' })
