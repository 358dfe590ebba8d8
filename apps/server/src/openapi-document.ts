import { buildApp } from './app'
import { loadConfig } from './core/config'
import type { Runtime } from './runtime'

/**
 * The OpenAPI description the server serves at /api/openapi.json, built without a database or a port:
 * the routes are registered on an app whose runtime is never used to answer a request. The typed
 * client (packages/client) is generated from it.
 */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const config = loadConfig({ OPENKAM_DATA_DIR: 'memory://', OPENKAM_LOG_LEVEL: 'silent' })
  const unused = () => {
    throw new Error('the OpenAPI document is built without a runtime')
  }
  const rt = {
    config,
    database: { kind: 'pglite', db: new Proxy({}, { get: unused }) },
    events: { emit: unused },
    jobs: new Proxy({}, { get: () => unused }),
    jobRegistry: new Proxy({}, { get: () => unused }),
    isReady: async () => false,
  } as unknown as Runtime
  const app = await buildApp(rt, { logger: false, web: false })
  try {
    return app.swagger() as unknown as Record<string, unknown>
  } finally {
    await app.close()
  }
}
