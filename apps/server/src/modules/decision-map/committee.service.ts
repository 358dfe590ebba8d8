import type { OpportunityDecisionMap } from '@openkam/contract'
import { recordAudit } from '../../core/audit/audit'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError, type FieldError } from '../../core/errors'
import { accountCollection } from '../accounts'
import { contactCollection } from '../contacts'
import { assertMayChange, opportunityCollection } from '../opportunities'
import { accountsOfContacts, committeeOf, replaceCommittee } from './decision-map.repository'
import { buildMap } from './decision-map.service'

/** The deal (visible to the caller) and its account, which must be visible too: the map shows its people. */
async function dealOf(tx: Executor, ctx: Ctx, id: string) {
  const deal = (await opportunityCollection.get(tx, ctx, id)) as { id: string; accountId: string }
  await accountCollection.get(tx, ctx, deal.accountId)
  contactCollection.scope(ctx, 'read')
  return deal
}

/**
 * A deal's decision map: only its own committee's members, with the gaps computed on them, when it has
 * one (`scope: 'opportunity'`); its account's map otherwise (`scope: 'account'`).
 */
export async function opportunityDecisionMap(
  tx: Executor,
  ctx: Ctx,
  id: string,
  now = new Date(),
): Promise<OpportunityDecisionMap> {
  const deal = await dealOf(tx, ctx, id)
  const members = await committeeOf(tx, ctx.ws, id)
  const map = await buildMap(tx, ctx, deal.accountId, now, members.length ? members : undefined)
  const shown = new Set(map.contacts.map((c) => c.id))
  return {
    ...map,
    opportunityId: id,
    scope: members.length ? 'opportunity' : 'account',
    // Members deleted or moved to another account since drop out.
    committeeContactIds: members.filter((m) => shown.has(m)),
  }
}

/** Field errors of a committee: each member listed once, an existing contact of the deal's account. */
async function committeeErrors(tx: Executor, ws: string, accountId: string, ids: string[]) {
  const accountOf = new Map((await accountsOfContacts(tx, ws, ids)).map((r) => [r.id, r.accountId]))
  const seen = new Set<string>()
  const errors: FieldError[] = []
  ids.forEach((id, i) => {
    const path = `contactIds.${i}`
    if (seen.has(id)) errors.push({ path, message: 'this contact is listed twice' })
    else if (!accountOf.has(id)) errors.push({ path, message: 'no such contact in this workspace' })
    else if (accountOf.get(id) !== accountId)
      errors.push({ path, message: "must be a contact of the deal's account" })
    seen.add(id)
  })
  return errors
}

/**
 * Replaces a deal's buying committee (whoever may change the deal); an empty list removes it. Audited, with
 * an `opportunity.committee_changed` event when the members changed. Answers the deal's map.
 */
export async function putCommittee(tx: Executor, ctx: Ctx, id: string, body: { contactIds: string[] }) {
  await assertMayChange(tx, ctx, id)
  const deal = await dealOf(tx, ctx, id)
  const ids = body.contactIds
  const errors = await committeeErrors(tx, ctx.ws, deal.accountId, ids)
  if (errors.length)
    throw new AppError('invalid', 'invalid_input', 'The buying committee is not valid', { errors })
  const before = await committeeOf(tx, ctx.ws, id)
  const added = ids.filter((c) => !before.includes(c))
  const removed = before.filter((c) => !ids.includes(c))
  if (added.length || removed.length) {
    await replaceCommittee(tx, ctx.ws, id, ids, ctx.principal.userId)
    await recordAudit(tx, ctx, [
      {
        action: 'update_committee',
        entityType: 'opportunity',
        entityId: id,
        before: { committeeContactIds: before },
        after: { committeeContactIds: ids },
      },
    ])
    await ctx.events.emit(tx, ctx, [
      {
        type: 'opportunity.committee_changed',
        entityType: 'opportunity',
        entityId: id,
        payload: { opportunityId: id, accountId: deal.accountId, contactIds: ids, added, removed },
      },
    ])
  }
  return opportunityDecisionMap(tx, ctx, id)
}
