import type { EventHandler } from '../../core/events/registry'
import type { DomainEvent } from '../../core/events/types'
import type { Executor } from '../../core/db/types'
import { matches } from '../../core/events/registry'
import { newId, isUuid } from '../../core/ids'
import type { JobQueue } from '../../core/jobs/jobs'
import { hiddenForEndpoint, redactEvent } from './field-access.service'
import type { HiddenFields } from './field-redaction'
import { eventSubscribers, insertNotifications, type NewNotificationRow } from './notification.repository'
import { queueDeliveries } from './notify.service'

/**
 * Forwards domain events to the plain webhooks subscribed to them: one delivery row per endpoint,
 * queued in the handler's transaction (so a redelivered event adds nothing). The webhooks' own
 * configuration events are not forwarded. Each endpoint gets the payload without the fields hidden from
 * its role — or, naming none, from any role (SPEC R-23).
 */
export const webhookForwardHandler = (deps: { jobs: JobQueue }): EventHandler => ({
  name: 'webhooks.forward',
  events: ['*'],
  transactional: true,
  handle: (tx, event) => forward(tx, deps, [event]),
  // A batch reads each workspace's subscribers once and writes its deliveries in one statement each.
  handleMany: (tx, events) => forward(tx, deps, events),
})

async function forward(tx: Executor, deps: { jobs: JobQueue }, events: DomainEvent[]) {
  const byWs = new Map<string, DomainEvent[]>()
  for (const e of events) {
    if (e.type.startsWith('webhook.')) continue
    const list = byWs.get(e.workspaceId) ?? []
    byWs.set(e.workspaceId, list)
    list.push(e)
  }
  for (const [ws, wsEvents] of byWs) {
    const subscribers = await eventSubscribers(tx, ws)
    if (!subscribers.length) continue
    const now = new Date()
    const hiddenByRole = new Map<string | null, HiddenFields>()
    const rows: NewNotificationRow[] = []
    for (const event of wsEvents) {
      const endpoints = subscribers.filter((w) =>
        (w.events ?? []).some((pattern) => matches(pattern, event.type)),
      )
      for (const w of endpoints) {
        if (!hiddenByRole.has(w.fieldAccessRole))
          hiddenByRole.set(w.fieldAccessRole, await hiddenForEndpoint(tx, ws, w.fieldAccessRole))
        rows.push({
          id: newId(),
          workspaceId: ws,
          channel: 'webhook',
          subject: event.type,
          body: '',
          relatedType: event.entityType,
          relatedId: event.entityId && isUuid(event.entityId) ? event.entityId : null,
          status: 'pending',
          webhookId: w.id,
          eventType: event.type,
          payload: {
            id: event.id,
            type: event.type,
            occurredAt: event.occurredAt,
            entityType: event.entityType,
            entityId: event.entityId,
            payload: redactEvent(
              hiddenByRole.get(w.fieldAccessRole)!,
              event.entityType,
              event.payload,
            ) as Record<string, unknown>,
          },
          createdAt: now,
        })
      }
    }
    if (!rows.length) continue
    await insertNotifications(tx, rows)
    await queueDeliveries(tx, ws, deps.jobs, rows)
  }
}
