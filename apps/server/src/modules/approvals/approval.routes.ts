import { z } from 'zod'
import {
  Approval,
  ApprovalCycleTimes,
  ApprovalDecisionInput,
  ApprovalLinkDone,
  ApprovalLinkView,
  ApprovalListQuery,
  ApprovalPage,
  ApprovalPreview,
  ApprovalPreviewInput,
  ApprovalSubmit,
  approvalFlowResource,
  Delegation,
  DelegationOut,
  IdParams,
  Problem,
  ReportPeriodQuery,
  TokenParams,
} from '@openkam/contract'
import { scopeFor } from '../../core/access/permissions'
import type { Db } from '../../core/db/types'
import { AppError } from '../../core/errors'
import { registerCollectionRoutes } from '../../core/http/collection-routes'
import { registerExportRoute } from '../../core/http/export-routes'
import type { App } from '../../core/http/server'
import { approvalFlowCollection } from './approval-flow.collection'
import {
  decideApproval,
  getApproval,
  previewFlow,
  recallApproval,
  submitApproval,
  type ApprovalDeps,
} from './approval.service'
import { approvalViews } from './approval-view'
import { approvalCycleTimes } from './approval-cycle'
import { approvalByLink, decideByLink } from './approval-link.service'
import { delegatorsOf, listApprovals } from './approval.repository'
import { clearDelegation, getDelegation, setDelegation } from './delegation.service'

const tags = ['approvals']
const publicRoute = { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } }
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem }

const encode = (at: string, id: string) => Buffer.from(JSON.stringify([at, id])).toString('base64url')
function decode(raw: string) {
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, 'base64url').toString()) as [string, string]
    if (typeof at === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(at))) return { at, id }
  } catch {
    /* refused below */
  }
  throw new AppError('invalid', 'invalid_input', 'The cursor is not valid: send nextCursor as you got it', {
    errors: [{ path: 'cursor', message: 'is not valid' }],
  })
}

/** Approval flows (CRUD and preview), requests (submit, read, decide, recall) and delegation. */
export function registerApprovalRoutes(app: App, db: Db, deps: ApprovalDeps) {
  registerExportRoute(app, db, approvalFlowCollection, approvalFlowResource.Record)
  registerCollectionRoutes(app, db, approvalFlowCollection, approvalFlowResource)
  app.post(
    '/api/v1/approval-flows/:id/preview',
    {
      schema: {
        tags,
        summary: 'Who would approve a record under this flow, step by step (nothing is submitted)',
        params: IdParams,
        body: ApprovalPreviewInput,
        response: { 200: ApprovalPreview, ...errors },
      },
    },
    async (req) =>
      db.transaction(async (tx) => {
        const flow = await approvalFlowCollection.get(tx, req.ctx, req.params.id)
        return previewFlow(tx, req.ctx, flow as any, req.body.recordId, req.body.submitterId)
      }),
  )
  app.post(
    '/api/v1/approvals',
    {
      schema: {
        tags,
        summary:
          'Submit a record for approval under the first enabled flow of its object that applies (422 no_approval_flow; 409 approval_already_pending)',
        body: ApprovalSubmit,
        response: { 201: Approval, ...errors },
      },
    },
    async (req, reply) => {
      const out = await db.transaction((tx) => submitApproval(tx, req.ctx, deps, req.body))
      return reply.code(201).send(out)
    },
  )
  app.get(
    '/api/v1/approvals',
    {
      schema: {
        tags,
        summary:
          'Approvals, newest first: status, approver=me (with status=pending: waiting for my decision now), submitter=me, object, recordId',
        querystring: ApprovalListQuery,
        response: { 200: ApprovalPage, 400: Problem, 401: Problem },
      },
    },
    async (req) =>
      db.transaction(async (tx) => {
        const q = req.query
        const me = req.ctx.principal.userId
        const now = new Date()
        const delegators = me ? await delegatorsOf(tx, req.ctx.ws, me, now) : []
        const seesAll = q.object
          ? scopeFor(req.ctx.principal, q.object, 'read') === 'all'
          : req.ctx.principal.roles.includes('admin')
        const rows = await listApprovals(tx, req.ctx.ws, {
          status: q.status,
          object: q.object,
          recordId: q.recordId,
          submitter: q.submitter === 'me' ? (me ?? '00000000-0000-0000-0000-000000000000') : undefined,
          approverAnyOf: q.approver === 'me' ? [me ?? '', ...delegators].filter(Boolean) : undefined,
          pendingOnly: q.approver === 'me' && q.status === 'pending',
          viewer: seesAll || !me ? null : { userId: me, delegators },
          limit: q.limit + 1,
          after: q.cursor ? decode(q.cursor) : undefined,
        })
        const page = rows.slice(0, q.limit)
        let data = await approvalViews(tx, req.ctx.ws, page, now)
        // Waiting for my decision: drop the requests whose current step I (or those I stand in for) already decided.
        if (q.approver === 'me' && q.status === 'pending' && me)
          data = data.filter((a) => a.canDecide.includes(me))
        const last = page[page.length - 1]
        return {
          data,
          nextCursor: rows.length > q.limit && last ? encode(last.submittedAt.toISOString(), last.id) : null,
        }
      }),
  )
  app.get(
    '/api/v1/approvals/:id',
    {
      schema: {
        tags,
        summary: 'One approval: every step, who may decide it now, every decision and comment',
        params: IdParams,
        response: { 200: Approval, ...errors },
      },
    },
    async (req) => db.transaction((tx) => getApproval(tx, req.ctx, req.params.id)),
  )
  app.post(
    '/api/v1/approvals/:id/decisions',
    {
      schema: {
        tags,
        summary:
          'Approve or reject the current step (403 for someone who may not decide it; a rejection needs a comment)',
        params: IdParams,
        body: ApprovalDecisionInput,
        response: { 200: Approval, ...errors },
      },
    },
    async (req) => db.transaction((tx) => decideApproval(tx, req.ctx, deps, req.params.id, req.body)),
  )
  app.post(
    '/api/v1/approvals/:id/recall',
    {
      schema: {
        tags,
        summary: 'Recall a pending approval (its submitter): the record returns to its draft value',
        params: IdParams,
        response: { 200: Approval, ...errors },
      },
    },
    async (req) => db.transaction((tx) => recallApproval(tx, req.ctx, req.params.id)),
  )
  app.get(
    '/api/v1/reports/approval-cycle-times',
    {
      schema: {
        tags: ['reports', ...tags],
        summary:
          'How long approvals take per flow and step (submitted → decided, hours: average, median, longest), escalations, pending and overdue',
        querystring: ReportPeriodQuery,
        response: { 200: ApprovalCycleTimes, 400: Problem, 401: Problem },
      },
    },
    async (req) => db.transaction((tx) => approvalCycleTimes(tx, req.ctx, req.query)),
  )
  app.get(
    '/api/v1/public/approvals/:token',
    {
      config: publicRoute,
      schema: {
        tags,
        summary:
          'What an e-mailed decision link opens (no sign-in; 410 when used, expired or the step is over)',
        security: [],
        params: TokenParams,
        response: { 200: ApprovalLinkView, 404: Problem, 410: Problem, 429: Problem },
      },
    },
    async (req) => db.transaction((tx) => approvalByLink(tx, req.params.token)),
  )
  app.post(
    '/api/v1/public/approvals/:token/decision',
    {
      config: publicRoute,
      schema: {
        tags,
        summary:
          'Decide through an e-mailed link as its approver (no sign-in; single-use; the same checks as in the app)',
        security: [],
        params: TokenParams,
        body: ApprovalDecisionInput,
        response: {
          200: ApprovalLinkDone,
          400: Problem,
          403: Problem,
          404: Problem,
          409: Problem,
          410: Problem,
          429: Problem,
        },
      },
    },
    async (req) =>
      db.transaction(async (tx) => {
        let out: { id: string; status: string } | null = null
        await decideByLink(
          tx,
          deps.events!,
          async (t, ctx, id) => {
            out = await decideApproval(t, ctx, deps, id, req.body)
          },
          req.params.token,
        )
        const done = out as unknown as { id: string; status: 'pending' }
        return { approvalId: done.id, decision: req.body.decision, status: done.status }
      }),
  )
  app.get(
    '/api/v1/me/delegation',
    {
      schema: {
        tags,
        summary: 'Who decides my approvals while I am away (null when nobody)',
        response: { 200: DelegationOut, 401: Problem },
      },
    },
    async (req) => db.transaction((tx) => getDelegation(tx, req.ctx)),
  )
  app.put(
    '/api/v1/me/delegation',
    {
      schema: {
        tags,
        summary: 'Let a colleague decide my approvals between from and until (shown as "X for Y")',
        body: Delegation,
        response: { 200: DelegationOut, ...errors },
      },
    },
    async (req) => db.transaction((tx) => setDelegation(tx, req.ctx, req.body)),
  )
  app.delete(
    '/api/v1/me/delegation',
    {
      schema: { tags, summary: 'End my delegation', response: { 204: z.null(), 401: Problem } },
    },
    async (req, reply) => {
      await db.transaction((tx) => clearDelegation(tx, req.ctx))
      return reply.code(204).send(null)
    },
  )
}
