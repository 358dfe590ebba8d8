import { createHttpServer, serveWeb, type App } from './core/http/server'
import { registerAuthRoutes, resolvePrincipal } from './modules/users'
import { registerAccountRoutes } from './modules/accounts'
import { registerAuditRoutes } from './modules/audit'
import { registerWorkspaceRoutes } from './modules/workspaces'
import { defaultWebDir, type Runtime } from './runtime'
import { VERSION } from './version'

/** The HTTP application: the kernel from core/ with every module's routes. */
export async function buildApp(rt: Runtime, opts: { logger?: boolean; web?: boolean } = {}): Promise<App> {
  const db = rt.database.db
  const app = await createHttpServer({
    config: rt.config,
    events: rt.events,
    resolvePrincipal: (token) => resolvePrincipal(db, token),
    isReady: () => rt.isReady(),
    version: VERSION,
    logger: opts.logger,
  })
  registerAuthRoutes(app, db, rt.config)
  registerWorkspaceRoutes(app, db)
  registerAccountRoutes(app, db)
  registerAuditRoutes(app, db)
  if (opts.web !== false) await serveWeb(app, rt.config.webDir ?? defaultWebDir())
  await app.ready()
  return app
}
