import type { DashboardSubscription } from '@openkam/contract'
import { Collection } from '../../../core/crud/collection'
import { baseRecord, iso } from '../../../core/crud/mapping'
import { AppError } from '../../../core/errors'
import { dashboardSubscriptions } from '../report.table'
import { dashboardCollection } from './dashboard.collection'

type Row = Record<string, any>

export const subscriptionRecord = (r: Row): DashboardSubscription => {
  const { createdBy: _c, deletedAt: _d, custom: _x, ...base } = baseRecord(r)
  return {
    ...base,
    dashboardId: r.dashboardId,
    channel: r.channel,
    frequency: r.frequency,
    hour: r.hour,
    enabled: r.enabled,
    lastSentAt: iso(r.lastSentAt),
  }
}

const KEYS = ['dashboardId', 'channel', 'frequency', 'hour', 'enabled'] as const
const DEFAULTS: Row = { frequency: 'weekly', hour: 8, enabled: true }

/**
 * A person's scheduled summary of a dashboard (SPEC R-21): theirs alone (the owner is the subscriber),
 * and only of a dashboard they may read.
 */
export const subscriptionCollection = new Collection<DashboardSubscription, any, any>({
  name: 'dashboard-subscriptions',
  entity: 'dashboard_subscription',
  label: 'Dashboard subscription',
  table: dashboardSubscriptions,
  toRecord: subscriptionRecord,
  toColumns: (input) => {
    const cols: Row = {}
    for (const k of KEYS) if (k in input) cols[k] = (input as Row)[k] ?? DEFAULTS[k] ?? null
    return cols
  },
  validate: async (tx, ctx, c, before) => {
    if (before && before.dashboardId === c.dashboardId) return []
    try {
      await dashboardCollection.get(tx, ctx, c.dashboardId)
      return []
    } catch (err) {
      if (!(err instanceof AppError) || !['not_found', 'forbidden'].includes(err.kind)) throw err
      return [{ path: 'dashboardId', message: `no dashboard you may read has the id ${c.dashboardId}` }]
    }
  },
  sortable: {
    createdAt: { column: dashboardSubscriptions.createdAt, kind: 'date' },
    updatedAt: { column: dashboardSubscriptions.updatedAt, kind: 'date' },
    hour: { column: dashboardSubscriptions.hour, kind: 'number' },
  },
  filterable: {
    dashboardId: { column: dashboardSubscriptions.dashboardId, kind: 'uuid' },
    ownerId: { column: dashboardSubscriptions.ownerId, kind: 'uuid' },
    channel: {
      column: dashboardSubscriptions.channel,
      kind: 'enum',
      values: ['email', 'wecom', 'dingtalk', 'feishu'],
    },
    enabled: { column: dashboardSubscriptions.enabled, kind: 'boolean' },
  },
  search: [],
  defaultSort: '-createdAt',
})
