import { integer, jsonb, timestamp, uuid } from 'drizzle-orm/pg-core'

export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

/** The columns every business table carries (DESIGN.md, data conventions). */
export const businessColumns = () => ({
  id: uuid('id').notNull(),
  workspaceId: uuid('workspace_id').notNull(),
  createdAt: tstz('created_at').notNull().defaultNow(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
  createdBy: uuid('created_by'),
  ownerId: uuid('owner_id'),
  version: integer('version').notNull().default(1),
  deletedAt: tstz('deleted_at'),
  custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
})
