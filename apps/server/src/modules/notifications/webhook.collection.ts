import { webhookKinds } from '@openkam/contract'
import type { z } from 'zod'
import type { Webhook } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { sealStored } from '../../core/crypto/secret-box'
import { outboundRefusal } from '../../core/http/outbound'
import { baseRecord } from '../../core/crud/mapping'
import { rolesFieldAccess } from './field-access.repository'
import { webhooks } from './notification.table'

type Row = Record<string, any>
type WebhookRecord = z.infer<typeof Webhook>

/** The wire record: the secret stays inside (`hasSecret` says whether one is set). */
export const webhookRecord = (r: Row): WebhookRecord => ({
  ...baseRecord(r),
  name: r.name,
  kind: r.kind,
  url: r.url,
  hasSecret: !!r.secret,
  events: r.events ?? [],
  enabled: r.enabled,
  fieldAccessRole: r.fieldAccessRole ?? null,
})

/** Webhooks and robots as a configuration collection (administrators by default): CRUD, audit, events. */
export const webhookCollection = new Collection<WebhookRecord, any, any>({
  name: 'webhooks',
  entity: 'webhook',
  label: 'Webhook',
  table: webhooks,
  toRecord: webhookRecord,
  toColumns: (input) => {
    const out: Row = {}
    for (const k of ['name', 'kind', 'url', 'events', 'enabled', 'fieldAccessRole'] as const)
      if (input[k] !== undefined) out[k] = input[k]
    // Absent keeps the secret, null or '' removes it; it is stored sealed (AES-256-GCM).
    if (input.secret !== undefined) out.secret = sealStored(input.secret)
    return out
  },
  validate: async (tx, ctx, c) => {
    const errors =
      c.kind !== 'webhook' && (c.events ?? []).length > 0
        ? [{ path: 'events', message: 'only plain webhooks (kind webhook) forward events' }]
        : []
    if (c.fieldAccessRole && !(await rolesFieldAccess(tx, ctx.ws)).has(c.fieldAccessRole))
      errors.push({ path: 'fieldAccessRole', message: `there is no role "${c.fieldAccessRole}"` })
    // Loopback, private, link-local and metadata addresses (checked again when sending).
    const refusal = await outboundRefusal(c.url)
    if (refusal) errors.push({ path: 'url', message: refusal })
    return errors
  },
  sortable: {
    name: { column: webhooks.name, kind: 'string' },
    createdAt: { column: webhooks.createdAt, kind: 'date' },
    updatedAt: { column: webhooks.updatedAt, kind: 'date' },
  },
  filterable: {
    kind: { column: webhooks.kind, kind: 'enum', values: webhookKinds },
    enabled: { column: webhooks.enabled, kind: 'boolean' },
  },
  search: [webhooks.name, webhooks.url],
  defaultSort: 'name',
})
