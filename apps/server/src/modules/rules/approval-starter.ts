import type { RuleTarget } from '@openkam/contract'
import type { Executor } from '../../core/db/types'
import type { EventSink } from '../../core/events/bus'
import { collectionFor } from './entities'

/**
 * Submits a record for approval as its owner, under the first flow of its object that applies. The
 * approvals module provides it at start (`setApprovalStarter`), so rules do not depend on approvals
 * (approvals read the rules' condition language).
 */
export type ApprovalStarter = (
  tx: Executor,
  ws: string,
  events: EventSink,
  req: { object: string; recordId: string; submitterId: string },
) => Promise<{ id: string; status: string }>

let starter: ApprovalStarter | null = null
export const setApprovalStarter = (s: ApprovalStarter | null) => {
  starter = s
}
export const approvalStarter = () => starter

/** A rule target's object key: the collection of a built-in entity, or the custom object's key. */
export const objectOfTarget = (entity: RuleTarget): string => collectionFor(entity).objectKey
