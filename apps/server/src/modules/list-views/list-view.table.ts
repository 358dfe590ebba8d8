import { index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { businessColumns } from '../../core/db/columns'

/** Saved list views (issue 18): a list's search, filters, sort and columns, private or shared. */
export const listViews = pgTable(
  'list_views',
  {
    ...businessColumns(),
    name: text('name').notNull(),
    object: text('object').notNull(),
    q: text('q'),
    sort: text('sort'),
    filters: jsonb('filters').$type<Record<string, string>>().notNull().default({}),
    columns: jsonb('columns').$type<string[] | null>(),
    /** private | team | workspace */
    sharing: text('sharing').notNull().default('private'),
    teamId: uuid('team_id'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('list_views_object_idx').on(t.workspaceId, t.object, t.name),
  ],
)
