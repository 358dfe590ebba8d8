import { index, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { businessColumns } from '../../core/db/columns'

/** An object an administrator created (issue 15, R-17): a definition row, never a table of its own. */
export const customObjects = pgTable(
  'custom_objects',
  {
    ...businessColumns(),
    key: text('key').notNull(),
    label: text('label').notNull(),
    pluralLabel: text('plural_label').notNull(),
    labels: jsonb('labels')
      .$type<{ en?: { one?: string; many?: string }; 'zh-CN'?: { one?: string; many?: string } }>()
      .notNull()
      .default({}),
    icon: text('icon'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('custom_objects_key_idx').on(t.workspaceId, t.key),
  ],
)

/**
 * The records of every custom object, in one shared table: `object` names the object, `name` names the
 * record, the object's own fields are in `custom` (checked against its field definitions; filterable ones
 * indexed per workspace and object).
 */
export const customRecords = pgTable(
  'custom_records',
  {
    ...businessColumns(),
    object: text('object').notNull(),
    name: text('name').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('custom_records_object_updated_idx').on(t.workspaceId, t.object, t.updatedAt),
    index('custom_records_object_name_idx').on(t.workspaceId, t.object, t.name),
  ],
)
