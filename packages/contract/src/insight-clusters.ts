import { z } from 'zod'
import { Id, Timestamp } from './common'

/**
 * High-value traits (SPEC R-16, issue 23 point 1): accounts clustered by k-means on their standardised
 * attributes and behaviour, each cluster described by what sets it apart, and the accounts most like the
 * best cluster that are not yet class A or strategic. Texts come in the caller's language.
 */

export const ClusterTrait = z.object({
  field: z
    .string()
    .describe(
      'the object-model field (or behaviour measure) the trait is about; `field=value` for a select option',
    ),
  label: z.string(),
  direction: z.enum(['higher', 'lower', 'more', 'less']),
  effect: z
    .number()
    .describe(
      'numbers: the standardised mean difference from the other accounts (Cohen’s d); select values: the share in the cluster minus the share elsewhere (0–1)',
    ),
  text: z.string().describe('the trait in words, e.g. "ARR 2.3× the average"'),
})
export type ClusterTrait = z.infer<typeof ClusterTrait>

export const AccountCluster = z.object({
  id: z.number().int(),
  size: z.number().int(),
  arr: z
    .string()
    .nullable()
    .describe('the sum of the annual spend of its accounts (null when that field is hidden from the caller)'),
  meanArr: z.string().nullable(),
  renewalRate: z
    .number()
    .nullable()
    .describe('renewed ÷ ended contracts of its accounts; null when none ended'),
  endedContracts: z.number().int(),
  meanHealth: z.number().nullable(),
  best: z.boolean().describe('the cluster with the highest mean ARR × renewal rate'),
  traits: z.array(ClusterTrait),
  description: z.string(),
})
export type AccountCluster = z.infer<typeof AccountCluster>

export const ClusterRunState = z.object({
  jobId: Id,
  status: z.enum(['queued', 'running', 'done', 'failed']),
  requestedAt: Timestamp,
  error: z.string().nullable(),
})
export type ClusterRunState = z.infer<typeof ClusterRunState>

export const AccountClusters = z.object({
  k: z.number().int().describe('0 before any run, or when there were too few accounts to cluster'),
  silhouette: z
    .number()
    .nullable()
    .describe('mean silhouette of the chosen k (−1…1; above 0.25 some structure)'),
  asOf: Timestamp.nullable(),
  accounts: z.number().int().describe('how many accounts were clustered'),
  features: z.array(z.object({ field: z.string(), label: z.string() })),
  bestRule: z.string().describe('how the best cluster was chosen, in words'),
  clusters: z.array(AccountCluster),
  message: z.string().nullable().describe('why there is nothing to show (no run yet, too few accounts)'),
  run: ClusterRunState.nullable().describe(
    'the latest run asked for, while it is queued or running or if it failed',
  ),
})
export type AccountClusters = z.infer<typeof AccountClusters>

export const ClusterRunStarted = z.object({ jobId: Id })

export const Lookalike = z.object({
  accountId: Id,
  name: z.string(),
  prospect: z.boolean().describe('in lead nurturing or opportunity stage: not yet a customer'),
  tier: z.string().nullable(),
  potentialClass: z.string().nullable(),
  distance: z.number().describe('Euclidean distance to the best cluster’s centre, in standardised units'),
  similarity: z
    .number()
    .describe(
      'share (0–1) of the best cluster’s own accounts that lie further from its centre than this one',
    ),
  reasons: z.array(z.string()).describe('the best cluster’s traits this account shares, in words'),
})
export type Lookalike = z.infer<typeof Lookalike>

export const Lookalikes = z.object({
  bestClusterId: z.number().int().nullable(),
  asOf: Timestamp.nullable(),
  data: z.array(Lookalike),
  message: z.string().nullable(),
})
export type Lookalikes = z.infer<typeof Lookalikes>

export const LookalikesQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(100).default(20) })
  .strict()
