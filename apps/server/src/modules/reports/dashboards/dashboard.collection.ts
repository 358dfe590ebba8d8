import { sql } from 'drizzle-orm'
import type { Dashboard, DashboardFilters, DashboardWidget, SharedWith } from '@openkam/contract'
import type { Ctx } from '../../../core/context'
import { Collection } from '../../../core/crud/collection'
import { baseRecord } from '../../../core/crud/mapping'
import type { Executor } from '../../../core/db/types'
import type { FieldError } from '../../../core/errors'
import { dashboards } from '../report.table'
import { forgetDashboard } from './dashboard-cache'
import { readableReportIds } from './report-access'
// eslint-disable-next-line no-restricted-imports -- the engine is a folder of this module (reports)
import { sharedWithWhere } from '../engine/sharing'

type Row = Record<string, any>

const noOne: SharedWith = { roles: [], teams: [] }
/** The role key that shares a record with everyone in the workspace. */
const EVERYONE = '*'

export const dashboardRecord = (r: Row): Dashboard => {
  const { createdBy: _c, deletedAt: _d, custom: _x, ...base } = baseRecord(r)
  return {
    ...base,
    name: r.name,
    description: r.description ?? null,
    widgets: r.widgets ?? [],
    filters: r.filters ?? {},
    sharedWith: r.sharedWith ?? noOne,
    template: r.template ?? null,
  }
}

const pick = (input: Row, keys: string[]) =>
  Object.fromEntries(keys.filter((k) => k in input).map((k) => [k, input[k] ?? null]))

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows

/** Ids among `ids` that are live rows of `table` in the workspace. */
async function existing(
  tx: Executor,
  ws: string,
  table: 'teams' | 'users',
  ids: string[],
): Promise<Set<string>> {
  if (!ids.length) return new Set()
  const list = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )
  const rows = rowsOf<{ id: string }>(
    await tx.execute(
      sql`select id from ${sql.identifier(table)} where workspace_id = ${ws} and deleted_at is null and id in (${list})`,
    ),
  )
  return new Set(rows.map((r) => r.id))
}

async function knownRoles(tx: Executor, ws: string): Promise<Set<string>> {
  const rows = rowsOf<{ key: string }>(
    await tx.execute(sql`select key from roles where workspace_id = ${ws} and deleted_at is null`),
  )
  return new Set(rows.map((r) => r.key))
}

/**
 * Refuses a dashboard whose widgets repeat an id or name a report the writer may not read, or whose
 * sharing and filters name roles, teams or people the workspace does not have — each error names its field.
 */
export async function validateDashboard(tx: Executor, ctx: Ctx, c: Row): Promise<FieldError[]> {
  const errors: FieldError[] = []
  const widgets = (c.widgets ?? []) as DashboardWidget[]
  const seen = new Set<string>()
  widgets.forEach((w, i) => {
    if (seen.has(w.id)) errors.push({ path: `widgets.${i}.id`, message: `another widget has the id ${w.id}` })
    seen.add(w.id)
  })
  const reportIds = [...new Set(widgets.flatMap((w) => (w.reportId ? [w.reportId] : [])))]
  const readable = await readableReportIds(tx, ctx, reportIds)
  widgets.forEach((w, i) => {
    if (w.reportId && !readable.has(w.reportId))
      errors.push({
        path: `widgets.${i}.reportId`,
        message: `no saved report you may read has the id ${w.reportId}`,
      })
  })
  const shared = (c.sharedWith ?? noOne) as SharedWith
  const roles = shared.roles.filter((r) => r !== EVERYONE)
  if (roles.length) {
    const known = await knownRoles(tx, ctx.ws)
    const unknown = roles.filter((r) => !known.has(r))
    if (unknown.length)
      errors.push({ path: 'sharedWith.roles', message: `no such role: ${unknown.join(', ')}` })
  }
  const filters = (c.filters ?? {}) as DashboardFilters
  const teamIds = [...new Set([...shared.teams, ...(filters.teamId ? [filters.teamId] : [])])]
  const teams = await existing(tx, ctx.ws, 'teams', teamIds)
  const missingTeams = shared.teams.filter((t) => !teams.has(t))
  if (missingTeams.length)
    errors.push({ path: 'sharedWith.teams', message: `no such team: ${missingTeams.join(', ')}` })
  if (filters.teamId && !teams.has(filters.teamId))
    errors.push({ path: 'filters.teamId', message: `no such team: ${filters.teamId}` })
  if (filters.ownerId && !(await existing(tx, ctx.ws, 'users', [filters.ownerId])).size)
    errors.push({ path: 'filters.ownerId', message: `no such user in this workspace: ${filters.ownerId}` })
  return errors
}

/**
 * Dashboards (SPEC R-21): a grid of widgets with filters applied to all, owned by the person who made it
 * and readable by the roles and teams it is shared with (who may not change it).
 */
export const dashboardCollection = new Collection<Dashboard, any, any>({
  name: 'dashboards',
  entity: 'dashboard',
  label: 'Dashboard',
  table: dashboards,
  toRecord: dashboardRecord,
  toColumns: (input) => {
    // `template` comes only from the template install (the wire schemas have no such field).
    const cols = pick(input, ['name', 'description', 'widgets', 'filters', 'sharedWith', 'template'])
    if ('widgets' in cols && cols.widgets === null) cols.widgets = []
    if ('filters' in cols && cols.filters === null) cols.filters = {}
    if ('sharedWith' in cols && cols.sharedWith === null) cols.sharedWith = noOne
    return cols
  },
  validate: (tx, ctx, c) => validateDashboard(tx, ctx, c),
  onChange: (ctx, id) => forgetDashboard(ctx.ws, id),
  sharedWith: (ctx) => sharedWithWhere(ctx, dashboards.sharedWith),
  sortable: {
    name: { column: dashboards.name, kind: 'string' },
    updatedAt: { column: dashboards.updatedAt, kind: 'date' },
    createdAt: { column: dashboards.createdAt, kind: 'date' },
  },
  filterable: {
    ownerId: { column: dashboards.ownerId, kind: 'uuid' },
    template: { column: dashboards.template, kind: 'string' },
  },
  search: [dashboards.name, dashboards.description],
  defaultSort: 'name',
})
