import { z } from 'zod'

/** A feature that moves an account's churn risk: its contribution in log-odds against an average account. */
export const ChurnDriver = z.object({
  feature: z.string(),
  label: z.string(),
  direction: z.enum(['raises', 'lowers']),
  contribution: z.number(),
  value: z.number().nullable(),
})
export type ChurnDriver = z.infer<typeof ChurnDriver>

/** `GET /insights/churn-model`: the workspace's churn model, or why there is none. */
export const ChurnModelStatus = z.object({
  status: z.enum(['trained', 'insufficient_history']),
  auc: z.number().optional(),
  trainedAt: z.string().optional(),
  samples: z.number().int(),
  reason: z.string().optional(),
  trainSamples: z.number().int().optional(),
  testSamples: z.number().int().optional(),
  features: z.number().int().optional(),
  /** The newest training asked for: queued → running → done | failed. */
  training: z
    .object({
      id: z.string(),
      status: z.enum(['queued', 'running', 'done', 'failed']),
      requestedAt: z.string(),
      error: z.string().optional(),
    })
    .optional(),
})
export type ChurnModelStatus = z.infer<typeof ChurnModelStatus>

/** `GET /accounts/:id/churn-risk`: the probability with its drivers, or (null) why there is none. */
export const AccountChurnRisk = z.object({
  status: z.enum(['scored', 'no_model', 'not_scored']),
  probability: z.number().nullable(),
  drivers: z.array(ChurnDriver),
  reason: z.string().optional(),
  scoredAt: z.string().optional(),
  auc: z.number().optional(),
})
export type AccountChurnRisk = z.infer<typeof AccountChurnRisk>

export const ChurnRiskListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})

/** `GET /insights/churn-risk`: accounts by risk, highest first, with their top three drivers. */
export const ChurnRiskList = z.object({
  total: z.number().int(),
  data: z.array(
    z.object({
      accountId: z.string(),
      name: z.string(),
      tier: z.string().nullable(),
      healthScore: z.number().nullable(),
      healthBand: z.string().nullable(),
      probability: z.number(),
      drivers: z.array(ChurnDriver),
    }),
  ),
})
export type ChurnRiskList = z.infer<typeof ChurnRiskList>

export const ChurnTrainStarted = z.object({ jobId: z.string() })
