import { and, eq, isNull, sql } from 'drizzle-orm'
import { AppError } from '../../core/errors'
import { recordAudit } from '../../core/audit/audit'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { accountCollection, accounts } from '../accounts'
import { contactCollection } from '../contacts'
import { opportunityCollection } from '../opportunities'
import { leadCollection } from './lead.collection'
import { leads } from './lead.table'

export type ConvertInput = {
  accountId?: string
  createNew?: boolean
  opportunityName?: string
  amount?: string
  currency?: string
}

/**
 * Turns a lead into an account (or attaches it to an existing one), a contact and an opportunity,
 * in the caller's transaction. When an account with the same company name exists and the caller
 * chose neither `accountId` nor `createNew`, it answers 409 with the candidates to merge into.
 */
export async function convertLead(tx: Executor, ctx: Ctx, id: string, input: ConvertInput) {
  const lead = await leadCollection.get(tx, ctx, id)
  if (lead.status === 'converted') {
    throw new AppError(
      'unprocessable',
      'lead_converted',
      `This lead was converted already (account ${lead.convertedAccountId})`,
    )
  }
  const company = (lead.company || lead.name) as string
  let accountId = input.accountId
  if (accountId) {
    await accountCollection.get(tx, ctx, accountId)
  } else {
    if (!input.createNew) {
      const candidates = await tx
        .select({ id: accounts.id, name: accounts.name })
        .from(accounts)
        .where(
          and(
            eq(accounts.workspaceId, ctx.ws),
            isNull(accounts.deletedAt),
            sql`lower(${accounts.name}) = ${company.toLowerCase()}`,
          ),
        )
        .limit(10)
      if (candidates.length) {
        throw new AppError(
          'conflict',
          'possible_duplicate',
          `An account named "${company}" exists; convert into it (accountId) or create a new one (createNew: true)`,
          { candidates },
        )
      }
    }
    const account = await accountCollection.create(tx, ctx, {
      name: company,
      industry: lead.industry ?? undefined,
      region: lead.region ?? undefined,
      lifecycleStage: 'opportunity',
    })
    accountId = account.id
  }
  const contact = await contactCollection.create(tx, ctx, {
    accountId,
    name: lead.name,
    title: lead.title ?? undefined,
    email: lead.email ?? undefined,
    phone: lead.phone ?? undefined,
  })
  const opportunity = await opportunityCollection.create(tx, ctx, {
    accountId,
    name: input.opportunityName ?? company,
    amount: input.amount ?? undefined,
    currency: input.currency ?? undefined,
    status: 'open',
    type: 'new_business',
    source: lead.source ?? undefined,
  })
  const now = new Date()
  await tx
    .update(leads)
    .set({
      status: 'converted',
      convertedAccountId: accountId,
      convertedAt: now,
      updatedAt: now,
      version: sql`${leads.version} + 1`,
    })
    .where(and(eq(leads.workspaceId, ctx.ws), eq(leads.id, id)))
  const after = await leadCollection.get(tx, ctx, id)
  await recordAudit(tx, ctx, [
    {
      action: 'convert',
      entityType: 'lead',
      entityId: id,
      before: { status: lead.status },
      after: { status: 'converted', accountId },
    },
  ])
  await ctx.events.emit(tx, ctx, [
    {
      type: 'lead.converted',
      entityType: 'lead',
      entityId: id,
      payload: { accountId, contactId: contact.id, opportunityId: opportunity.id },
    },
  ])
  return { lead: after, accountId, contact, opportunity }
}
