import type { JobDef } from '../../../core/jobs/jobs'
import { CHURN_TRAIN_JOB, runTraining } from './churn.service'

/**
 * The churn model's training: nightly at 04:00 Asia/Shanghai for every workspace, on demand for one
 * (`POST /insights/churn-model/train`, or `{job: "churn_train"}`). Retried once: a failure is recorded on
 * the training the panel shows.
 */
export const churnTrainJob: JobDef<{ ws?: string; trainingId?: string }> = {
  name: CHURN_TRAIN_JOB,
  cron: '0 20 * * *',
  manual: true,
  retryLimit: 1,
  handle: (data, ctx) => runTraining(ctx.db, data ?? {}),
}
