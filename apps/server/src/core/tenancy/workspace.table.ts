import { integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { tstz } from '../db/columns'

/**
 * The tenant. Every business row carries its id. Kept in core (not modules/workspaces) because sign-in
 * (modules/users) reads it and the workspaces module creates users: neither module imports the other back.
 */
export const workspaces = pgTable(
  'workspaces',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    locale: text('locale').notNull().default('zh-CN'),
    currency: text('currency').notNull().default('CNY'),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    isDemo: integer('is_demo').notNull().default(0),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('workspaces_slug_key').on(t.slug)],
)
