import { z } from 'zod'
import { Id, Timestamp, Version } from './common'
import { demandMaturities, sizeBands } from './records'
import { resource } from './resource'

/**
 * Qualification (SPEC ): ICP definitions and each account's fit, potential
 * scoring models and scores with history, and segments (industry × size × demand maturity).
 */

// ── ICP ───────────────────────────────────────────────────────────────

/** An account field an ICP dimension reads: a built-in field, or `custom.<key>` for a custom field. */
export const icpFields = [
  'industry',
  'subIndustry',
  'annualRevenue',
  'employees',
  'branches',
  'sizeBand',
  'region',
  'marketScope',
  'techMaturity',
  'competitorProducts',
  'decisionDepartment',
  'decisionCycleDays',
  'painPoints',
  'profitability',
  'cashFlow',
  'paymentRisk',
  'financialHealth',
  'annualSpend',
  'tier',
] as const
/** The built-in fields that hold numbers (a range target); the others take a set of values. */
export const icpNumericFields = ['annualRevenue', 'employees', 'branches', 'decisionCycleDays', 'annualSpend']

export const IcpField = z.union([
  z.enum(icpFields),
  z.string().regex(/^custom\.[a-zA-Z][\w]{0,59}$/, 'a built-in account field or custom.<key>'),
])

const finite = z.number({ error: 'must be a number' }).refine(Number.isFinite, 'must be a finite number')

export const IcpTarget = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('values'),
      values: z.array(z.string().trim().min(1).max(200)).min(1, 'name at least one value').max(100),
    })
    .strict(),
  z
    .object({
      kind: z.literal('range'),
      min: finite.nullable().optional(),
      max: finite.nullable().optional(),
    })
    .strict()
    .refine((r) => r.min != null || r.max != null, { message: 'give min, max or both', path: ['min'] })
    .refine((r) => r.min == null || r.max == null || r.min <= r.max, {
      message: 'min must not be above max',
      path: ['max'],
    }),
])
export type IcpTarget = z.infer<typeof IcpTarget>

/**
 * The type of a custom field's values as the ICP reads them: `number` takes a range, `text` a set of
 * values. Only for `custom.<key>` fields (built-in fields have their own type); when omitted, the target
 * says it (a range: number).
 */
export const icpValueTypes = ['number', 'text'] as const

export const IcpDimension = z
  .object({
    field: IcpField,
    label: z.string().trim().max(100).optional(),
    valueType: z.enum(icpValueTypes).optional(),
    target: IcpTarget,
    /** Importance: a positive number; a dimension's share of the fit is its weight over the sum of weights. */
    weight: z.number().int('a whole number').min(1, 'from 1 to 100').max(100, 'from 1 to 100'),
  })
  .strict()
  .meta({ id: 'IcpDimension' })
export type IcpDimension = z.infer<typeof IcpDimension>

export const icpResource = resource(
  'Icp',
  {
    name: z.string().trim().min(1, 'is required').max(200),
    description: z.string().trim().max(2000),
    active: z.boolean(),
    dimensions: z.array(IcpDimension).min(1, 'at least one dimension').max(30),
  },
  { required: ['name', 'dimensions'], readOnly: { template: z.string().nullable() } },
)
export const Icp = icpResource.Record
export type Icp = z.infer<typeof Icp>

export const IcpDimensionResult = z.object({
  field: z.string(),
  label: z.string().nullable(),
  weight: z.number(),
  /** `match`, `miss`, or `unknown` (the account has no value: counts as a miss, SPEC R-01 in docs). */
  result: z.enum(['match', 'miss', 'unknown']),
  value: z.unknown(),
})
export const AccountIcpFit = z
  .object({
    icpId: Id,
    icpName: z.string(),
    fit: z.number(),
    incomplete: z.boolean(),
    dimensions: z.array(IcpDimensionResult),
    computedAt: Timestamp,
  })
  .meta({ id: 'AccountIcpFit' })
export type AccountIcpFit = z.infer<typeof AccountIcpFit>

// ── potential scoring ─────────────────────────────────────────────────

export const DimensionKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a key such as strategic_fit')

export const ScoringDimension = z
  .object({
    key: DimensionKey,
    label: z.string().trim().min(1, 'is required').max(100),
    /** Weight in whole percent; a model's weights sum to exactly 100. */
    weight: z.number().int('a whole percent').min(1, 'from 1 to 100').max(100, 'from 1 to 100'),
    /** What each level means, 1 to 5. */
    rubric: z.array(z.string().trim().max(500)).length(5, 'one text for each level 1–5'),
  })
  .strict()
  .meta({ id: 'ScoringDimension' })
export type ScoringDimension = z.infer<typeof ScoringDimension>

/** Class bands, closed below (SPEC R-31): total ≥ A → A, ≥ B → B, else C. Two decimals at most. */
export const PotentialBands = z
  .object({
    A: z.number().min(1).max(5).multipleOf(0.01, 'two decimals at most'),
    B: z.number().min(1).max(5).multipleOf(0.01, 'two decimals at most'),
  })
  .strict()
  .refine((b) => b.A > b.B, { message: 'A must be above B', path: ['A'] })
  .meta({ id: 'PotentialBands' })
export type PotentialBands = z.infer<typeof PotentialBands>

export const scoringModelResource = resource(
  'ScoringModel',
  {
    name: z.string().trim().min(1, 'is required').max(200),
    description: z.string().trim().max(2000),
    isDefault: z.boolean(),
    dimensions: z.array(ScoringDimension).min(1, 'at least one dimension').max(12),
    bands: PotentialBands,
  },
  { required: ['name', 'dimensions'], readOnly: { template: z.string().nullable() } },
)
export const ScoringModel = scoringModelResource.Record
export type ScoringModel = z.infer<typeof ScoringModel>

export const potentialClasses = ['A', 'B', 'C'] as const

export const PotentialPut = z
  .object({
    scores: z.record(DimensionKey, z.number().int('a whole number from 1 to 5').min(1).max(5)),
    note: z.string().trim().max(2000).optional(),
    /** The model to score with; default: the workspace's default model. */
    modelId: Id.optional(),
  })
  .strict()

export const PotentialContribution = z.object({
  dimension: z.string(),
  label: z.string().nullable(),
  weight: z.number(),
  score: z.number(),
  contribution: z.number(),
})
export const PotentialResult = z
  .object({
    total: z.number(),
    class: z.enum(potentialClasses),
    contributions: z.array(PotentialContribution),
  })
  .meta({ id: 'PotentialResult' })

export const PotentialScore = PotentialResult.extend({
  id: Id,
  accountId: Id,
  modelId: Id,
  modelVersion: z.number(),
  modelName: z.string().nullable(),
  scores: z.record(z.string(), z.number()),
  note: z.string().nullable(),
  scoredBy: Id.nullable(),
  scoredByName: z.string().nullable(),
  scoredAt: Timestamp,
}).meta({ id: 'PotentialScore' })
export type PotentialScore = z.infer<typeof PotentialScore>

export const AccountPotential = z
  .object({ accountId: Id, current: PotentialScore.nullable(), history: z.array(PotentialScore) })
  .meta({ id: 'AccountPotential' })
export type AccountPotential = z.infer<typeof AccountPotential>

export const PotentialRankingQuery = z.object({
  class: z.enum(potentialClasses).optional(),
  flagged: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
})
export const PotentialRankingRow = z.object({
  rank: z.number(),
  accountId: Id,
  name: z.string(),
  total: z.number(),
  class: z.string(),
  tier: z.string().nullable(),
  icpFit: z.number().nullable(),
  owner: z.object({ id: Id, name: z.string() }).nullable(),
  openOpportunities: z.number(),
  openTasks: z.number(),
  /** A-class only: `no_owner` (nobody owns it) and `no_plan` (no open opportunity and no open task). */
  flags: z.array(z.enum(['no_owner', 'no_plan'])),
})
export const PotentialRanking = z
  .object({
    counts: z.object({
      A: z.number(),
      B: z.number(),
      C: z.number(),
      unscored: z.number(),
      aWithoutOwner: z.number(),
      aWithoutPlan: z.number(),
    }),
    data: z.array(PotentialRankingRow),
  })
  .meta({ id: 'PotentialRanking' })
export type PotentialRanking = z.infer<typeof PotentialRanking>

// ── segments ──────────────────────────────────────────────────────────

export const segmentSizes = [...sizeBands, 'unknown'] as const
export const segmentBases = ['employees', 'revenue'] as const

export const SizeThresholds = z
  .object({
    /** Which number decides first; the other is used when the first is missing. */
    basis: z.enum(segmentBases),
    large: z.object({ employees: z.number().int().min(1), revenue: z.number().min(1) }).strict(),
    growth: z.object({ employees: z.number().int().min(1), revenue: z.number().min(1) }).strict(),
  })
  .strict()
  .refine((t) => t.large.employees > t.growth.employees, {
    message: 'large must start above growth',
    path: ['large', 'employees'],
  })
  .refine((t) => t.large.revenue > t.growth.revenue, {
    message: 'large must start above growth',
    path: ['large', 'revenue'],
  })
export type SizeThresholds = z.infer<typeof SizeThresholds>

/**
 * A cell key: `<size>:<maturity>` for every industry, or `<industry>:<size>:<maturity>` for one
 * industry (which wins over the general cell).
 */
export const CellKey = z
  .string()
  .regex(/^([a-z_]+:)?(large|growth|small|unknown):(awareness|evaluation|decision|retention)$/, {
    message: 'a cell key such as large:evaluation or manufacturing:large:evaluation',
  })
export const SegmentCellSetting = z
  .object({
    strategy: z.string().trim().max(4000).optional(),
    serviceLevel: z.string().trim().max(200).optional(),
  })
  .strict()

export const SegmentSettings = z
  .object({
    thresholds: SizeThresholds,
    cells: z.record(z.string(), SegmentCellSetting),
    version: z.number(),
    updatedAt: Timestamp.nullable(),
  })
  .meta({ id: 'SegmentSettings' })
export type SegmentSettings = z.infer<typeof SegmentSettings>

export const SegmentSettingsPut = z
  .object({
    version: Version,
    thresholds: SizeThresholds.optional(),
    /** Cells to set; a cell set to null is removed. Cells not named are kept. */
    cells: z.record(CellKey, SegmentCellSetting.nullable()).optional(),
  })
  .strict()

export const SegmentMatrixQuery = z.object({ industry: z.string().max(60).optional() })
export const SegmentCell = z.object({
  key: z.string(),
  size: z.enum(segmentSizes),
  maturity: z.enum(demandMaturities),
  count: z.number(),
  arr: z.string(),
  avgHealth: z.number().nullable(),
  strategy: z.string().nullable(),
  serviceLevel: z.string().nullable(),
  /** The segment keys (`industry:size:maturity`) of the cell's accounts: the accounts list filters by them. */
  segments: z.array(z.string()),
})
export const SegmentMatrix = z
  .object({
    industry: z.string().nullable(),
    sizes: z.array(z.string()),
    maturities: z.array(z.string()),
    industries: z.array(z.object({ industry: z.string(), count: z.number() })),
    cells: z.array(SegmentCell),
    total: z.number(),
    unsegmented: z.number(),
  })
  .meta({ id: 'SegmentMatrix' })
export type SegmentMatrix = z.infer<typeof SegmentMatrix>

export const SegmentOf = z.object({
  accountId: Id,
  segment: z.string().nullable(),
  industry: z.string(),
  size: z.enum(segmentSizes),
  maturity: z.enum(demandMaturities),
  strategy: z.string().nullable(),
  serviceLevel: z.string().nullable(),
})
