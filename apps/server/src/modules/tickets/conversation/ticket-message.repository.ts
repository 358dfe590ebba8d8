import { and, asc, eq, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../../core/db/types'
import { contacts } from '../../contacts'
import { pipelineTables } from '../../pipelines'
import { userTables } from '../../users'
import { tickets } from '../ticket.table'
import { ticketMessages } from './ticket-message.table'

export type MessageRow = typeof ticketMessages.$inferSelect

export async function insertMessage(tx: Executor, row: typeof ticketMessages.$inferInsert) {
  const [r] = await tx.insert(ticketMessages).values(row).returning()
  return r!
}

/** A ticket of the workspace (not deleted) within `where` (a visibility fragment), or null. */
export async function findTicket(tx: Executor, ws: string, id: string, where?: SQL) {
  const [r] = await tx
    .select()
    .from(tickets)
    .where(and(eq(tickets.workspaceId, ws), eq(tickets.id, id), isNull(tickets.deletedAt), where))
  return r ?? null
}

/** A ticket of the workspace (not deleted), its row locked until the transaction ends, or null. */
export async function lockTicket(tx: Executor, ws: string, id: string) {
  const [r] = await tx
    .select()
    .from(tickets)
    .where(and(eq(tickets.workspaceId, ws), eq(tickets.id, id), isNull(tickets.deletedAt)))
    .for('update')
  return r ?? null
}

/** A page of a ticket's messages, oldest first, after the cursor's (createdAt, id). */
export async function messagesOf(
  tx: Executor,
  ws: string,
  ticketId: string,
  opts: { limit: number; after?: { at: Date; id: string }; publicOnly?: boolean },
) {
  const m = ticketMessages
  return tx
    .select()
    .from(m)
    .where(
      and(
        eq(m.workspaceId, ws),
        eq(m.ticketId, ticketId),
        isNull(m.deletedAt),
        opts.publicOnly ? eq(m.visibility, 'public') : undefined,
        opts.after
          ? or(gt(m.createdAt, opts.after.at), and(eq(m.createdAt, opts.after.at), gt(m.id, opts.after.id)))
          : undefined,
      ),
    )
    .orderBy(asc(m.createdAt), asc(m.id))
    .limit(opts.limit)
}

export async function setMessageEmail(
  tx: Executor,
  ws: string,
  id: string,
  v: { emailStatus: string; emailedTo: string | null; emailedAt: Date | null },
) {
  await tx
    .update(ticketMessages)
    .set(v)
    .where(and(eq(ticketMessages.workspaceId, ws), eq(ticketMessages.id, id)))
}

export async function findMessage(tx: Executor, ws: string, id: string) {
  const [r] = await tx
    .select()
    .from(ticketMessages)
    .where(and(eq(ticketMessages.workspaceId, ws), eq(ticketMessages.id, id)))
  return r ?? null
}

/** Metadata (no bytes) of files of the workspace. */
export async function filesMeta(tx: Executor, ws: string, ids: string[]) {
  if (!ids.length) return []
  const f = pipelineTables.files
  return tx
    .select({
      id: f.id,
      name: f.name,
      size: f.size,
      contentType: f.contentType,
      createdBy: f.createdBy,
      createdByContactId: f.createdByContactId,
    })
    .from(f)
    .where(and(eq(f.workspaceId, ws), inArray(f.id, ids)))
}

export async function userNames(tx: Executor, ws: string, ids: string[]) {
  if (!ids.length) return []
  const u = userTables.users
  return tx
    .select({ id: u.id, name: u.name })
    .from(u)
    .where(and(eq(u.workspaceId, ws), inArray(u.id, ids)))
}

export async function contactsByIds(tx: Executor, ws: string, ids: string[]) {
  if (!ids.length) return []
  return tx
    .select({ id: contacts.id, name: contacts.name, email: contacts.email, deletedAt: contacts.deletedAt })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ws), inArray(contacts.id, ids)))
}

/** The tickets whose messages carry a file. */
export async function ticketsWithFile(
  tx: Executor,
  ws: string,
  fileId: string,
  opts: { publicOnly?: boolean } = {},
): Promise<string[]> {
  const m = ticketMessages
  const rows = await tx
    .selectDistinct({ id: m.ticketId })
    .from(m)
    .where(
      and(
        eq(m.workspaceId, ws),
        isNull(m.deletedAt),
        sql`${m.fileIds} @> array[${fileId}]::uuid[]`,
        opts.publicOnly ? eq(m.visibility, 'public') : undefined,
      ),
    )
  return rows.map((r) => r.id)
}
