import { Counter } from 'prom-client'
import { processMetrics } from '../../core/observability/metrics'

/**
 * Every attempt to send a delivery (webhooks, robots, e-mail, SMS), by channel and result: `sent`, `retry`
 * (failed, tried again later) or `failed` (given up). Failures are `result!="sent"`.
 */
export const deliveryAttempts = new Counter({
  name: 'openkam_delivery_attempts_total',
  help: 'Delivery attempts by channel (webhook, email, sms…) and result: sent, retry (failed, will be tried again) or failed (given up)',
  labelNames: ['channel', 'result'] as const,
  registers: [processMetrics],
})
