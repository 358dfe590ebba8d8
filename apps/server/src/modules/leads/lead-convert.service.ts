import { and, eq, isNull, or, sql } from 'drizzle-orm'
import { AppError } from '../../core/errors'
import { recordAudit } from '../../core/audit/audit'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { accountCollection, accounts } from '../accounts'
import { moveLeadActivities } from '../activities'
import { contactCollection } from '../contacts'
import { opportunityCollection } from '../opportunities'
import { companyDomainOf } from './lead-score'
import { leadCollection } from './lead.collection'
import { leads } from './lead.table'

type Candidate = {
  id: string
  name: string
  domain: string | null
  creditCode: string | null
  on: 'creditCode' | 'domain' | 'name'
}
const rank = { creditCode: 0, domain: 1, name: 2 } as const

/**
 * Live accounts of the workspace that look like the lead's company: the same unified social credit code,
 * the same domain (the lead's, or its e-mail's unless a free mailbox), or the same name ignoring case —
 * strongest match first (the rules of the importer's dedup, modules/imports/import-dedup.ts).
 */
export async function accountCandidates(
  tx: Executor,
  ws: string,
  k: { name: string; domain: string | null; creditCode: string | null },
): Promise<Candidate[]> {
  const rows = await tx
    .select({
      id: accounts.id,
      name: accounts.name,
      domain: accounts.domain,
      creditCode: accounts.creditCode,
    })
    .from(accounts)
    .where(
      and(
        eq(accounts.workspaceId, ws),
        isNull(accounts.deletedAt),
        or(
          sql`lower(${accounts.name}) = ${k.name.trim().toLowerCase()}`,
          k.domain ? sql`lower(${accounts.domain}) = ${k.domain}` : undefined,
          k.creditCode ? eq(accounts.creditCode, k.creditCode) : undefined,
        ),
      ),
    )
    .limit(20)
  return rows
    .map((r) => {
      const on: Candidate['on'] =
        k.creditCode && r.creditCode === k.creditCode
          ? 'creditCode'
          : k.domain && r.domain?.toLowerCase() === k.domain
            ? 'domain'
            : 'name'
      return { ...r, on }
    })
    .filter((c) => !(k.creditCode && c.creditCode && c.creditCode !== k.creditCode))
    .sort((a, b) => rank[a.on] - rank[b.on] || a.name.localeCompare(b.name))
    .slice(0, 10)
}

export type ConvertInput = {
  accountId?: string
  createNew?: boolean
  opportunityName?: string
  amount?: string
  currency?: string
}

/**
 * Turns a lead into an account (or attaches it to an existing one), a contact and an opportunity,
 * in the caller's transaction. When accounts that look like the lead's company exist (credit code,
 * domain or name) and the caller chose neither `accountId` nor `createNew`, it answers 409 with the
 * candidates to link to; nothing is written.
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
  const domain =
    ((lead.domain as string | null) || companyDomainOf(lead.email as string | null))?.toLowerCase() ?? null
  const creditCode = (lead.creditCode as string | null) || null
  let accountId = input.accountId
  if (accountId) {
    await accountCollection.get(tx, ctx, accountId)
  } else {
    if (!input.createNew) {
      const candidates = await accountCandidates(tx, ctx.ws, { name: company, domain, creditCode })
      if (candidates.length) {
        const first = candidates[0]!
        throw new AppError(
          'conflict',
          'possible_duplicate',
          `An account that looks like "${company}" exists ("${first.name}", same ${first.on === 'creditCode' ? 'credit code' : first.on}); convert into it (accountId) or create a new one (createNew: true)`,
          { candidates },
        )
      }
    }
    const account = await accountCollection.create(tx, ctx, {
      name: company,
      industry: lead.industry ?? undefined,
      region: lead.region ?? undefined,
      domain: domain ?? undefined,
      creditCode: creditCode ?? undefined,
      employees: (lead.employees as number | null) ?? undefined,
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
  const activitiesMoved = await moveLeadActivities(tx, ctx, id, { accountId, contactId: contact.id })
  const now = new Date()
  await tx
    .update(leads)
    .set({
      status: 'converted',
      convertedAccountId: accountId,
      convertedAt: now,
      convertedContactId: contact.id,
      convertedOpportunityId: opportunity.id,
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
      after: {
        status: 'converted',
        accountId,
        contactId: contact.id,
        opportunityId: opportunity.id,
        linked: !!input.accountId,
        activitiesMoved,
      },
    },
  ])
  await ctx.events.emit(tx, ctx, [
    {
      type: 'lead.converted',
      entityType: 'lead',
      entityId: id,
      payload: {
        accountId,
        contactId: contact.id,
        opportunityId: opportunity.id,
        linked: !!input.accountId,
      },
    },
  ])
  return { lead: after, accountId, contact, opportunity }
}
