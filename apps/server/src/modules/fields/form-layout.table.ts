import { integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import type { LayoutSection } from '@openkam/contract'
import { tstz } from '../../core/db/columns'

/** An object's form layout (sections, columns, field order, conditional sections), per workspace. */
export const formLayouts = pgTable(
  'form_layouts',
  {
    workspaceId: uuid('workspace_id').notNull(),
    object: text('object').notNull(),
    sections: jsonb('sections').$type<LayoutSection[]>().notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.object] })],
)
