import { and, eq, isNull, sql } from 'drizzle-orm'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import { newId } from '../../core/ids'
import { accountCollection, accounts } from '../accounts'
import { builtInMetrics } from '@openkam/contract'
import { modelMetricKeys } from './health.repository'
import { recomputeAccounts } from './health.service'
import { insertMetricValues, requestPendingRefresh } from './metric.repository'
import { markRefreshPending } from './refresh-pending.repository'

/** How far in the future a posted time may be (clock skew between systems). */
export const SKEW_MS = 5 * 60_000

type MetricPost = { metric: string; value: number; at?: string }
type UsageEventIn = {
  accountId: string
  type: string
  actor?: string
  feature?: string
  at: string
  eventId?: string
}

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows

/** The account must exist, be visible and be one the person may change. */
async function writableAccount(tx: Executor, ctx: Ctx, accountId: string) {
  accountCollection.scope(ctx, 'update')
  return accountCollection.get(tx, ctx, accountId)
}

/**
 * Records posted metric values of an account (`POST /accounts/:id/metrics`) and recomputes its health
 * in the same transaction, so the next read shows the new score.
 */
export async function postMetrics(
  tx: Executor,
  ctx: Ctx,
  accountId: string,
  body: MetricPost | MetricPost[],
) {
  await writableAccount(tx, ctx, accountId)
  const list = Array.isArray(body) ? body : [body]
  const now = Date.now()
  const path = (i: number, k: string) => (Array.isArray(body) ? `${i}.${k}` : k)
  // A metric is a built-in one or one a health model of the workspace names; any other key is a typo.
  const known = new Set<string>([...builtInMetrics, ...(await modelMetricKeys(tx, ctx.ws))])
  const unknown = list.flatMap((m, i) =>
    known.has(m.metric)
      ? []
      : [
          {
            path: path(i, 'metric'),
            message: `no health model uses the metric "${m.metric}"; add it to a model first`,
          },
        ],
  )
  if (unknown.length)
    throw new AppError(
      'invalid',
      'unknown_metric',
      'A metric is neither built in nor used by a health model',
      {
        errors: unknown,
      },
    )
  const errors = list.flatMap((m, i) =>
    m.at && Date.parse(m.at) > now + SKEW_MS
      ? [{ path: path(i, 'at'), message: 'must not be in the future' }]
      : [],
  )
  if (errors.length)
    throw new AppError('invalid', 'invalid_input', 'A metric value is dated in the future', { errors })
  await insertMetricValues(
    tx,
    ctx.ws,
    list.map((m) => ({
      accountId,
      metric: m.metric,
      value: m.value,
      at: m.at ? new Date(m.at) : undefined,
      source: 'api',
      recordedBy: ctx.principal.userId,
    })),
  )
  await recomputeAccounts(tx, ctx, [accountId], { reason: 'input' })
  return { recorded: list.length }
}

/** Events written per INSERT: arrays of this many values a column. */
const INSERT_CHUNK = 5000

/**
 * Ingests usage events (at most 10,000 a call) in one transaction: every account must exist and be visible,
 * else 400 names the rows and nothing is recorded. The events are written with one multi-row INSERT … SELECT
 * FROM unnest(column arrays) per 5,000, skipping those whose `eventId` was received before or earlier in the
 * same call (idempotent). The accounts touched are marked as waiting for a refresh; a job refreshes their
 * derived usage metrics and health once for all the batches of a burst, after the answer.
 */
export async function ingestUsageEvents(tx: Executor, ctx: Ctx, events: UsageEventIn[]) {
  const scope = accountCollection.scope(ctx, 'read')
  const ids = [...new Set(events.map((e) => e.accountId))]
  const known = new Set(
    (
      await tx
        .select({ id: accounts.id })
        .from(accounts)
        .where(
          and(
            eq(accounts.workspaceId, ctx.ws),
            isNull(accounts.deletedAt),
            sql`${accounts.id} = any(${sql.param(ids)}::uuid[])`,
            accountCollection.visibility(ctx, scope),
          ),
        )
    ).map((r) => r.id),
  )
  const now = Date.now()
  const errors = events.flatMap((e, i) => [
    ...(known.has(e.accountId)
      ? []
      : [{ path: `${i}.accountId`, message: `no such account: ${e.accountId}` }]),
    ...(Date.parse(e.at) > now + SKEW_MS ? [{ path: `${i}.at`, message: 'must not be in the future' }] : []),
  ])
  if (errors.length)
    throw new AppError(
      'invalid',
      'invalid_input',
      `${errors.length} usage event(s) refused; nothing was recorded`,
      {
        errors: errors.slice(0, 100),
      },
    )
  let accepted = 0
  for (let i = 0; i < events.length; i += INSERT_CHUNK) {
    const chunk = events.slice(i, i + INSERT_CHUNK)
    const col = <T>(f: (e: UsageEventIn) => T) => sql.param(chunk.map(f))
    const [r] = rowsOf<{ n: number }>(
      await tx.execute(sql`
      with ins as (insert into usage_events (id, workspace_id, account_id, type, actor, feature, at, event_id, received_at)
      select v.id, ${ctx.ws}, v.account_id, v.type, v.actor, v.feature, v.at, v.event_id, now()
      from unnest(${col(() => newId())}::uuid[], ${col((e) => e.accountId)}::uuid[], ${col((e) => e.type)}::text[],
        ${col((e) => e.actor ?? null)}::text[], ${col((e) => e.feature ?? null)}::text[],
        ${col((e) => e.at)}::timestamptz[], ${col((e) => e.eventId ?? null)}::text[])
        as v(id, account_id, type, actor, feature, at, event_id)
      on conflict (workspace_id, event_id) where event_id is not null do nothing
      returning 1)
      select count(*)::int as n from ins`),
    )
    accepted += Number(r?.n ?? 0)
  }
  if (await markRefreshPending(tx, ctx.ws, ids)) await requestPendingRefresh(tx, ctx.ws)
  return { received: events.length, accepted, duplicates: events.length - accepted }
}
