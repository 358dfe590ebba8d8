import { and, eq } from 'drizzle-orm'
import type { StoredFile } from '@openkam/contract'
import type { Executor } from '../../core/db/types'
import { files } from './pipeline.table'

const meta = {
  id: files.id,
  name: files.name,
  size: files.size,
  contentType: files.contentType,
  createdAt: files.createdAt,
  createdBy: files.createdBy,
  createdByContactId: files.createdByContactId,
}

export const fileRecord = (r: {
  id: string
  name: string
  size: number
  contentType: string
  createdAt: Date
  createdBy: string | null
}): StoredFile => ({
  id: r.id,
  name: r.name,
  size: r.size,
  contentType: r.contentType,
  createdAt: r.createdAt.toISOString(),
  createdBy: r.createdBy,
})

export async function insertFile(tx: Executor, row: Omit<typeof files.$inferInsert, 'id'> & { id: string }) {
  await tx.insert(files).values(row)
}

/** A file's metadata, without its bytes. */
export async function fileMeta(tx: Executor, ws: string, id: string) {
  const [row] = await tx
    .select(meta)
    .from(files)
    .where(and(eq(files.workspaceId, ws), eq(files.id, id)))
  return row ?? null
}

export async function fileContent(tx: Executor, ws: string, id: string): Promise<Buffer | null> {
  const [row] = await tx
    .select({ content: files.content })
    .from(files)
    .where(and(eq(files.workspaceId, ws), eq(files.id, id)))
  return row ? row.content : null
}
