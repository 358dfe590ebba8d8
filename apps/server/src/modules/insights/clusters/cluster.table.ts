import { index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core'
import { tstz } from '../../../core/db/columns'
import type { ClusterResult } from './cluster-result'

/**
 * Clustering runs of a workspace (issue 23 point 1): the one asked for (queued → running → done | failed;
 * its id is the job id the POST answers) and the latest finished one, whose result the GET reads. A run
 * that finishes removes the workspace's older runs, so a workspace holds at most its latest result.
 */
export const insightClusterRuns = pgTable(
  'insight_cluster_runs',
  {
    workspaceId: uuid('workspace_id').notNull(),
    id: uuid('id').notNull(),
    status: text('status').notNull(),
    requestedBy: uuid('requested_by'),
    requestedAt: tstz('requested_at').notNull().defaultNow(),
    finishedAt: tstz('finished_at'),
    error: text('error'),
    result: jsonb('result').$type<ClusterResult>(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('insight_cluster_runs_requested_idx').on(t.workspaceId, t.requestedAt),
  ],
)
