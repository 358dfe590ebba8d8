import { collectDefaultMetrics, Registry } from 'prom-client'

/**
 * The metrics of this process: HTTP requests, deliveries and Node's own (CPU, memory, event loop, GC),
 * whatever app or runtime they come from. A module adds its counters here; the scrape-time gauges of the
 * database and the job queue are merged in by the metrics listener (metrics-server.ts).
 * @example new Counter({ name: 'openkam_things_total', help: 'Things done', registers: [processMetrics] })
 */
export const processMetrics = new Registry()

// The standard names (process_*, nodejs_*), so that ready-made Node.js dashboards work.
collectDefaultMetrics({ register: processMetrics })
