import { eq } from 'drizzle-orm'
import type {
  DeliveryStatus,
  Notification,
  NotificationChannel,
  NotificationPreferences,
} from '@openkam/contract'
import { scopeFor } from '../../core/access/permissions'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { newId, isUuid } from '../../core/ids'
import type { JobQueue } from '../../core/jobs/jobs'
import { peopleByIds, peopleWithRole, type Person } from '../users'
import { workspaces } from '../workspaces'
import {
  absoluteLink,
  dingtalkMessage,
  emailMessage,
  feishuMessage,
  wecomMessage,
  type Message,
} from './channels/messages'
import {
  findWebhook,
  firstEnabledOfKind,
  insertNotifications,
  notificationsOfRuns,
  type NewNotificationRow,
  type WebhookRow,
} from './notification.repository'
import { notificationRecord } from './notification.record'
import {
  hiddenForEndpoint,
  hiddenForPeople,
  redactorOf,
  redactRuleCall,
  type Personalize,
} from './field-access.service'
import { loadSettings, preferencesOf } from './settings.service'
import { langOf, type Lang } from './texts'

/** The job that sends one pending delivery row. */
export const DELIVER_JOB = 'notifications_deliver'

export type NotifyRequest = {
  userIds: string[]
  role?: string | null
  channels: NotificationChannel[]
  subject: string
  body: string
  link?: string | null
  relatedType?: string | null
  relatedId?: string | null
  ruleRunId?: string | null
  webhookId?: string | null
  /**
   * Renders `subject` and `body` for each reader from records without the fields hidden from them: a
   * person's own field access for in-app and e-mail, the endpoint's for robots and webhooks (SPEC R-23).
   * `subject` and `body` above are then only the fallback.
   */
  personalize?: Personalize
}

export type NotifyOutcome = {
  id: string
  channel: NotificationChannel
  userId: string | null
  status: DeliveryStatus
  error: string | null
}

const channelLabel: Record<string, string> = {
  email: 'e-mail',
  wecom: 'WeCom',
  dingtalk: 'DingTalk',
  feishu: 'Feishu',
  webhook: 'webhook',
}
const kindLabel: Record<string, string> = {
  webhook: 'webhook',
  wecom: 'WeCom robot',
  dingtalk: 'DingTalk robot',
  feishu: 'Feishu robot',
}

/** Queues the sending of pending rows, in the caller's transaction. */
export async function queueDeliveries(tx: Executor, ws: string, jobs: JobQueue, rows: NewNotificationRow[]) {
  const pending = rows.filter((r) => r.status === 'pending').map((r) => ({ ws, id: r.id }))
  await jobs.sendMany(tx, DELIVER_JOB, pending)
}

export const workspaceLocale = async (tx: Executor, ws: string) =>
  (await tx.select({ locale: workspaces.locale }).from(workspaces).where(eq(workspaces.id, ws)))[0]?.locale ??
  null

/** The people a request names: its users, or, with none, the holders of its role. */
async function recipientsOf(tx: Executor, ws: string, req: NotifyRequest): Promise<Person[]> {
  const ids = [...new Set(req.userIds.filter(isUuid))]
  if (ids.length) return peopleByIds(tx, ws, ids)
  return req.role ? peopleWithRole(tx, ws, req.role) : []
}

type Target = { endpoint: WebhookRow } | { error: string }

/** The robot or webhook a channel uses: the one named (if it is of that kind), else the first enabled one. */
async function endpointFor(
  tx: Executor,
  ws: string,
  channel: string,
  webhookId?: string | null,
): Promise<Target> {
  const chosen = webhookId && isUuid(webhookId) ? await findWebhook(tx, ws, webhookId) : null
  if (webhookId && (!chosen || chosen.deletedAt))
    return {
      error: `The ${kindLabel[channel]} chosen for this notification no longer exists — pick another one`,
    }
  if (chosen && chosen.kind === channel) {
    return chosen.enabled
      ? { endpoint: chosen }
      : { error: `The ${kindLabel[channel]} "${chosen.name}" is disabled — enable it in Settings → Channels` }
  }
  const first = await firstEnabledOfKind(tx, ws, channel)
  if (first) return { endpoint: first }
  const what = channel === 'webhook' ? 'No webhook is' : `No ${kindLabel[channel]} is`
  return { error: `${what} configured — add one in Settings → Channels` }
}

const robotPayload = (channel: string, m: Message, lang: Lang, to: Person | null) => {
  const mention = to ? { name: to.name, phone: to.phone } : null
  if (channel === 'wecom') return wecomMessage(m, lang, mention)
  if (channel === 'dingtalk') return dingtalkMessage(m, lang, mention)
  return feishuMessage(m, lang, mention)
}

/**
 * The texts of a notification per reader (SPEC R-23): rendered by `personalize` from what each person —
 * or each endpoint's role — may see; the request's own texts without it.
 */
async function textsFor(tx: Executor, ws: string, req: NotifyRequest, people: Person[]) {
  const plain = { subject: req.subject, body: req.body }
  const render = req.personalize
  if (!render) return { person: (_p: Person) => plain, endpoint: async (_w: WebhookRow) => plain }
  const byPerson = new Map<string, { subject: string; body: string }>()
  for (const [id, hidden] of await hiddenForPeople(
    tx,
    ws,
    people.map((p) => p.id),
  ))
    byPerson.set(id, render(redactorOf(hidden)))
  const byRole = new Map<string | null, { subject: string; body: string }>()
  return {
    person: (p: Person) => byPerson.get(p.id) ?? plain,
    endpoint: async (w: WebhookRow) => {
      if (!byRole.has(w.fieldAccessRole))
        byRole.set(w.fieldAccessRole, render(redactorOf(await hiddenForEndpoint(tx, ws, w.fieldAccessRole))))
      return byRole.get(w.fieldAccessRole)!
    },
  }
}

/**
 * Records a notification for each recipient on each channel and queues the sending, in the caller's
 * transaction; nothing goes over the network here. In-app rows are sent at once; e-mail and robot rows
 * are pending (or skipped, with the reason, when a channel is off, unset or unreachable for that person).
 * With no recipients, robot and webhook channels still post once (to the group); in-app and e-mail record a skip.
 * @example await notify(tx, ws, jobs, { userIds: [id], channels: ['in_app', 'email'], subject: 'Draft the contract', body: '' })
 */
export async function notify(
  tx: Executor,
  ws: string,
  jobs: JobQueue,
  req: NotifyRequest,
): Promise<NotifyOutcome[]> {
  const channels = [...new Set(req.channels)]
  const people = await recipientsOf(tx, ws, req)
  const settings = await loadSettings(tx, ws)
  const wsLocale = await workspaceLocale(tx, ws)
  const prefs = await preferencesOf(
    tx,
    ws,
    people.map((p) => p.id),
  )
  const now = new Date()
  const link = absoluteLink(req.link, settings.appUrl)
  const texts = await textsFor(tx, ws, req, people)
  const rows: NewNotificationRow[] = []
  const row = (
    channel: NotificationChannel,
    person: Person | null,
    outcome: {
      status: DeliveryStatus
      error?: string
      payload?: Record<string, unknown>
      webhookId?: string
    },
    text: { subject: string; body: string } = person ? texts.person(person) : req,
  ): NewNotificationRow => ({
    id: newId(),
    workspaceId: ws,
    userId: person?.id ?? null,
    role: req.role ?? null,
    channel,
    subject: text.subject,
    body: text.body,
    link: req.link ?? null,
    relatedType: req.relatedType ?? null,
    relatedId: req.relatedId && isUuid(req.relatedId) ? req.relatedId : null,
    ruleRunId: req.ruleRunId ?? null,
    webhookId: outcome.webhookId ?? null,
    status: outcome.status,
    error: outcome.error ?? null,
    payload: outcome.payload ?? null,
    sentAt: outcome.status === 'sent' ? now : null,
    createdAt: now,
  })
  const nobody = `Nobody to notify: ${req.role ? `nobody active holds the role ${req.role}` : 'no active recipient was given'}`
  const turnedOff = (
    p: Person,
    channel: Exclude<NotificationChannel, 'in_app' | 'webhook'>,
    pref: NotificationPreferences,
  ) =>
    pref.channels[channel] === false ? `${p.name} turned ${channelLabel[channel]} notifications off` : null

  for (const channel of channels) {
    if (channel === 'in_app') {
      if (!people.length) rows.push(row(channel, null, { status: 'skipped', error: nobody }))
      for (const p of people) rows.push(row(channel, p, { status: 'sent' }))
    } else if (channel === 'email') {
      if (!people.length) rows.push(row(channel, null, { status: 'skipped', error: nobody }))
      for (const p of people) {
        const off = turnedOff(p, 'email', prefs.get(p.id)!)
        const error = !settings.smtp
          ? 'E-mail is not set up for this workspace — add the SMTP server in Settings → Channels'
          : (off ?? (!p.email ? `${p.name} has no e-mail address` : null))
        rows.push(
          error
            ? row(channel, p, { status: 'skipped', error })
            : row(channel, p, {
                status: 'pending',
                payload: emailMessage({ ...texts.person(p), link }, langOf(p.locale, wsLocale), p.email),
              }),
        )
      }
    } else {
      const target = await endpointFor(tx, ws, channel, req.webhookId)
      for (const p of people.length ? people : [null]) {
        if ('error' in target) {
          rows.push(row(channel, p, { status: 'skipped', error: target.error }))
          continue
        }
        const off = p && channel !== 'webhook' ? turnedOff(p, channel, prefs.get(p.id)!) : null
        if (off) {
          rows.push(row(channel, p, { status: 'skipped', error: off }))
          continue
        }
        const lang = langOf(p?.locale, wsLocale)
        const message: Message = { ...(await texts.endpoint(target.endpoint)), link }
        const r = row(channel, p, { status: 'pending', webhookId: target.endpoint.id }, message)
        r.payload =
          channel === 'webhook'
            ? {
                type: 'notification',
                id: r.id,
                subject: message.subject,
                body: message.body,
                link: message.link,
                relatedType: r.relatedType,
                relatedId: r.relatedId,
                ruleRunId: r.ruleRunId,
                role: r.role,
                recipient: p ? { id: p.id, name: p.name, email: p.email, phone: p.phone } : null,
                occurredAt: now.toISOString(),
              }
            : robotPayload(channel, message, lang, p)
        if (channel === 'webhook') r.eventType = 'notification'
        rows.push(r)
      }
    }
  }
  await insertNotifications(tx, rows)
  await queueDeliveries(tx, ws, jobs, rows)
  return rows.map((r) => ({
    id: r.id!,
    channel: r.channel as NotificationChannel,
    userId: r.userId ?? null,
    status: r.status as DeliveryStatus,
    error: r.error ?? null,
  }))
}

/**
 * Posts a JSON payload to a webhook (a rule's call_webhook): the endpoint named, or an ad-hoc URL
 * (unsigned), or the workspace's first enabled webhook. Recorded and queued in the caller's transaction.
 */
export async function callWebhook(
  tx: Executor,
  ws: string,
  jobs: JobQueue,
  req: {
    webhookId?: string | null
    url?: string | null
    payload: Record<string, unknown>
    ruleRunId?: string | null
    subject?: string
  },
): Promise<{ id: string; status: DeliveryStatus; error: string | null }> {
  let target: Target | { url: string }
  if (req.webhookId) {
    const w = isUuid(req.webhookId) ? await findWebhook(tx, ws, req.webhookId) : null
    target =
      !w || w.deletedAt
        ? { error: 'The webhook chosen for this action no longer exists — pick another one' }
        : w.kind !== 'webhook'
          ? { error: `"${w.name}" is a ${kindLabel[w.kind]}; robots get messages through a notify action` }
          : !w.enabled
            ? { error: `The webhook "${w.name}" is disabled — enable it in Settings → Channels` }
            : { endpoint: w }
  } else if (req.url) target = { url: req.url }
  else target = await endpointFor(tx, ws, 'webhook')
  const error = 'error' in target ? target.error : null
  // An ad-hoc URL is an outside receiver like a webhook without a role: it gets what no role has hidden.
  const hidden = await hiddenForEndpoint(
    tx,
    ws,
    'endpoint' in target ? target.endpoint.fieldAccessRole : null,
  )
  const r: NewNotificationRow = {
    id: newId(),
    workspaceId: ws,
    channel: 'webhook',
    subject: req.subject ?? 'Webhook call',
    body: '',
    status: error ? 'skipped' : 'pending',
    error,
    ruleRunId: req.ruleRunId ?? null,
    webhookId: 'endpoint' in target ? target.endpoint.id : null,
    url: 'url' in target ? target.url : null,
    eventType: 'rule.webhook',
    payload: redactRuleCall(hidden, req.payload),
    createdAt: new Date(),
  }
  await insertNotifications(tx, [r])
  await queueDeliveries(tx, ws, jobs, [r])
  return { id: r.id!, status: r.status as DeliveryStatus, error }
}

/**
 * Every delivery the given rule runs caused, oldest first (for the run log). Texts are rendered per
 * reader (field-level security), so someone other than an administrator sees the subject and body only of
 * the deliveries addressed to them; of the others, who got what and how it went.
 */
export async function deliveriesForRuns(
  tx: Executor,
  ws: string,
  runIds: string[],
  viewer?: Ctx,
): Promise<Notification[]> {
  const out = (await notificationsOfRuns(tx, ws, runIds.filter(isUuid))).map(notificationRecord)
  if (!viewer || scopeFor(viewer.principal, 'workspace', 'update') === 'all') return out
  return out.map((n) =>
    n.userId && n.userId === viewer.principal.userId ? n : { ...n, subject: '', body: '' },
  )
}

/** The group robots (WeCom, DingTalk, Feishu) the workspace has switched on, for notes that mention people there. */
export async function enabledRobots(tx: Executor, ws: string): Promise<NotificationChannel[]> {
  const out: NotificationChannel[] = []
  for (const kind of ['wecom', 'dingtalk', 'feishu'] as const)
    if (await firstEnabledOfKind(tx, ws, kind)) out.push(kind)
  return out
}
