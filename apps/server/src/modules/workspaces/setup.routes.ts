import { LoginResponse, Problem, SetupBody, SetupStatus } from '@openkam/contract'
import type { App } from '../../core/http/server'
import type { Config } from '../../core/config'
import type { Db } from '../../core/db/types'
import type { EventSink } from '../../core/events/bus'
import { login, setSessionCookie } from '../users'
import { runSetup, setupStatus, type SetupInput, type TemplateInstaller } from './setup.service'

/**
 * First run (issue 18.6): an empty installation shows the setup screen, which creates the first
 * workspace and administrator and signs them in. Public, and rate-limited like sign-in.
 */
export function registerSetupRoutes(
  app: App,
  db: Db,
  deps: { config: Config; events: EventSink; templates: Record<SetupInput['template'], TemplateInstaller> },
) {
  const tags = ['setup']
  app.get(
    '/api/v1/setup',
    {
      config: { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Whether this installation still needs its first workspace, and whether the demo exists',
        security: [],
        response: { 200: SetupStatus },
      },
    },
    async () => setupStatus(db),
  )
  app.post(
    '/api/v1/setup',
    {
      config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary:
          'Create the first workspace (name, language, template) and its administrator, and sign them in; 409 once set up',
        security: [],
        body: SetupBody,
        response: { 201: LoginResponse, 400: Problem, 409: Problem, 429: Problem },
      },
    },
    async (req, reply) => {
      await runSetup(db, deps.events, req.body, deps.templates)
      const session = await login(
        db,
        { email: req.body.email, password: req.body.password },
        {
          ip: req.ip,
          userAgent: req.headers['user-agent'],
          sessionDays: deps.config.sessionDays,
          maxFailures: deps.config.loginMaxFailures,
        },
      )
      setSessionCookie(req, reply, session)
      return reply.code(201).send(session)
    },
  )
}
