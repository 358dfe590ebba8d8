import { and, asc, eq } from 'drizzle-orm'
import type { Deliverable } from '@openkam/contract'
import type { Executor } from '../../core/db/types'
import { files, opportunityDeliverables } from './pipeline.table'

const d = opportunityDeliverables

export type NewDeliverable = Omit<typeof d.$inferInsert, 'workspaceId'>

const columns = {
  row: d,
  fileName: files.name,
  fileSize: files.size,
  contentType: files.contentType,
}

const toDeliverable = (r: {
  row: typeof d.$inferSelect
  fileName: string | null
  fileSize: number | null
  contentType: string | null
}): Deliverable => ({
  id: r.row.id,
  opportunityId: r.row.opportunityId,
  stage: r.row.stage as Deliverable['stage'],
  key: r.row.key,
  title: r.row.title,
  url: r.row.url,
  fileId: r.row.fileId,
  fileName: r.fileName,
  fileSize: r.fileSize,
  contentType: r.contentType,
  addedBy: r.row.addedBy,
  addedAt: r.row.addedAt.toISOString(),
  waived: r.row.waived,
  waiverReason: r.row.waiverReason,
})

const withFile = (tx: Executor) =>
  tx
    .select(columns)
    .from(d)
    .leftJoin(files, and(eq(files.workspaceId, d.workspaceId), eq(files.id, d.fileId)))

/** An opportunity's deliverables (attachments and waivers), oldest first, with their files' names. */
export async function deliverablesOf(
  tx: Executor,
  ws: string,
  opportunityId: string,
): Promise<Deliverable[]> {
  const rows = await withFile(tx)
    .where(and(eq(d.workspaceId, ws), eq(d.opportunityId, opportunityId)))
    .orderBy(asc(d.addedAt), asc(d.id))
  return rows.map(toDeliverable)
}

export async function findDeliverable(tx: Executor, ws: string, opportunityId: string, id: string) {
  const [row] = await withFile(tx).where(
    and(eq(d.workspaceId, ws), eq(d.opportunityId, opportunityId), eq(d.id, id)),
  )
  return row ? toDeliverable(row) : null
}

export async function insertDeliverables(tx: Executor, ws: string, rows: NewDeliverable[]) {
  if (rows.length) await tx.insert(d).values(rows.map((r) => ({ ...r, workspaceId: ws })))
}

export async function deleteDeliverable(tx: Executor, ws: string, id: string) {
  await tx.delete(d).where(and(eq(d.workspaceId, ws), eq(d.id, id)))
}

/** The opportunities a file is attached to. */
export async function opportunitiesWithFile(tx: Executor, ws: string, fileId: string): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ id: d.opportunityId })
    .from(d)
    .where(and(eq(d.workspaceId, ws), eq(d.fileId, fileId)))
  return rows.map((r) => r.id)
}
