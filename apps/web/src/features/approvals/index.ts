/** The approvals feature's public surface for the shell, the record page and Settings. */
export { ApprovalFlowsTab } from './ApprovalFlowsTab'
export { ApprovalPanel } from './ApprovalPanel'
export { DelegationCard } from './DelegationCard'
export { useWaitingCount } from './approvals.queries'
