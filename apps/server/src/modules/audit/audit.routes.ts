import { AuditEntry, AuditQuery, pageOf, Problem } from '@openkam/contract'
import { scopeFor } from '../../core/access/permissions'
import { AppError } from '../../core/errors'
import type { App } from '../../core/http/server'
import type { Db } from '../../core/db/types'
import { listAudit } from './audit.repository'

export function registerAuditRoutes(app: App, db: Db) {
  app.get(
    '/api/v1/audit-log',
    {
      schema: {
        tags: ['audit'],
        summary: "The workspace's append-only audit trail, newest first (needs read: all on audit-log)",
        querystring: AuditQuery,
        response: { 200: pageOf(AuditEntry), 400: Problem, 403: Problem },
      },
    },
    async (req) => {
      if (scopeFor(req.ctx.principal, 'audit-log', 'read') !== 'all') {
        throw new AppError('forbidden', 'forbidden', 'Only administrators may read the audit trail')
      }
      return listAudit(db, req.ctx.ws, req.query)
    },
  )
}
