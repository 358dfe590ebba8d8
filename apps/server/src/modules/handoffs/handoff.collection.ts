import { builtinObjects } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { fieldSpecs } from '../../core/crud/field-specs'
import { allOf, refCheck, rowMapper } from '../../core/crud/mapping'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { accountParent } from '../accounts'
import { opportunities } from '../opportunities'
import { userRefs } from '../users'
import { dueAfter, freshChecklist } from './handoff-checklist'
import { loadHandoffSettings } from './handoff-settings.service'
import { handoffs } from './handoff.table'

type Row = Record<string, any>

// Status, deadlines and escalation marks are set by the service (submit, validate, scan), not by PATCH:
// the wire Update schema leaves them out, so only server code reaches these columns.
const mapper = rowMapper(handoffs)

/** Handoffs; a new one without a checklist or due time gets the workspace's template. */
class HandoffCollection extends Collection<any, any, any> {
  override async create(tx: Executor, ctx: Ctx, input: Row) {
    const s = input.checklist && input.dueAt ? null : await loadHandoffSettings(tx, ctx.ws)
    const salesOwnerId =
      input.salesOwnerId !== undefined ? input.salesOwnerId : (input.ownerId ?? ctx.principal.userId)
    return super.create(tx, ctx, {
      ...input,
      salesOwnerId,
      ownerId: input.ownerId !== undefined ? input.ownerId : salesOwnerId,
      checklist: input.checklist ?? freshChecklist(s!.checklist),
      dueAt: input.dueAt ?? dueAfter(new Date(), s!.dueHours).toISOString(),
    })
  }
}

export const handoffCollection = new HandoffCollection({
  name: 'handoffs',
  entity: 'handoff',
  label: 'Handoff',
  table: handoffs,
  parent: accountParent(handoffs.accountId),
  // The sales owner and the CSM both reach the handoff, whoever holds it now.
  ownerColumns: [handoffs.ownerId, handoffs.salesOwnerId, handoffs.csmId],
  toRecord: mapper.toRecord,
  toColumns: mapper.toColumns,
  derive: (patch, before) => {
    const out: Row = {}
    if (!before) out.status = 'open'
    // A new deadline re-arms its escalation.
    if (before && patch.dueAt && +patch.dueAt !== +before.dueAt) out.escalatedAt = null
    if (before && patch.validationDueAt && +patch.validationDueAt !== +(before.validationDueAt ?? 0))
      out.validationEscalatedAt = null
    return out
  },
  validate: allOf(
    userRefs('ownerId', 'salesOwnerId', 'csmId'),
    refCheck(opportunities, 'opportunity', 'opportunityId'),
    async (_tx, _ctx, c, before) =>
      before?.status === 'validated' && JSON.stringify(c.checklist) !== JSON.stringify(before.checklist)
        ? [{ path: 'checklist', message: 'the checklist of a validated handoff can no longer change' }]
        : [],
  ),
  ...fieldSpecs(builtinObjects.handoffs!, handoffs),
  search: [handoffs.valueGoal, handoffs.notes],
  defaultSort: 'dueAt',
})
