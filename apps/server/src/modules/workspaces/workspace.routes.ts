import { Problem, Workspace, WorkspaceUpdate } from '@openkam/contract'
import type { App } from '../../core/http/server'
import type { Db } from '../../core/db/types'
import { getWorkspace, updateWorkspace } from './workspace.service'

export function registerWorkspaceRoutes(app: App, db: Db) {
  const tags = ['workspace']
  app.get(
    '/api/v1/workspace',
    { schema: { tags, summary: 'The workspace of the signed-in person', response: { 200: Workspace } } },
    async (req) => getWorkspace(db, req.ctx),
  )
  app.patch(
    '/api/v1/workspace',
    {
      schema: {
        tags,
        summary: 'Change the workspace name, language or currency (administrators)',
        body: WorkspaceUpdate,
        response: { 200: Workspace, 400: Problem, 403: Problem, 409: Problem },
      },
    },
    async (req) => db.transaction((tx) => updateWorkspace(tx, req.ctx, req.body)),
  )
}
