import { CohortRequest, CohortResult, Problem } from '@openkam/contract'
import type { Db } from '../../../core/db/types'
import { messageLanguage } from '../../../core/http/language'
import type { App } from '../../../core/http/server'
import { withReportTimeout } from '../../reports'
import type { InsightDeps } from '../deps'
import { compareCohorts } from './cohort.service'

export function registerCohortRoutes(app: App, _db: Db, deps: InsightDeps) {
  app.post(
    '/api/v1/insights/cohorts',
    {
      schema: {
        tags: ['insights'],
        summary:
          'Compares two groups of accounts (list filters; B defaults to all others) on renewal rate, net revenue retention, health or win rate: sample sizes, difference, 95% interval, warning',
        body: CohortRequest,
        response: { 200: CohortResult, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    // A few aggregate statements over the person's accounts: read on the replica under the report timeout.
    async (req) =>
      withReportTimeout(deps.reads, (tx) => compareCohorts(tx, req.ctx, req.body, messageLanguage(req))),
  )
}
