import { z } from 'zod'
import {
  FinanceLogEntry,
  FinanceLogQuery,
  FinancePullResult,
  FinanceReconciliation,
  FinanceSettings,
  FinanceSettingsInput,
  FinanceSync,
  FinanceTestResult,
  Id,
  pageOf,
  Problem,
} from '@openkam/contract'
import type { Config } from '../../core/config'
import type { Db } from '../../core/db/types'
import type { EventSink } from '../../core/events/bus'
import type { App } from '../../core/http/server'
import type { JobQueue } from '../../core/jobs/jobs'
import { financeLogPage, financeSyncs, syncView } from './finance-log.service'
import {
  getFinanceSettings,
  requireAdmin,
  saveFinanceSettings,
  testFinanceConnection,
} from './finance-settings.service'
import { pullReceipts } from './receipts.service'
import { pushNow } from './receivable-sync.service'
import { reconciliation } from './reconciliation.service'

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem }
const base = '/api/v1/integrations/finance'

/** Settings → Integrations: the finance connector (administrators only). */
export function registerFinanceRoutes(
  app: App,
  db: Db,
  deps: { config: Config; events: EventSink; jobs: JobQueue },
) {
  const tags = ['integrations']
  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'The finance connector: provider, address, enabled; credentials only as set / not set',
        response: { 200: FinanceSettings, ...errors },
      },
    },
    async (req) => db.transaction((tx) => getFinanceSettings(tx, req.ctx)),
  )
  app.put(
    base,
    {
      schema: {
        tags,
        summary:
          'Save the finance connector (Kingdee K3 Cloud or Yonyou YonBIP). Credentials are write-only: sent to set them, left out to keep them; stored encrypted',
        body: FinanceSettingsInput,
        response: { 200: FinanceSettings, ...errors },
      },
    },
    async (req) => db.transaction((tx) => saveFinanceSettings(tx, req.ctx, deps.config, req.body)),
  )
  app.post(
    `${base}/test`,
    {
      schema: {
        tags,
        summary: 'Log in to the finance system with the saved settings; the answer in its own words',
        response: { 200: FinanceTestResult, ...errors },
      },
    },
    async (req) => testFinanceConnection(db, req.ctx, deps.config),
  )
  app.post(
    `${base}/pull`,
    {
      schema: {
        tags,
        summary: 'Fetch receipts from the finance system now and record them as payments',
        response: { 200: FinancePullResult, ...errors, 503: Problem },
      },
    },
    async (req) => {
      await db.transaction(async () => requireAdmin(req.ctx, 'pull receipts'))
      return pullReceipts({ db, events: deps.events, config: deps.config }, req.ctx.ws)
    },
  )
  app.get(
    `${base}/sync-log`,
    {
      schema: {
        tags,
        summary:
          'Every call to the finance system, newest first: document, request, answer and state (credentials and signatures redacted)',
        querystring: FinanceLogQuery,
        response: { 200: pageOf(FinanceLogEntry), ...errors },
      },
    },
    async (req) => db.transaction((tx) => financeLogPage(tx, req.ctx, req.query)),
  )
  app.get(
    `${base}/syncs`,
    {
      schema: {
        tags,
        summary: "Each contract's receivable: state, the finance system's id and bill number, the last error",
        response: { 200: z.object({ data: z.array(FinanceSync) }), ...errors },
      },
    },
    async (req) => ({ data: await db.transaction((tx) => financeSyncs(tx, req.ctx)) }),
  )
  app.post(
    `${base}/syncs/:contractId/push`,
    {
      schema: {
        tags,
        summary:
          'Send an approved contract now (one approved before the connector was enabled, or a failed one again)',
        params: z.object({ contractId: Id }),
        response: { 202: FinanceSync, ...errors },
      },
    },
    async (req, reply) => {
      const row = await db.transaction(async (tx) => {
        requireAdmin(req.ctx, 'send contracts to the finance system')
        return pushNow(tx, req.ctx, deps.jobs, req.params.contractId)
      })
      return reply.code(202).send(syncView(row))
    },
  )
  app.get(
    `${base}/reconciliation`,
    {
      schema: {
        tags,
        summary:
          'Contracts, receivables and receipts that do not match (missing or failed receivables, amounts, unmatched receipts, overdue invoices)',
        response: { 200: FinanceReconciliation, ...errors },
      },
    },
    async (req) => db.transaction((tx) => reconciliation(tx, req.ctx)),
  )
}
