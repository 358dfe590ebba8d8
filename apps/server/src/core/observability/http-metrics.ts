import { Counter, Histogram } from 'prom-client'
import type { FastifyInstance } from 'fastify'
import { processMetrics } from './metrics'

const labelNames = ['method', 'route', 'status_class'] as const

const duration = new Histogram({
  name: 'openkam_http_request_duration_seconds',
  help: 'Time from receiving a request to its answer sent, by method, route pattern and status class',
  labelNames,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [processMetrics],
})

const requests = new Counter({
  name: 'openkam_http_requests_total',
  help: 'Requests answered, by method, route pattern and status class',
  labelNames,
  registers: [processMetrics],
})

/** The label of a request that matched no route (the 404 handler): one series, whatever the URL. */
export const UNMATCHED_ROUTE = 'unmatched'

/**
 * Counts and times every answered request by its route *pattern* (`/api/v1/accounts/:id`), never the
 * raw URL, so the number of series stays that of the routes.
 */
export function measureRequests(app: FastifyInstance) {
  app.addHook('onResponse', (req, reply, done) => {
    const labels = {
      method: req.method,
      route: req.routeOptions.url ?? UNMATCHED_ROUTE,
      status_class: `${Math.floor(reply.statusCode / 100)}xx`,
    }
    duration.observe(labels, reply.elapsedTime / 1000)
    requests.inc(labels)
    done()
  })
}
