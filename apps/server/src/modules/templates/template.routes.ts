import { z } from 'zod'
import { BuiltInTemplate, Problem, TemplateFile, TemplatePlan } from '@openkam/contract'
import type { App } from '../../core/http/server'
import type { Db } from '../../core/db/types'
import type { JobQueue } from '../../core/jobs/jobs'
import { getWorkspace } from '../workspaces'
import { builtInTemplates } from './builtin-templates'
import { exportTemplate, importTemplate } from './template-file.service'

const errors = { 400: Problem, 401: Problem, 403: Problem, 409: Problem, 422: Problem }
/** A whole workspace's configuration is far below this; the default body limit (1 MiB) is not. */
const TEMPLATE_BODY_LIMIT = 8 * 1024 * 1024

/** Workspace template files (SPEC R-32, docs/templates.md): export, preview, import; the built-in templates. */
export function registerTemplateRoutes(app: App, db: Db, deps: { jobs: JobQueue }) {
  const tags = ['templates']
  app.get(
    '/api/v1/workspace-templates',
    {
      schema: {
        tags,
        summary: 'The built-in workspace templates a new workspace can start from (names in both languages)',
        response: { 200: z.object({ data: z.array(BuiltInTemplate) }) },
      },
    },
    async () => ({
      data: builtInTemplates.map(({ key, name, description }) => ({ key, name, description })),
    }),
  )
  app.get(
    '/api/v1/workspace-template',
    {
      schema: {
        tags,
        summary:
          "The workspace's whole configuration as one versioned template file (administrators; no business records, people or secrets)",
        response: { 200: TemplateFile, ...errors },
      },
    },
    async (req, reply) => {
      const file = await db.transaction(async (tx) => {
        const w = await getWorkspace(tx, req.ctx)
        return exportTemplate(tx, req.ctx, { name: w.name })
      })
      const day = file.exportedAt!.slice(0, 10)
      reply.header('content-disposition', `attachment; filename="openkam-template-${day}.json"`)
      return file
    },
  )
  app.post(
    '/api/v1/workspace-template/preview',
    {
      bodyLimit: TEMPLATE_BODY_LIMIT,
      schema: {
        tags,
        summary:
          'What importing the template file would create, change and leave, per kind (administrators; writes nothing)',
        body: TemplateFile,
        response: { 200: TemplatePlan, ...errors },
      },
    },
    async (req) => db.transaction((tx) => importTemplate(tx, req.ctx, deps, req.body as never, false)),
  )
  app.post(
    '/api/v1/workspace-template/import',
    {
      bodyLimit: TEMPLATE_BODY_LIMIT,
      schema: {
        tags,
        summary:
          'Apply a template file in one transaction: items matched by key are changed, the rest created, nothing deleted; importing it again changes nothing (administrators)',
        body: TemplateFile,
        response: { 200: TemplatePlan, ...errors },
      },
    },
    async (req) => db.transaction((tx) => importTemplate(tx, req.ctx, deps, req.body as never, true)),
  )
}
