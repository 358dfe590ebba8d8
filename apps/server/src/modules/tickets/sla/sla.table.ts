import { integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { tstz } from '../../../core/db/columns'

type Hours = { start: string; end: string }
type Day = { date: string; name: string }

/** The workspace's business calendar (service levels); the default applies while there is no row. */
export const businessCalendars = pgTable('business_calendars', {
  workspaceId: uuid('workspace_id').primaryKey(),
  timeZone: text('time_zone').notNull(),
  /** Monday first: each day's working hours, or null for a day off. */
  week: jsonb('week').$type<(Hours | null)[]>().notNull(),
  holidays: jsonb('holidays').$type<Day[]>().notNull(),
  workdays: jsonb('workdays').$type<Day[]>().notNull(),
  extraDayHours: jsonb('extra_day_hours').$type<Hours>().notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
})

/**
 * The service-level warnings and breaches raised, one row per ticket, target (first_response /
 * resolution) and kind (at_risk / breached): the key makes each happen once however often the sweep runs.
 */
export const ticketSlaEvents = pgTable(
  'ticket_sla_events',
  {
    workspaceId: uuid('workspace_id').notNull(),
    ticketId: uuid('ticket_id').notNull(),
    target: text('target').notNull(),
    kind: text('kind').notNull(),
    at: tstz('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.ticketId, t.target, t.kind] })],
)
