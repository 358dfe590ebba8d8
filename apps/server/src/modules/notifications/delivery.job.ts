import type { Config } from '../../core/config'
import type { Executor } from '../../core/db/types'
import type { JobContext, JobDef } from '../../core/jobs/jobs'
import { sendEmail, type Mail } from './channels/email.sender'
import { sendSms, type SmsMessage } from './channels/sms/sms.sender'
import { postToEndpoint, type SendResult } from './channels/http.sender'
import {
  claimForSending,
  findNotification,
  findWebhook,
  finishDelivery,
  stuckDeliveries,
  type NotificationRow,
} from './notification.repository'
import { DELIVER_JOB } from './notify.service'
import { afterFailure } from './retry'
import { loadSettings } from './settings.service'
import { openStored } from '../../core/crypto/secret-box'
import { deliveryAttempts } from './delivery.metrics'

type Outcome = SendResult & { permanent?: boolean }

/** Sends one row over its channel; never throws for a refusal or an unreachable receiver. */
async function send(db: Executor, row: NotificationRow, config: Config): Promise<Outcome> {
  const payload = (row.payload ?? {}) as Record<string, unknown>
  if (row.channel === 'email') {
    const { smtp } = await loadSettings(db, row.workspaceId)
    if (!smtp)
      return {
        ok: false,
        error: 'E-mail is not set up for this workspace — add the SMTP server in Settings → Channels',
      }
    return sendEmail(smtp, payload as Mail, config.webhookTimeoutMs)
  }
  if (row.channel === 'sms') {
    const { sms } = await loadSettings(db, row.workspaceId)
    if (!sms)
      return {
        ok: false,
        permanent: true,
        error: 'SMS was removed from Settings → Channels before the text went out',
      }
    if (!sms.enabled)
      return { ok: false, permanent: true, error: 'SMS was switched off before the text went out' }
    return sendSms(sms, payload as SmsMessage, { timeoutMs: config.webhookTimeoutMs })
  }
  let endpoint: { kind: string; url: string; secret: string | null }
  if (row.webhookId) {
    const w = await findWebhook(db, row.workspaceId, row.webhookId)
    if (!w || w.deletedAt)
      return {
        ok: false,
        permanent: true,
        error: 'The robot or webhook was deleted before the message went out',
      }
    if (!w.enabled)
      return { ok: false, permanent: true, error: `"${w.name}" was disabled before the message went out` }
    endpoint = { kind: w.kind, url: w.url, secret: openStored(w.secret) }
  } else if (row.url) endpoint = { kind: 'webhook', url: row.url, secret: null }
  else return { ok: false, permanent: true, error: 'The delivery names no robot, webhook or URL' }
  return postToEndpoint(endpoint, payload, {
    timeoutMs: config.webhookTimeoutMs,
    deliveryId: row.id,
    eventType: row.eventType ?? undefined,
  })
}

/**
 * Sends one delivery row and records the outcome. A failure is retried with a doubling delay
 * (config.retryBaseSeconds, then × 2 …) until config.retryMaxAttempts attempts, then marked failed.
 * A row already sent (or being sent by another worker) is left alone.
 */
export async function deliver(ctx: Pick<JobContext, 'db' | 'jobs' | 'config'>, ws: string, id: string) {
  const lockSeconds = Math.ceil(ctx.config.webhookTimeoutMs / 1000) + 30
  const row = await claimForSending(ctx.db, ws, id, lockSeconds)
  if (!row) {
    const current = await findNotification(ctx.db, ws, id)
    const held = current?.lockedUntil && current.lockedUntil > new Date()
    // Another worker holds it: pg-boss tries again later, and by then it is done or free.
    if (current && ['pending', 'retrying'].includes(current.status) && held)
      throw new Error(`Delivery ${id} is being sent by another worker`)
    // Done already, or a retry that is not due yet (its own job comes at its time).
    return { id, status: current?.status ?? 'missing' }
  }
  let outcome: Outcome
  try {
    outcome = await send(ctx.db, row, ctx.config)
  } catch (err) {
    outcome = { ok: false, error: `Sending failed: ${(err as Error)?.message ?? String(err)}` }
  }
  const attempts = row.attempts + 1
  const next = outcome.permanent
    ? { status: 'failed' as const, delaySeconds: null }
    : afterFailure(attempts, ctx.config.retryMaxAttempts, ctx.config.retryBaseSeconds)
  const status = outcome.ok ? 'sent' : next.status
  const delay = !outcome.ok ? next.delaySeconds : null
  deliveryAttempts.inc({
    channel: row.channel,
    result: outcome.ok ? 'sent' : delay !== null ? 'retry' : 'failed',
  })
  await finishDelivery(ctx.db, ws, id, {
    status,
    attempts,
    error: outcome.ok ? null : (outcome.error ?? 'unknown error').slice(0, 2000),
    response: outcome.response ?? null,
    sentAt: outcome.ok ? new Date() : null,
    nextAttemptAt: delay !== null ? new Date(Date.now() + delay * 1000) : null,
  })
  // Queued after the row is saved, outside a transaction: a delayed send through the transaction
  // adapter fails (core/db/raw-sql.ts splits pg-boss's repeated $n parameters). Should this process
  // stop in between, the sweep below finds the row and queues it again.
  if (delay !== null) await ctx.jobs.send(null, DELIVER_JOB, { ws, id }, { startAfterSeconds: delay })
  return { id, status, attempts }
}

/**
 * Queues again the deliveries whose job got lost (a process stopped between saving a retry and
 * queueing it, or pg-boss gave up after crashes): pending or retrying rows overdue by two minutes.
 * Sending twice is harmless: a row is claimed before it is sent and a sent row is left alone.
 */
export async function sweepStuck(ctx: Pick<JobContext, 'db' | 'jobs'>, now = new Date()) {
  const stuck = await stuckDeliveries(ctx.db, new Date(now.getTime() - 120_000))
  for (const r of stuck) await ctx.jobs.send(null, DELIVER_JOB, { ws: r.workspaceId, id: r.id })
  return { requeued: stuck.length }
}

export const sweepJob: JobDef = {
  name: 'notifications_sweep',
  cron: '* * * * *',
  handle: (_data, ctx) => sweepStuck(ctx),
}

export const deliverJob: JobDef<{ ws: string; id: string }> = {
  name: DELIVER_JOB,
  // Only crashes reach pg-boss's retries; refusals are retried above with the configured backoff.
  retryLimit: 5,
  retryDelaySeconds: 5,
  // Deliveries wait on other systems (a webhook, a robot, SMTP): eight at a time per process.
  concurrency: 8,
  handle: (data, ctx) => deliver(ctx, data.ws, data.id),
}
