import type { JobDef } from '../../core/jobs/jobs'
import { scanApprovalDeadlines } from './approval.scan'

export { registerApprovalRoutes } from './approval.routes'
export { approvalGuard } from './approval-guard'
export { approvalFlowCollection } from './approval-flow.collection'
export { installApprovalTemplate, contractFlowTemplate } from './approval.defaults'
export {
  submitApproval,
  decideApproval,
  recallApproval,
  getApproval,
  approvalStarterFor,
  approvalFileAccess,
} from './approval.service'
export { scanApprovalDeadlines } from './approval.scan'
export { awayUserIds } from './delegation.service'
export * as approvalTables from './approval.table'

/** Deadlines of pending steps: reminders and escalations every minute, and on demand (`approvals_scan`). */
export const approvalJobs = (): JobDef<{ ws?: string }>[] => [
  {
    name: 'approvals_scan',
    cron: '* * * * *',
    manual: true,
    retryLimit: 0,
    handle: (data, ctx) => scanApprovalDeadlines(ctx.db, ctx.events, ctx.jobs, data?.ws),
  },
]
