import { z } from 'zod'
import { OperatorWorkspace, OperatorWorkspaceCreate, Problem } from '@openkam/contract'
import type { App } from '../../core/http/server'
import type { Db } from '../../core/db/types'
import {
  createWorkspaceAsOperator,
  listWorkspaces,
  requireOperator,
  type CreateDeps,
} from './operator.service'

/** The instance operator's workspaces (Settings → Workspaces; ADR 0025). 403 for everybody else. */
export function registerOperatorRoutes(app: App, db: Db, deps: CreateDeps) {
  const tags = ['operator']
  app.get(
    '/api/v1/operator/workspaces',
    {
      schema: {
        tags,
        summary: 'Every workspace of this installation, with its numbers of people and accounts (operators)',
        response: { 200: z.object({ data: z.array(OperatorWorkspace) }), 403: Problem },
      },
    },
    async (req) => {
      await requireOperator(db, req.ctx)
      return listWorkspaces(db)
    },
  )
  app.post(
    '/api/v1/operator/workspaces',
    {
      schema: {
        tags,
        summary:
          'Create a workspace from a template with its first administrator (operators); the password is not echoed',
        body: OperatorWorkspaceCreate,
        response: { 201: OperatorWorkspace, 400: Problem, 403: Problem, 409: Problem },
      },
    },
    async (req, reply) => {
      await requireOperator(db, req.ctx)
      const { workspace } = await createWorkspaceAsOperator(db, deps, req.body, req.ctx)
      return reply.code(201).send(workspace)
    },
  )
}
