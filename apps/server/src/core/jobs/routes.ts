import { z } from 'zod'
import { JobRun, Problem } from '@openkam/contract'
import { scopeFor } from '../access/permissions'
import { AppError } from '../errors'
import type { App } from '../http/server'
import type { JobContext, JobRegistry } from './jobs'

/**
 * `POST /api/v1/jobs/run {job}`: an administrator runs a scheduled job now, for their workspace,
 * and gets its result when it has finished.
 */
export function registerJobRoutes(app: App, registry: JobRegistry, ctx: JobContext) {
  app.post(
    '/api/v1/jobs/run',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Run a scheduled job now for this workspace (administrators)',
        body: JobRun,
        response: {
          200: z.object({ job: z.string(), result: z.unknown() }),
          400: Problem,
          403: Problem,
        },
      },
    },
    async (req) => {
      if (scopeFor(req.ctx.principal, 'workspace', 'update') !== 'all')
        throw new AppError('forbidden', 'forbidden', 'Only administrators may run jobs')
      const manual = registry.all().filter((j) => j.manual)
      const job = manual.find((j) => j.name === req.body.job)
      if (!job)
        throw new AppError('invalid', 'invalid_input', `No job named ${req.body.job}`, {
          errors: [{ path: 'job', message: `one of ${manual.map((j) => j.name).join(', ') || '(none)'}` }],
        })
      const result = await job.handle({ ws: req.ctx.ws }, ctx)
      return { job: job.name, result: result ?? null }
    },
  )
}
