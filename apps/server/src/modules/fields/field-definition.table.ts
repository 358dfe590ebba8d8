import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import { tstz } from '../../core/db/columns'

/**
 * A custom field of an object (issue 15): a definition row, never DDL on the record tables. Values live
 * in the records' `custom` jsonb; a filterable field gets an expression index (indexStatus).
 */
export const fieldDefinitions = pgTable(
  'field_definitions',
  {
    id: uuid('id').primaryKey(),
    workspaceId: uuid('workspace_id').notNull(),
    object: text('object').notNull(),
    key: text('key').notNull(),
    type: text('type').notNull(),
    label: text('label').notNull(),
    labels: jsonb('labels').$type<{ en?: string; 'zh-CN'?: string }>().notNull().default({}),
    options: jsonb('options').$type<unknown[]>().notNull().default([]),
    required: boolean('required').notNull().default(false),
    unique: boolean('unique').notNull().default(false),
    defaultValue: jsonb('default_value'),
    helpText: text('help_text'),
    filterable: boolean('filterable').notNull().default(false),
    sortable: boolean('sortable').notNull().default(false),
    min: doublePrecision('min'),
    max: doublePrecision('max'),
    pattern: text('pattern'),
    formula: text('formula'),
    resultType: text('result_type'),
    rollup: jsonb('rollup'),
    relation: jsonb('relation'),
    position: integer('position').notNull().default(0),
    indexStatus: text('index_status').notNull().default('none'),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    deletedAt: tstz('deleted_at'),
  },
  (t) => [
    uniqueIndex('field_definitions_key_idx').on(t.workspaceId, t.object, t.key),
    index('field_definitions_changed_idx').on(t.workspaceId, t.updatedAt),
  ],
)
