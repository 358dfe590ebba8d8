import { z } from 'zod'
import { Id, Timestamp } from './common'

/** Why two accounts look like the same company. */
export const duplicateReasons = ['creditCode', 'domain', 'name'] as const

/** `GET /api/v1/accounts/duplicates`: the identifiers of an account being created or renamed. */
export const DuplicateQuery = z
  .object({
    name: z.string().trim().max(200).optional(),
    creditCode: z.string().trim().max(50).optional(),
    domain: z.string().trim().max(200).optional(),
    website: z.string().trim().max(500).optional(),
    excludeId: Id.optional().describe('the account being edited (it is not its own duplicate)'),
  })
  .strict()

export const DuplicateCandidate = z
  .object({
    id: Id,
    name: z.string(),
    creditCode: z.string().nullable(),
    domain: z.string().nullable(),
    ownerId: Id.nullable(),
    on: z.enum(duplicateReasons),
    visible: z.boolean().describe('false when the caller may not open it (only its name is shown)'),
  })
  .meta({ id: 'DuplicateCandidate' })

export const DuplicateAnswer = z.object({ data: z.array(DuplicateCandidate) })

/** `POST /api/v1/accounts/:id/merge`: `:id` survives; `mergedId` is moved into it and soft-deleted. */
export const AccountMergeBody = z
  .object({
    mergedId: Id,
    version: z.number().int().min(1).describe('the survivor version you read'),
    mergedVersion: z.number().int().min(1).describe('the merged account version you read'),
    fields: z
      .array(z.string().regex(/^(custom\.)?[a-zA-Z][a-zA-Z0-9_]*$/))
      .max(200)
      .default([])
      .describe('fields whose value is taken from the merged account (custom ones as custom.<key>)'),
  })
  .strict()
  .meta({ id: 'AccountMergeBody' })

export const AccountMergeResult = z
  .object({
    survivorId: Id,
    mergedId: Id,
    fields: z.array(z.string()),
    moved: z.record(z.string(), z.number().int()).describe('rows moved per kind of child'),
    mergedAt: Timestamp,
  })
  .meta({ id: 'AccountMergeResult' })

export const AccountMerge = z
  .object({
    id: Id,
    survivorId: Id,
    mergedId: Id,
    survivorName: z.string(),
    mergedName: z.string(),
    fields: z.array(z.string()),
    moved: z.record(z.string(), z.number().int()),
    mergedBy: Id.nullable(),
    mergedAt: Timestamp,
  })
  .meta({ id: 'AccountMerge' })
