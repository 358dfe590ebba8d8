import { and, eq, or, sql } from 'drizzle-orm'
import type { ListView, ListViewCreate } from '@openkam/contract'
import { scopeFor, type Action, type Scope } from '../../core/access/permissions'
import type { Ctx } from '../../core/context'
import { Collection } from '../../core/crud/collection'
import { baseRecord } from '../../core/crud/mapping'
import type { FieldError } from '../../core/errors'
import { objectExists } from '../fields'
import { userTables } from '../users'
import { listViews } from './list-view.table'

type Row = Record<string, any>

export const listViewRecord = (r: Row): ListView => {
  const { custom: _c, createdBy: _b, ...base } = baseRecord(r)
  return {
    ...base,
    name: r.name,
    object: r.object,
    q: r.q ?? null,
    sort: r.sort ?? null,
    filters: r.filters ?? {},
    columns: r.columns ?? null,
    sharing: r.sharing ?? 'private',
    teamId: r.teamId ?? null,
    ownerId: r.ownerId ?? null,
  }
}

const COLUMNS = ['name', 'object', 'q', 'sort', 'filters', 'columns', 'sharing', 'teamId'] as const
const DEFAULTS: Row = { filters: {}, sharing: 'private' }

/** Whether the person manages the workspace (administrators): they may change or delete anyone's shared view. */
const manages = (ctx: Ctx) => scopeFor(ctx.principal, 'users', 'update') === 'all'

/**
 * Everyone keeps their own views, whatever their role: a view is read by its owner and by those it is
 * shared with (the owner's team, or the workspace), and changed by its owner (or an administrator).
 */
class ListViewCollection extends Collection<ListView, ListViewCreate & { ownerId?: string | null }, any> {
  override scope(ctx: Ctx, action: Action): Scope {
    if ((action === 'update' || action === 'delete') && manages(ctx)) return 'all'
    return 'own'
  }
}

export const listViewCollection = new ListViewCollection({
  name: 'list-views',
  entity: 'list_view',
  label: 'List view',
  table: listViews,
  toRecord: listViewRecord,
  toColumns: (input) => {
    const cols: Row = {}
    for (const k of COLUMNS) if (k in input) cols[k] = (input as Row)[k] ?? DEFAULTS[k] ?? null
    return cols
  },
  derive: (patch, before) => {
    // A view that is no longer shared with a team forgets the team.
    const sharing = patch.sharing ?? before?.sharing ?? 'private'
    return sharing === 'team' ? {} : { teamId: null }
  },
  async validate(tx, ctx, c) {
    const errors: FieldError[] = []
    if (!(await objectExists(tx, ctx.ws, c.object)) || scopeFor(ctx.principal, c.object, 'read') === 'none')
      errors.push({ path: 'object', message: `no object "${c.object}" you may read` })
    if (c.sharing === 'team') {
      if (!c.teamId) errors.push({ path: 'teamId', message: 'name the team to share the view with' })
      else {
        const tm = userTables.teamMembers
        const [member] = await tx
          .select({ teamId: tm.teamId })
          .from(tm)
          .where(and(eq(tm.workspaceId, ctx.ws), eq(tm.teamId, c.teamId), eq(tm.userId, c.ownerId ?? '')))
        if (!member) errors.push({ path: 'teamId', message: 'the owner is not a member of this team' })
      }
    }
    return errors
  },
  sharedWith: (ctx) => {
    const tm = userTables.teamMembers
    return or(
      eq(listViews.sharing, 'workspace'),
      and(
        eq(listViews.sharing, 'team'),
        sql`${listViews.teamId} in (select ${tm.teamId} from ${tm} where ${tm.workspaceId} = ${ctx.ws} and ${tm.userId} = ${ctx.principal.userId ?? null})`,
      ),
    )
  },
  sortable: {
    name: { column: listViews.name, kind: 'string' },
    updatedAt: { column: listViews.updatedAt, kind: 'date' },
  },
  filterable: {
    object: { column: listViews.object, kind: 'string' },
    ownerId: { column: listViews.ownerId, kind: 'uuid' },
    sharing: { column: listViews.sharing, kind: 'enum', values: ['private', 'team', 'workspace'] },
  },
  search: [listViews.name],
  defaultSort: 'name',
})
