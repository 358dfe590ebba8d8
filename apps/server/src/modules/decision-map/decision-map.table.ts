import { jsonb, pgTable, uuid } from 'drizzle-orm/pg-core'
import { tstz } from '../../core/db/columns'

/** A workspace's decision-map playbook: per buying role, the approach and the material to use. */
export const decisionMapPlaybooks = pgTable('decision_map_playbooks', {
  workspaceId: uuid('workspace_id').primaryKey(),
  roles: jsonb('roles').$type<Record<string, { approach: string; materials: string[] }>>().notNull(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
})
