import type { Ctx } from '../../../core/context'
import type { Db } from '../../../core/db/types'
import type { EventSink } from '../../../core/events/bus'
import type { JobContext, JobQueue } from '../../../core/jobs/jobs'
import { langOf, notify, workspaceLocale, type NotifyOutcome } from '../../notifications'
import { peopleByIds, principalByEmail } from '../../users'
// eslint-disable-next-line no-restricted-imports -- the metrics are a folder of this module (reports)
import { computeView } from '../metrics/metric.service'
import { dashboardData } from './dashboard-data.service'
import { dashboardCollection } from './dashboard.collection'
import { readableReports } from './report-access'
import { composeSummary } from './subscription-summary'
import { dueNow } from './subscription-due'
import { claimSend, enabledSubscriptions, type SubscriptionRow } from './subscription.repository'

export type SendDeps = { db: Db; jobs: JobQueue; events: EventSink }

/** The subscriber as a principal of their workspace (their own visibility), or null when they left. */
async function subscriberCtx(deps: SendDeps, ws: string, userId: string | null) {
  if (!userId) return null
  const [person] = await peopleByIds(deps.db, ws, [userId])
  const principal = person ? await principalByEmail(deps.db, ws, person.email) : null
  if (!person || !principal) return null
  const ctx: Ctx = { ws, principal, events: deps.events }
  return { ctx, person }
}

/**
 * Sends one subscription's summary now: the dashboard's key numbers computed as the subscriber sees them,
 * in their language, through the subscription's channel, with a link to the dashboard. With `claimAt`,
 * the send first takes the current period (scheduled runs); a period already taken sends nothing (null).
 */
export async function sendSubscription(
  deps: SendDeps,
  row: Pick<SubscriptionRow, 'workspaceId' | 'id' | 'dashboardId' | 'ownerId' | 'channel' | 'lastSentAt'>,
  claimAt?: Date,
): Promise<NotifyOutcome[] | null> {
  const ws = row.workspaceId
  const who = await subscriberCtx(deps, ws, row.ownerId)
  if (!who) return null
  const lang = langOf(who.person.locale, await workspaceLocale(deps.db, ws))
  // The subscriber's own view: a dashboard no longer shared with them is not sent.
  const dashboard = await dashboardCollection.get(deps.db, who.ctx, row.dashboardId).catch(() => null)
  if (!dashboard) return null
  const data = await dashboardData(deps.db, who.ctx, dashboard.id, { lang, refresh: true })
  const reportIds = dashboard.widgets.flatMap((w) => (w.reportId ? [w.reportId] : []))
  const reports = await readableReports(deps.db, who.ctx, reportIds)
  const reportNames = Object.fromEntries(
    dashboard.widgets.flatMap((w) =>
      w.reportId && reports.has(w.reportId) ? [[w.id, reports.get(w.reportId)!.name]] : [],
    ),
  )
  // Every summary leads with the north-star progress (SPEC R-21), also of a dashboard without that widget.
  const northStar = dashboard.widgets.some((w) => w.view === 'north_star')
    ? undefined
    : await deps.db
        .transaction((tx) => computeView(tx, who.ctx, 'north_star', data.filters, lang))
        .catch(() => undefined)
  const message = composeSummary({ lang, dashboard, data, reportNames, link: null, northStar })
  return deps.db.transaction(async (tx) => {
    if (claimAt && !(await claimSend(tx, row as SubscriptionRow, claimAt))) return null
    return notify(tx, ws, deps.jobs, {
      userIds: [who.person.id],
      channels: [row.channel as 'email'],
      subject: message.subject,
      body: message.body,
      link: `/dashboards/${dashboard.id}`,
      relatedType: 'dashboard',
      relatedId: dashboard.id,
    })
  })
}

/**
 * The hourly run: sends every subscription due now (of one workspace with `ws`); one failing subscription
 * does not stop the others. Returns how many were sent.
 */
export async function runDueSubscriptions(
  ctx: Pick<JobContext, 'db' | 'jobs' | 'events' | 'log'>,
  data: { ws?: string },
  now = new Date(),
) {
  let sent = 0
  let failed = 0
  for (const row of await enabledSubscriptions(ctx.db, data.ws)) {
    if (!dueNow(row as Parameters<typeof dueNow>[0], now)) continue
    try {
      if (await sendSubscription(ctx, row, now)) sent++
    } catch (err) {
      failed++
      ctx.log.error({ err, subscription: row.id, ws: row.workspaceId }, 'dashboard subscription failed')
    }
  }
  return { sent, failed }
}
