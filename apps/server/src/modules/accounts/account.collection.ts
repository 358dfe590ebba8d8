import { and, eq, isNull, ne } from 'drizzle-orm'
import { builtinObjects, type Account } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { fieldSpecs } from '../../core/crud/field-specs'
import { allOf, refCheck, rowMapper } from '../../core/crud/mapping'
import type { Executor } from '../../core/db/types'
import type { Ctx } from '../../core/context'
import { AppError } from '../../core/errors'
import { userRefs, userTables } from '../users'
import { accounts } from './account.table'

const mapper = rowMapper(accounts, {
  money: {
    annualRevenue: { amount: 'annualRevenue', currency: 'annualRevenueCurrency' },
    annualSpend: { amount: 'annualSpend', currency: 'currency' },
  },
  hidden: ['potentialTotal', 'potentialClass', 'healthScore', 'healthBand', 'icpFit', 'icpId'],
})

/** The unified social credit code is unique in a workspace among live accounts: 409 duplicate_account. */
async function uniqueCreditCode(
  tx: Executor,
  ctx: Ctx,
  c: Record<string, any>,
  before: Record<string, any> | null,
) {
  if (!c.creditCode || before?.creditCode === c.creditCode) return []
  const dup = await tx
    .select({ id: accounts.id, name: accounts.name })
    .from(accounts)
    .where(
      and(
        eq(accounts.workspaceId, ctx.ws),
        eq(accounts.creditCode, c.creditCode),
        isNull(accounts.deletedAt),
        before ? ne(accounts.id, before.id) : undefined,
      ),
    )
  if (!dup.length) return []
  // The code names one legal entity (and a unique index keeps it so): open or merge the existing account.
  const existing = dup[0]!
  throw new AppError(
    'conflict',
    'duplicate_account',
    `An account with unified social credit code ${c.creditCode} exists already: "${existing.name}" (${existing.id}); open it, or merge the two`,
    {
      existing: { id: existing.id, name: existing.name },
      errors: [
        { path: 'creditCode', message: `already used by account "${existing.name}" (${existing.id})` },
      ],
    },
  )
}

export const accountCollection = new Collection<Account, any, any>({
  name: 'accounts',
  entity: 'account',
  label: 'Account',
  table: accounts,
  ownerColumns: [accounts.ownerId, accounts.csmId],
  // Object.assign onto the fresh mapped object, not a spread into a new literal: same keys in the same
  // order, but copying a ~50-key object costs V8 ~8 µs a row, most of a list's CPU (ADR 0011).
  toRecord: (r) =>
    Object.assign(mapper.toRecord(r), {
      potential:
        r.potentialTotal === null ? null : { total: Number(r.potentialTotal), class: r.potentialClass },
      health: r.healthScore === null ? null : { score: Number(r.healthScore), band: r.healthBand },
      icpFit: r.icpFit === null || r.icpFit === undefined ? null : Number(r.icpFit),
      icpId: r.icpId ?? null,
    }) as unknown as Account,
  toColumns: mapper.toColumns,
  validate: allOf(
    userRefs('ownerId', 'csmId'),
    refCheck(userTables.teams, 'team', 'teamId'),
    uniqueCreditCode,
  ),
  ...fieldSpecs(builtinObjects.accounts!, accounts, {
    // The ICP an account was scored against: the object model has no field type for ICP references.
    filterable: { icpId: { column: accounts.icpId, kind: 'uuid' } },
  }),
  search: [accounts.name, accounts.creditCode, accounts.domain, accounts.phone],
  defaultSort: '-updatedAt',
})
