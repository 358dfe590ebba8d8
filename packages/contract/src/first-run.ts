import { z } from 'zod'
import { Password } from './auth'

/** The workspace templates a first run can start from (standard and demo install the default KAM template; saas the SaaS template file over it, SPEC R-32). */
export const workspaceTemplates = ['standard', 'saas', 'demo'] as const

/** `GET /api/v1/setup`: whether the installation still needs its first workspace, and whether the demo exists. */
export const SetupStatus = z
  .object({
    needed: z.boolean().describe('true while the installation has no workspace (the setup screen shows)'),
    demo: z.boolean().describe('true when the demo workspace exists (the sign-in page shows its login)'),
  })
  .meta({ id: 'SetupStatus' })

/** `POST /api/v1/setup`: the first workspace and its first administrator, created together. */
export const SetupBody = z
  .object({
    workspaceName: z.string().trim().min(1, 'name the workspace').max(100),
    locale: z.enum(['zh-CN', 'en']),
    template: z.enum(workspaceTemplates).default('standard'),
    adminName: z.string().trim().min(1, 'name is required').max(100),
    email: z.email('must be an e-mail address').transform((s) => s.toLowerCase()),
    password: Password,
  })
  .strict()
  .meta({ id: 'SetupBody' })
