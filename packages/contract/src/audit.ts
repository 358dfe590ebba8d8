import { z } from 'zod'
import { Id, Timestamp } from './common'

export const AuditEntry = z
  .object({
    id: Id,
    at: Timestamp,
    actorId: Id.nullable(),
    actorType: z.string(),
    action: z.string(),
    entityType: z.string(),
    entityId: Id.nullable(),
    before: z.unknown(),
    after: z.unknown(),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' })

export const AuditQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500, 'at most 500').default(50),
    cursor: z.string().optional(),
    entityType: z.string().max(60).optional(),
    entityId: Id.optional(),
    actorId: Id.optional(),
    action: z.string().max(60).optional(),
    from: Timestamp.optional(),
    to: Timestamp.optional(),
  })
  .strict()

export const Workspace = z
  .object({
    id: Id,
    name: z.string(),
    slug: z.string(),
    locale: z.enum(['zh-CN', 'en']),
    currency: z.string(),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Workspace' })

export const WorkspaceUpdate = z
  .object({
    version: z.number().int().min(1),
    name: z.string().trim().min(1, 'name is required').max(100).optional(),
    locale: z.enum(['zh-CN', 'en']).optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as CNY')
      .optional(),
  })
  .strict()
  .meta({ id: 'WorkspaceUpdate' })

export const PasswordChange = z
  .object({
    currentPassword: z.string().min(1, 'current password is required'),
    newPassword: z.string().min(8, 'at least 8 characters').max(200),
  })
  .strict()
