import type { Db } from '../../core/db/types'
import type { JobQueue } from '../../core/jobs/jobs'

/** What the insight routes need besides the database: the job queue (heavy work runs as jobs) and the read side. */
export type InsightDeps = { jobs: JobQueue; reads: Db }
