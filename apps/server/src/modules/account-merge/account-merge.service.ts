import { and, eq, sql } from 'drizzle-orm'
import { accountResource, type AccountMergeBody } from '@openkam/contract'
import type { z } from 'zod'
import { reaches, scopeFor } from '../../core/access/permissions'
import { recordAudit } from '../../core/audit/audit'
import { AppError, notFound } from '../../core/errors'
import { newId } from '../../core/ids'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { accountCollection, accounts } from '../accounts'
import { collectionOf } from '../fields'
import {
  accountReferencingColumns,
  accountRelationFields,
  dropRows,
  findMerges,
  insertMerge,
  repoint,
  repointCustomRelation,
  repointRelatedTasks,
} from './account-merge.repository'

type MergeInput = z.output<typeof AccountMergeBody>

/** The account fields a merge may take from the merged account: what a PATCH may set. */
const mergeableFields = new Set(Object.keys(accountResource.Update.shape).filter((k) => k !== 'version'))

/** The kind of child a table holds, for the merge's counts ("contacts", "opportunities", …). */
const kindOf = (table: string, column: string) =>
  column === 'account_id' ? table : `${table}.${column.replace(/_id$/, '')}`

/** A unique-key refusal, as the driver reports it (drizzle wraps the database error as its cause). */
const isUniqueViolation = (e: unknown): boolean =>
  !!e &&
  typeof e === 'object' &&
  ((e as { code?: string }).code === '23505' || isUniqueViolation((e as { cause?: unknown }).cause))

/** Locks an account and checks the person may change it; 404 when they cannot see it. */
async function lockEditable(tx: Executor, ctx: Ctx, id: string, version: number, label: string) {
  await accountCollection.get(tx, ctx, id)
  const [row] = await tx
    .select()
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ctx.ws), eq(accounts.id, id)))
    .for('update')
  if (!row) throw notFound('Account')
  const scope = scopeFor(ctx.principal, 'accounts', 'update')
  if (!reaches(ctx.principal, scope, [row.ownerId, row.csmId])) {
    throw new AppError(
      'forbidden',
      'forbidden',
      `Merging needs the right to change both accounts; you may not change ${label} "${row.name}"`,
    )
  }
  if (row.version !== version) {
    throw new AppError(
      'conflict',
      'version_conflict',
      `The ${label} "${row.name}" changed since you read it; reload and try the merge again`,
      { current: await accountCollection.get(tx, ctx, id) },
    )
  }
  return row
}

/**
 * Merges `mergedId` into `survivorId` in the caller's transaction: the survivor takes the chosen fields'
 * values from the merged account; every row pointing at the merged account (contacts, deals, activities,
 * tickets, contracts, invoices, tasks, alerts, health and tier history, custom relations, …) is moved to
 * the survivor; the merged account is soft-deleted with a pointer to the survivor (account_merges). Both
 * accounts' audit histories stay; the merge is audited on both and emits `account.merged`.
 */
export async function mergeAccounts(tx: Executor, ctx: Ctx, survivorId: string, input: MergeInput) {
  if (survivorId === input.mergedId) {
    throw new AppError('invalid', 'invalid_input', 'An account cannot be merged into itself', {
      errors: [{ path: 'mergedId', message: 'choose another account than the one that survives' }],
    })
  }
  const unknown = input.fields.filter((f) => !f.startsWith('custom.') && !mergeableFields.has(f))
  if (unknown.length) {
    throw new AppError('invalid', 'invalid_input', `Not account fields: ${unknown.join(', ')}`, {
      errors: unknown.map((f) => ({
        path: 'fields',
        message: `${f} is not a field an account merge can take`,
      })),
    })
  }
  // Lock in a fixed order (by id) so that two opposite merges cannot deadlock.
  const [first, second] = [survivorId, input.mergedId].sort()
  const rows: Record<string, typeof accounts.$inferSelect> = {}
  for (const id of [first!, second!]) {
    const isSurvivor = id === survivorId
    rows[id] = await lockEditable(
      tx,
      ctx,
      id,
      isSurvivor ? input.version : input.mergedVersion,
      isSurvivor ? 'account that survives' : 'account merged into it',
    )
  }
  const merged = await accountCollection.get(tx, ctx, input.mergedId)
  const survivorBefore = await accountCollection.get(tx, ctx, survivorId)

  // The merged account leaves first, so the survivor may take its credit code.
  const now = new Date()
  await tx
    .update(accounts)
    .set({ deletedAt: now, updatedAt: now, version: sql`${accounts.version} + 1` })
    .where(and(eq(accounts.workspaceId, ctx.ws), eq(accounts.id, input.mergedId)))

  const moved: Record<string, number> = {}
  const count = (kind: string, n: number) => {
    if (n) moved[kind] = (moved[kind] ?? 0) + n
  }
  for (const ref of await accountReferencingColumns(tx)) {
    if (ref.table === 'account_merges') continue
    try {
      // A savepoint: a table keeping one row per account (a tier state, an ICP fit) refuses the move.
      const n = await tx.transaction((sp) => repoint(sp, ref, ctx.ws, input.mergedId, survivorId))
      count(kindOf(ref.table, ref.column), n)
    } catch (e) {
      if (!isUniqueViolation(e)) throw e
      // Derived per-account state: the survivor's own row stands; the merged account's is dropped.
      count(`${kindOf(ref.table, ref.column)}.dropped`, await dropRows(tx, ref, ctx.ws, input.mergedId))
    }
  }
  count('tasks.related', await repointRelatedTasks(tx, ctx.ws, input.mergedId, survivorId))
  for (const f of await accountRelationFields(tx, ctx.ws)) {
    const c = collectionOf(f.object)
    const many = !!(f.relation as { many?: boolean } | null)?.many
    count(
      `${f.object}.custom.${f.key}`,
      await repointCustomRelation(
        tx,
        c.def.table,
        c.partitionWhere(),
        { key: f.key, many },
        ctx.ws,
        input.mergedId,
        survivorId,
      ),
    )
  }

  let survivor = survivorBefore
  if (input.fields.length) {
    const patch: Record<string, unknown> = { version: input.version }
    const custom: Record<string, unknown> = {}
    const m = merged as unknown as Record<string, unknown>
    for (const f of input.fields) {
      if (f.startsWith('custom.'))
        custom[f.slice(7)] = (m.custom as Record<string, unknown>)[f.slice(7)] ?? null
      else patch[f] = m[f] ?? null
    }
    if (Object.keys(custom).length) patch.custom = custom
    const parsed = accountResource.Update.safeParse(patch)
    if (!parsed.success) {
      throw new AppError('invalid', 'invalid_input', 'Some chosen values cannot be taken over', {
        errors: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      })
    }
    survivor = await accountCollection.update(tx, ctx, survivorId, parsed.data as never)
  }

  const mergedAt = now.toISOString()
  await insertMerge(tx, {
    id: newId(),
    workspaceId: ctx.ws,
    survivorId,
    mergedId: input.mergedId,
    fields: input.fields,
    moved,
    mergedBy: ctx.principal.userId,
    mergedAt: now,
  })
  const summary = { survivorId, mergedId: input.mergedId, fields: input.fields, moved }
  await recordAudit(tx, ctx, [
    { action: 'merge', entityType: 'account', entityId: survivorId, after: summary },
    {
      action: 'delete',
      entityType: 'account',
      entityId: input.mergedId,
      before: merged as unknown as Record<string, unknown>,
      after: { mergedInto: survivorId, deletedAt: mergedAt },
    },
  ])
  await ctx.events.emit(tx, ctx, [
    {
      type: 'account.deleted',
      entityType: 'account',
      entityId: input.mergedId,
      payload: { record: { ...merged, deletedAt: mergedAt } },
    },
    { type: 'account.merged', entityType: 'account', entityId: survivorId, payload: summary },
  ])
  accountCollection.def.onChange?.(ctx, survivorId)
  return { ...summary, mergedAt, survivor }
}

/** The merges an account took part in, for its history (only for people who may read the account). */
export async function accountMergeHistory(tx: Executor, ctx: Ctx, accountId: string) {
  await accountCollection.getAny(tx, ctx, accountId)
  const list = await findMerges(tx, ctx.ws, accountId)
  return list.map((m) => ({
    ...m,
    mergedAt: new Date(m.mergedAt as string).toISOString(),
  }))
}
