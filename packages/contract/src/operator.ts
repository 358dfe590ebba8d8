import { z } from 'zod'
import { Id, Timestamp } from './common'
import { Password } from './auth'
import { TemplateFile } from './templates'

/** One of the signed-in person's workspaces (`GET /api/v1/auth/workspaces`). */
export const MyWorkspace = z
  .object({
    id: Id,
    name: z.string(),
    slug: z.string(),
    current: z.boolean().describe('the workspace of this session'),
    lastUsedAt: Timestamp.nullable().describe("the person's last sign-in there"),
  })
  .meta({ id: 'MyWorkspace' })

/** `POST /api/v1/auth/switch`. */
export const WorkspaceSwitch = z.object({ workspaceId: Id }).strict().meta({ id: 'WorkspaceSwitch' })

/** A workspace as the instance operator sees it (`GET /api/v1/operator/workspaces`). */
export const OperatorWorkspace = z
  .object({
    id: Id,
    name: z.string(),
    slug: z.string(),
    locale: z.string(),
    createdAt: Timestamp,
    users: z.number().int().describe('active people'),
    accounts: z.number().int().describe('accounts not deleted'),
    demo: z.boolean(),
  })
  .meta({ id: 'OperatorWorkspace' })

/** `POST /api/v1/operator/workspaces`: a new workspace from a template, with its first administrator. */
export const OperatorWorkspaceCreate = z
  .object({
    name: z.string().trim().min(1, 'name the workspace').max(100),
    slug: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'lower-case letters, digits and - (2–40)')
      .optional()
      .describe('the workspace key used by sign-in and the CLI; made from the name when left out'),
    locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
    template: z
      .union([z.string().min(1).max(40), TemplateFile])
      .default('standard')
      .describe('a built-in template key (GET /api/v1/workspace-template) or a template file'),
    adminEmail: z.email('must be an e-mail address').transform((s) => s.toLowerCase()),
    adminName: z.string().trim().min(1, 'name is required').max(100).optional(),
    adminPassword: Password.describe('the administrator’s first password; tell them, they change it'),
  })
  .strict()
  .meta({ id: 'OperatorWorkspaceCreate' })
export type OperatorWorkspaceCreate = z.output<typeof OperatorWorkspaceCreate>
