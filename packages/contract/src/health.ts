import { z } from 'zod'
import { Id, Timestamp } from './common'
import { resource } from './resource'

/**
 * Customer health (SPEC ): configurable models of weighted metrics,
 * recorded metric values and usage events, explainable scores with history, overrides and backtests.
 */

export const healthBands = ['healthy', 'watch', 'at_risk'] as const
export type HealthBand = (typeof healthBands)[number]
/**
 * `scored`: the score has a band. `insufficient_data`: the metrics with a value carry less than the
 * model's `minWeightShare` of its weight — no score, no band, no alert, no risk. `unscored`: no model
 * applies to the account.
 */
export const healthStatuses = ['scored', 'insufficient_data', 'unscored'] as const
export type HealthStatus = (typeof healthStatuses)[number]
export const healthModelStatuses = ['draft', 'published'] as const

/** A metric key: lower-case letters, digits and underscores (`feature_usage`, `custom_sla_breaches`). */
export const MetricKey = z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, 'a metric key such as feature_usage')

/** The built-in metrics: posted by the API or derived by the worker from records (docs/health.md). */
export const builtInMetrics = [
  'feature_usage',
  'meeting_minutes',
  'issue_feedback',
  'nps',
  'login_frequency',
  'active_user_trend',
  'payment_timeliness',
  'executive_engagement',
  'buying_committee_coverage',
  'relationship_signals',
] as const

/** The built-in metrics' names in both languages (the web shows them; the API names missing inputs with them). */
export const builtInMetricLabels: Record<(typeof builtInMetrics)[number], { en: string; zh: string }> = {
  feature_usage: { en: 'Feature usage %', zh: '功能使用率 %' },
  meeting_minutes: { en: 'Meeting minutes (30 d)', zh: '会议时长（30 天）' },
  issue_feedback: { en: 'Issues & negative feedback (30 d)', zh: '问题与负面反馈（30 天）' },
  nps: { en: 'NPS', zh: 'NPS 净推荐值' },
  login_frequency: { en: 'Logins per week', zh: '每周登录次数' },
  active_user_trend: { en: 'Active user trend %', zh: '活跃用户趋势 %' },
  payment_timeliness: { en: 'Payments on time %', zh: '按时付款率 %' },
  executive_engagement: { en: 'Days since economic-buyer contact', zh: '距上次接触经济决策人天数' },
  buying_committee_coverage: { en: 'Buying committee coverage %', zh: '采购委员会覆盖率 %' },
  relationship_signals: { en: 'Open relationship alerts', zh: '未解决的关系预警' },
}

/**
 * The values each built-in metric can take: percentages 0–100, NPS −100–100, a trend from −100 %, counts,
 * minutes and days never negative. A metric of the workspace's own (named by a health model) takes any
 * value the store keeps: |value| < 10^10.
 */
export const builtInMetricRanges: Record<(typeof builtInMetrics)[number], { min: number; max?: number }> = {
  feature_usage: { min: 0, max: 100 },
  meeting_minutes: { min: 0 },
  issue_feedback: { min: 0 },
  nps: { min: -100, max: 100 },
  login_frequency: { min: 0 },
  active_user_trend: { min: -100 },
  payment_timeliness: { min: 0, max: 100 },
  executive_engagement: { min: 0 },
  buying_committee_coverage: { min: 0, max: 100 },
  relationship_signals: { min: 0 },
}
/** The largest metric value stored (numeric(14,4)). */
export const METRIC_VALUE_LIMIT = 1e10

/** What is wrong with a value for a metric, or null: outside the built-in metric's range or the store's. */
export function metricValueProblem(metric: string, value: number): string | null {
  const r = (builtInMetricRanges as Record<string, { min: number; max?: number } | undefined>)[metric]
  if (Math.abs(value) >= METRIC_VALUE_LIMIT) return 'must be less than 10,000,000,000 in size'
  if (r && value < r.min) return `must be at least ${r.min}`
  if (r?.max !== undefined && value > r.max) return `must be at most ${r.max}`
  return null
}

const finite = z.number({ error: 'must be a number' }).refine(Number.isFinite, 'must be a finite number')
const point = z.object({ value: finite, score: finite.pipe(z.number().min(0).max(100)) }).strict()

export const MetricScoring = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('identity') }).strict(),
    z
      .object({ kind: z.literal('linear'), from: point, to: point })
      .strict()
      .refine((s) => s.from.value !== s.to.value, {
        message: 'from.value and to.value must differ',
        path: ['to', 'value'],
      }),
    z
      .object({
        kind: z.literal('bands'),
        bands: z
          .array(z.object({ min: finite, score: finite.pipe(z.number().min(0).max(100)) }).strict())
          .min(1, 'at least one band'),
      })
      .strict(),
  ])
  .meta({ id: 'MetricScoring' })
export type MetricScoring = z.infer<typeof MetricScoring>

/** A custom field of accounts that feeds a metric: `custom.<key>`. */
export const HealthMetricField = z
  .string()
  .regex(/^custom\.[a-z][a-zA-Z0-9_]{0,62}$/, 'a custom field of accounts such as custom.creditUsage')

/** The custom field types whose value is a number a metric can score (a formula only with resultType number). */
export const healthFieldTypes = ['number', 'money', 'percent', 'formula', 'rollup'] as const

export const HealthModelMetric = z
  .object({
    metric: MetricKey,
    weight: z.number({ error: 'must be a number' }).gt(0, 'must be greater than 0').max(100),
    scoring: MetricScoring,
    label: z.string().trim().max(100).optional(),
    /**
     * Where the value comes from when not from posted or derived values: a number-like custom field of
     * the account (number, money's amount, percent, a number formula, a roll-up), e.g. `custom.creditUsage`.
     */
    field: HealthMetricField.optional(),
  })
  .strict()
  .meta({ id: 'HealthModelMetric' })

export const HealthBands = z
  .object({ healthy: z.number().min(0).max(100), watch: z.number().min(0).max(100) })
  .strict()
  .refine((b) => b.healthy > b.watch, { message: 'healthy must be above watch', path: ['healthy'] })
  .meta({ id: 'HealthBands' })

export const HealthAppliesTo = z
  .object({
    tiers: z.array(z.string().trim().min(1)).max(20).optional(),
    segments: z.array(z.string().trim().min(1)).max(50).optional(),
  })
  .strict()

export const healthModelResource = resource(
  'HealthModel',
  {
    name: z.string().trim().min(1, 'is required').max(200),
    description: z.string().trim().max(2000),
    status: z.enum(healthModelStatuses),
    isDefault: z.boolean(),
    appliesTo: HealthAppliesTo,
    metrics: z.array(HealthModelMetric).min(1, 'at least one metric').max(30),
    bands: HealthBands,
    lookbackDays: z.number().int().min(1).max(730),
    /**
     * The least share (0–1) of the model's weight whose metrics must have a value before the score gets
     * a band (and can raise alerts); default 0.5. Below it the health is `insufficient_data`.
     */
    minWeightShare: z
      .number({ error: 'must be a number between 0 and 1' })
      .min(0, 'must be a share between 0 and 1 (0.5 = half of the weight)')
      .max(1, 'must be a share between 0 and 1 (0.5 = half of the weight)'),
  },
  {
    required: ['name', 'metrics'],
    readOnly: { publishedAt: Timestamp.nullable(), template: z.string().nullable() },
  },
)
export const HealthModel = healthModelResource.Record
export type HealthModel = z.infer<typeof HealthModel>

// ── signals ──────────────────────────────────────────────────────────────────

export const MetricPost = z
  .object({ metric: MetricKey, value: finite, at: Timestamp.optional() })
  .strict()
  .superRefine((m, ctx) => {
    const problem = metricValueProblem(m.metric, m.value)
    if (problem) ctx.addIssue({ code: 'custom', path: ['value'], message: problem, input: m.value })
  })
  .meta({ id: 'MetricPost' })
export const MetricPostBody = z.union([MetricPost, z.array(MetricPost).min(1).max(1000)])

export const usageEventTypes = ['login', 'feature_used', 'active_users', 'session', 'api_call'] as const
export const UsageEventIn = z
  .object({
    accountId: Id,
    type: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a type such as login or feature_used'),
    actor: z.string().max(200).optional(),
    feature: z.string().max(200).optional(),
    at: Timestamp,
    eventId: z.string().min(1).max(200).optional(),
  })
  .strict()
  .meta({ id: 'UsageEvent' })
export const UsageEventsBody = z
  .array(UsageEventIn)
  .min(1, 'send at least one event')
  .max(10_000, 'at most 10,000 events per call')

// ── reads ────────────────────────────────────────────────────────────────────

export const HealthContribution = z
  .object({
    metric: z.string(),
    weight: z.number(),
    effectiveWeight: z.number(),
    value: z.number().nullable(),
    score: z.number().nullable(),
    contribution: z.number().nullable(),
    at: z.string().nullable(),
    missing: z.boolean(),
  })
  .meta({ id: 'HealthContribution' })

export const HealthOverride = z
  .object({
    id: Id,
    score: z.number(),
    band: z.enum(healthBands),
    reason: z.string(),
    expiresAt: Timestamp,
    by: z.string().nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'HealthOverride' })

/** A metric of the model that has no value in the look-back window, named in both languages. */
export const MissingHealthInput = z
  .object({ metric: z.string(), label: z.object({ en: z.string(), zh: z.string() }), weight: z.number() })
  .meta({ id: 'MissingHealthInput' })
export type MissingHealthInput = z.infer<typeof MissingHealthInput>

export const ComputedHealth = z.object({
  score: z.number().nullable(),
  band: z.enum(healthBands).nullable(),
  status: z.enum(healthStatuses),
  incomplete: z.boolean(),
  /** The share (0–1) of the model's weight whose metrics have a value. */
  coverage: z.number().nullable(),
  /** The model's minimum share for a band (null when no model applies). */
  minWeightShare: z.number().nullable(),
  /** The model's metrics with no value, with their names. */
  missing: z.array(MissingHealthInput),
  contributions: z.array(HealthContribution),
  computedAt: Timestamp.nullable(),
  modelId: Id.nullable(),
})

/** The effective score (the override's when one is active), with the computed score kept beside it. */
export const AccountHealth = ComputedHealth.extend({
  accountId: Id,
  computed: ComputedHealth,
  override: HealthOverride.nullable(),
}).meta({ id: 'AccountHealth' })
export type AccountHealth = z.infer<typeof AccountHealth>

export const HealthSnapshot = z
  .object({
    id: Id,
    /** Null when the status is `insufficient_data`. */
    score: z.number().nullable(),
    band: z.enum(healthBands).nullable(),
    status: z.enum(['scored', 'insufficient_data']),
    incomplete: z.boolean(),
    contributions: z.array(HealthContribution),
    computedAt: Timestamp,
    modelId: Id,
    reason: z.string(),
  })
  .meta({ id: 'HealthSnapshot' })

export const HealthHistoryQuery = z.object({ from: Timestamp.optional(), to: Timestamp.optional() })
export const HealthChangesQuery = z.object({
  since: z.union([z.iso.date(), Timestamp], { error: 'a date like 2026-01-31 or a timestamp' }),
})

const side = z.object({
  value: z.number().nullable(),
  score: z.number().nullable(),
  contribution: z.number().nullable(),
})
export const HealthChanges = z
  .object({
    since: Timestamp,
    before: z.object({ score: z.number().nullable(), band: z.string().nullable(), at: Timestamp.nullable() }),
    after: z.object({ score: z.number().nullable(), band: z.string().nullable(), at: Timestamp.nullable() }),
    delta: z.number().nullable(),
    metrics: z.array(
      z.object({ metric: z.string(), before: side, after: side, delta: z.number().nullable() }),
    ),
  })
  .meta({ id: 'HealthChanges' })

export const HealthOverrideCreate = z
  .object({
    score: z.number().min(0).max(100),
    reason: z.string().trim().min(10, 'give a reason of at least 10 characters').max(2000),
    expiresAt: Timestamp,
  })
  .strict()
export const HealthOverrideEnd = z
  .object({ reason: z.string().trim().min(3, 'give a reason of at least 3 characters').max(2000) })
  .strict()

export const HealthBoard = z
  .object({
    bands: z.array(
      z.object({
        /** `insufficient_data`: too little of the model's weight has data for a band; `unscored`: no data or no model. */
        band: z.enum([...healthBands, 'insufficient_data', 'unscored']),
        count: z.number(),
        annualSpend: z.string(),
      }),
    ),
    atRiskAnnualSpend: z.string(),
    total: z.number(),
    movers: z.object({
      drops: z.array(
        z.object({
          accountId: Id,
          name: z.string(),
          score: z.number(),
          band: z.string(),
          previousScore: z.number(),
          delta: z.number(),
        }),
      ),
      rises: z.array(
        z.object({
          accountId: Id,
          name: z.string(),
          score: z.number(),
          band: z.string(),
          previousScore: z.number(),
          delta: z.number(),
        }),
      ),
    }),
  })
  .meta({ id: 'HealthBoard' })

export const HealthBacktestBody = z
  .object({
    model: healthModelResource.Create.pick({
      metrics: true,
      bands: true,
      lookbackDays: true,
      minWeightShare: true,
    })
      .partial()
      .optional(),
    daysBefore: z.number().int().min(1).max(365).optional(),
  })
  .strict()

const group = z.object({ total: z.number(), flaggedAtRisk: z.number(), share: z.number().nullable() })
export const HealthBacktest = z
  .object({
    daysBefore: z.number(),
    churned: group,
    renewed: group,
    accounts: z.array(
      z.object({
        accountId: Id,
        name: z.string(),
        outcome: z.enum(['churned', 'renewed']),
        endDate: z.string(),
        asOf: Timestamp,
        score: z.number().nullable(),
        band: z.string().nullable(),
        status: z.enum(['scored', 'insufficient_data']),
        incomplete: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'HealthBacktest' })
export type HealthBacktest = z.infer<typeof HealthBacktest>

export const HealthPreviewBody = z
  .object({
    accountId: Id,
    model: healthModelResource.Create.pick({
      metrics: true,
      bands: true,
      lookbackDays: true,
      minWeightShare: true,
    }).partial(),
  })
  .strict()
