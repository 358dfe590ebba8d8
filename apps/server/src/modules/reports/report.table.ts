import { sql } from 'drizzle-orm'
import {
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import type {
  DashboardFilters,
  DashboardWidget,
  EffortCosts,
  ReportFilter,
  ReportGroupBy,
  ReportMeasure,
  SharedWith,
} from '@openkam/contract'
import { businessColumns, tstz } from '../../core/db/columns'

/** Saved reports of the report builder (SPEC R-21): a query over one object and how to chart it. */
export const savedReports = pgTable(
  'reports',
  {
    ...businessColumns(),
    name: text('name').notNull(),
    description: text('description'),
    object: text('object').notNull(),
    filters: jsonb('filters').$type<ReportFilter[]>().notNull().default([]),
    groupBy: jsonb('group_by').$type<ReportGroupBy[]>().notNull().default([]),
    measures: jsonb('measures').$type<ReportMeasure[]>().notNull(),
    sort: text('sort'),
    limit: integer('row_limit'),
    chart: jsonb('chart').$type<{ type: string; horizontal?: boolean }>().notNull(),
    dateField: text('date_field'),
    sharedWith: jsonb('shared_with').$type<SharedWith>().notNull().default({ roles: [], teams: [] }),
    /** The template key of a report that came with the workspace (an editable copy). */
    template: text('template'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('reports_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
    uniqueIndex('reports_template_key')
      .on(t.workspaceId, t.template)
      .where(sql`${t.template} is not null`),
  ],
)

/** Dashboards: a grid of widgets (saved reports, metrics, fixed views) with filters applied to all. */
export const dashboards = pgTable(
  'dashboards',
  {
    ...businessColumns(),
    name: text('name').notNull(),
    description: text('description'),
    widgets: jsonb('widgets').$type<DashboardWidget[]>().notNull().default([]),
    filters: jsonb('filters').$type<DashboardFilters>().notNull().default({}),
    sharedWith: jsonb('shared_with').$type<SharedWith>().notNull().default({ roles: [], teams: [] }),
    template: text('template'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('dashboards_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
    uniqueIndex('dashboards_template_key')
      .on(t.workspaceId, t.template)
      .where(sql`${t.template} is not null`),
  ],
)

/** A person's scheduled summary of a dashboard's key numbers, through a notification channel. */
export const dashboardSubscriptions = pgTable(
  'dashboard_subscriptions',
  {
    ...businessColumns(),
    dashboardId: uuid('dashboard_id').notNull(),
    channel: text('channel').notNull(),
    frequency: text('frequency').notNull().default('weekly'),
    hour: integer('hour').notNull().default(8),
    enabled: boolean('enabled').notNull().default(true),
    lastSentAt: tstz('last_sent_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('dashboard_subscriptions_dashboard_idx').on(t.workspaceId, t.dashboardId),
    index('dashboard_subscriptions_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
  ],
)

/** The workspace's north-star metrics and their targets (SPEC R-21). */
export const northStarMetrics = pgTable(
  'north_star_metrics',
  {
    workspaceId: uuid('workspace_id').notNull(),
    key: text('key').notNull(),
    target: numeric('target', { precision: 18, scale: 4 }).notNull(),
    period: text('period').notNull().default('quarter'),
    position: integer('position').notNull().default(0),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.key] })],
)

/** What effort costs in a workspace (the ROI of effort): hourly rates per role and campaign spend. */
export const effortCosts = pgTable('effort_costs', {
  workspaceId: uuid('workspace_id').primaryKey(),
  costs: jsonb('costs').$type<EffortCosts>().notNull(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
})
