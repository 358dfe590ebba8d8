import { createHash } from 'node:crypto'
import type { StoredFile } from '@openkam/contract'
import { recordAudit } from '../../core/audit/audit'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError, notFound } from '../../core/errors'
import { isUuid, newId } from '../../core/ids'
import { opportunityCollection } from '../opportunities'
import { opportunitiesWithFile } from './deliverable.repository'
import { fileContent, fileMeta, fileRecord, insertFile } from './file.repository'
import type { FileExt } from './file-type'

/**
 * Who may upload: people who may change some opportunity (files are deliverables of deals), and people
 * another module lets attach files (approvers attach files to their decisions).
 */
export function assertMayUpload(ctx: Ctx) {
  if (ctx.principal.userId && uploaders.some((may) => may(ctx))) return
  opportunityCollection.scope(ctx, 'update')
}

/** Another module's answer to "may this person read this file?" (e.g. it is attached to something they see). */
export type FileReader = (tx: Executor, ctx: Ctx, fileId: string) => Promise<boolean>
const readers: FileReader[] = []
const uploaders: ((ctx: Ctx) => boolean)[] = []

/**
 * Lets a module that keeps files (by id) open them to the people who see what they are attached to, and
 * let its people upload; registered once at start, so this module depends on none of them.
 */
export function addFileAccess(access: { read: FileReader; upload?: (ctx: Ctx) => boolean }) {
  if (!readers.includes(access.read)) readers.push(access.read)
  if (access.upload && !uploaders.includes(access.upload)) uploaders.push(access.upload)
}

/**
 * Stores a checked upload (see file-upload.ts) and answers its metadata. The uploader is the signed-in
 * person, or `by.contactId` for a customer's contact in the portal (then `createdBy` is null, and only
 * that contact — or whoever may read what it is later attached to — may open it).
 */
export async function storeFile(
  tx: Executor,
  ctx: Ctx,
  file: { name: string; content: Buffer; type: { ext: FileExt; contentType: string } },
  by: { contactId?: string } = {},
): Promise<StoredFile> {
  const row = {
    id: newId(),
    workspaceId: ctx.ws,
    name: file.name,
    size: file.content.length,
    contentType: file.type.contentType,
    sha256: createHash('sha256').update(file.content).digest('hex'),
    content: file.content,
    createdAt: new Date(),
    createdBy: by.contactId ? null : ctx.principal.userId,
    createdByContactId: by.contactId ?? null,
  }
  await insertFile(tx, row)
  const rec = fileRecord(row)
  await recordAudit(tx, ctx, [
    {
      action: 'upload',
      entityType: 'file',
      entityId: row.id,
      after: { ...rec, sha256: row.sha256, ...(by.contactId ? { createdByContactId: by.contactId } : {}) },
    },
  ])
  return rec
}

/** Whether the person may download a file: they uploaded it, may read a deal it is attached to, or another module says so. */
export async function mayDownload(
  tx: Executor,
  ctx: Ctx,
  file: { id: string; createdBy: string | null },
): Promise<boolean> {
  if (file.createdBy && file.createdBy === ctx.principal.userId) return true
  for (const read of readers) if (await read(tx, ctx, file.id)) return true
  for (const id of await opportunitiesWithFile(tx, ctx.ws, file.id)) {
    try {
      await opportunityCollection.get(tx, ctx, id)
      return true
    } catch (e) {
      if (!(e instanceof AppError) || (e.kind !== 'not_found' && e.kind !== 'forbidden')) throw e
    }
  }
  return false
}

/** A file with its bytes, for someone allowed to download it; 404 for everyone else. */
export const readFile = (tx: Executor, ctx: Ctx, id: string) =>
  openFile(tx, ctx.ws, id, (meta) => mayDownload(tx, ctx, meta))

/**
 * A file of the workspace with its bytes when `allowed` says yes to its metadata; 404 otherwise (a file
 * one may not open is not told apart from none). Other ways in (the customer portal) bring their own check.
 */
export async function openFile(
  tx: Executor,
  ws: string,
  id: string,
  allowed: (meta: {
    id: string
    createdBy: string | null
    createdByContactId: string | null
  }) => Promise<boolean>,
) {
  const meta = isUuid(id) ? await fileMeta(tx, ws, id) : null
  if (!meta || !(await allowed(meta))) throw notFound('File')
  const content = await fileContent(tx, ws, id)
  if (!content) throw notFound('File')
  return { meta: fileRecord(meta), content }
}
