import { and, eq, isNull } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'
import { newId } from '../../core/ids'
import { accounts } from '../accounts'
import { contacts } from '../contacts'
import { userTables } from '../users'
import { workspaces } from '../workspaces'
import { milestoneConfirmations as mc, milestones } from './milestone.table'

/** Marks every unused link of a milestone replaced (a newer one is being sent). */
export const revokeOpenLinks = (tx: Executor, ws: string, milestoneId: string, at: Date) =>
  tx
    .update(mc)
    .set({ revokedAt: at })
    .where(
      and(eq(mc.workspaceId, ws), eq(mc.milestoneId, milestoneId), isNull(mc.usedAt), isNull(mc.revokedAt)),
    )

export const insertLink = (
  tx: Executor,
  v: {
    workspaceId: string
    milestoneId: string
    contactId: string
    tokenHash: string
    expiresAt: Date
    createdBy: string | null
  },
) => tx.insert(mc).values({ id: newId(), createdAt: new Date(), ...v })

/** A link by its token's hash, with what the confirmation page shows; optionally locked for confirming. */
export async function linkByHash(tx: Executor, tokenHash: string, forUpdate = false) {
  const q = tx
    .select({
      link: mc,
      title: milestones.title,
      description: milestones.description,
      dueDate: milestones.dueDate,
      milestoneDeleted: milestones.deletedAt,
      accountName: accounts.name,
      workspaceName: workspaces.name,
      locale: workspaces.locale,
      contactName: contacts.name,
      requestedBy: userTables.users.name,
    })
    .from(mc)
    .innerJoin(milestones, and(eq(milestones.workspaceId, mc.workspaceId), eq(milestones.id, mc.milestoneId)))
    .innerJoin(accounts, and(eq(accounts.workspaceId, mc.workspaceId), eq(accounts.id, milestones.accountId)))
    .innerJoin(workspaces, eq(workspaces.id, mc.workspaceId))
    .leftJoin(contacts, and(eq(contacts.workspaceId, mc.workspaceId), eq(contacts.id, mc.contactId)))
    .leftJoin(
      userTables.users,
      and(eq(userTables.users.workspaceId, mc.workspaceId), eq(userTables.users.id, mc.createdBy)),
    )
    .where(eq(mc.tokenHash, tokenHash))
  return (forUpdate ? (await q.for('update', { of: mc }))[0] : (await q)[0]) ?? null
}

export const useLink = (
  tx: Executor,
  ws: string,
  id: string,
  v: {
    usedAt: Date
    confirmedName: string
    comment: string | null
    ip: string | null
    userAgent: string | null
  },
) =>
  tx
    .update(mc)
    .set(v)
    .where(and(eq(mc.workspaceId, ws), eq(mc.id, id), isNull(mc.usedAt)))
    .returning({ id: mc.id })
