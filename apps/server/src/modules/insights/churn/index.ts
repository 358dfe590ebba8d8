// SCAFFOLD — filled by the churn work of issue 23 in this session; never ship as is.
import type { Db } from '../../../core/db/types'
import type { App } from '../../../core/http/server'
import type { JobDef } from '../../../core/jobs/jobs'

import type { InsightDeps } from '../deps'

export function registerChurnRoutes(_app: App, _db: Db, _deps: InsightDeps) {}

export const churnJobs = (): JobDef[] => []
