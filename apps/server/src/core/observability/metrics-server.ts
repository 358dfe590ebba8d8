import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Registry } from 'prom-client'
import type { Config } from '../config'
import type { Database } from '../db/types'
import { processMetrics } from './metrics'
import { runtimeGauges } from './runtime-gauges'

export type MetricsServer = { port: number; host: string; close(): Promise<void> }

/**
 * A listener of its own for `GET /metrics` (Prometheus text format), apart from the API's port: it is
 * never behind the public proxy, binds where the operator says, and `openkam worker` (which serves no
 * HTTP) has one too. Anything but `GET /metrics` is 404.
 * @example const m = await startMetricsServer(registry, { port: 9464, host: '127.0.0.1' })
 */
export async function startMetricsServer(
  registry: Registry,
  opts: { port: number; host: string },
): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0]
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: the metrics are at GET /metrics\n')
      return
    }
    registry.metrics().then(
      (text) =>
        res.writeHead(200, { 'content-type': registry.contentType }).end(req.method === 'HEAD' ? '' : text),
      (err: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`${err.message}\n`),
    )
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  return {
    port,
    host: opts.host,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/**
 * The process's metrics and its runtime's gauges on `OPENKAM_METRICS_PORT`, when that is set (else
 * nothing is served). Used by `openkam start` and `openkam worker`.
 */
export async function serveMetrics(
  config: Pick<Config, 'metricsPort' | 'metricsHost'>,
  database: Pick<Database, 'db' | 'poolStats'>,
  log: { error(obj: unknown, msg?: string): void },
): Promise<MetricsServer | undefined> {
  if (config.metricsPort === undefined) return undefined
  let reportedAt = 0
  const gauges = runtimeGauges(database, {
    // At most once a minute, not at every scrape while the database is away.
    onError: (err) => {
      if (Date.now() - reportedAt < 60_000) return
      reportedAt = Date.now()
      log.error({ err }, 'metrics: the job queue figures could not be read')
    },
  })
  return startMetricsServer(Registry.merge([processMetrics, gauges]), {
    port: config.metricsPort,
    host: config.metricsHost,
  })
}
