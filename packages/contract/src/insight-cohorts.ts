import { z } from 'zod'

/**
 * Cohorts (SPEC R-16, issue 23 point 2): two groups of accounts, each defined by the object model's list
 * filters (the same keys and values `GET /api/v1/accounts` takes, related records as `<object>.<field>`),
 * compared on one figure — the difference with its 95% interval, the sample sizes, and a plain warning when
 * the samples are too small to say anything.
 */

export const cohortMetrics = ['renewal_rate', 'net_revenue_retention', 'health', 'win_rate'] as const
export type CohortMetric = (typeof cohortMetrics)[number]

export const CohortFilters = z
  .record(
    z.string().min(1).max(200, 'at most 200 characters'),
    z.string().max(2000, 'at most 2000 characters'),
  )
  .refine((f) => Object.keys(f).length <= 30, 'at most 30 filters')
  .describe(
    'list filters as GET /api/v1/accounts takes them, e.g. {"tier": "strategic", "annualSpend[gte]": "1000000", "marketing-touches.kind": "event_attended"}',
  )

export const CohortGroup = z.object({ filters: CohortFilters.default({}) }).strict()

export const CohortRequest = z
  .object({
    object: z.literal('accounts'),
    a: CohortGroup,
    b: CohortGroup.optional().describe('absent: all other accounts the person may read'),
    metric: z.enum(cohortMetrics),
  })
  .strict()
  .meta({ id: 'CohortRequest' })
export type CohortRequest = z.infer<typeof CohortRequest>

const CohortSide = z.object({
  n: z
    .number()
    .int()
    .describe(
      'the sample: ended contracts (renewal_rate), accounts with recurring revenue a year ago (net_revenue_retention), accounts with a health score (health), won and lost opportunities (win_rate)',
    ),
  value: z
    .number()
    .nullable()
    .describe('a share 0–1 (rates, retention may pass 1) or a mean score 0–100 (health); null when n is 0'),
})

export const CohortResult = z
  .object({
    a: CohortSide,
    b: CohortSide,
    difference: z.number().nullable().describe('a.value − b.value; null when a group is empty'),
    ci95: z
      .tuple([z.number(), z.number()])
      .nullable()
      .describe('95% confidence interval of the difference; null when it cannot be said'),
    warning: z.string().optional().describe('why the figures say little, in the caller’s language'),
  })
  .meta({ id: 'CohortResult' })
export type CohortResult = z.infer<typeof CohortResult>
