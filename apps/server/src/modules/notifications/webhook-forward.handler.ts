import type { EventHandler } from '../../core/events/registry'
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
  async handle(tx, event) {
    if (event.type.startsWith('webhook.')) return
    const endpoints = (await eventSubscribers(tx, event.workspaceId)).filter((w) =>
      (w.events ?? []).some((pattern) => matches(pattern, event.type)),
    )
    if (!endpoints.length) return
    const now = new Date()
    const hiddenByRole = new Map<string | null, HiddenFields>()
    for (const w of endpoints)
      if (!hiddenByRole.has(w.fieldAccessRole))
        hiddenByRole.set(w.fieldAccessRole, await hiddenForEndpoint(tx, event.workspaceId, w.fieldAccessRole))
    const rows: NewNotificationRow[] = endpoints.map((w) => ({
      id: newId(),
      workspaceId: event.workspaceId,
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
        payload: redactEvent(hiddenByRole.get(w.fieldAccessRole)!, event.entityType, event.payload) as Record<
          string,
          unknown
        >,
      },
      createdAt: now,
    }))
    await insertNotifications(tx, rows)
    await queueDeliveries(tx, event.workspaceId, deps.jobs, rows)
  },
})
