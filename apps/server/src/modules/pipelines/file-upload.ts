import type { FastifyReply, FastifyRequest } from 'fastify'
import { MAX_FILE_BYTES, type StoredFile } from '@openkam/contract'
import { AppError } from '../../core/errors'
import { sendProblem } from '../../core/http/problem'
import { checkFileType, safeFileName, type FileExt } from './file-type'

const MB = MAX_FILE_BYTES / 1024 / 1024
/** The request body limit of an upload route: the file and multipart's framing. */
export const UPLOAD_BODY_LIMIT = Math.ceil(MAX_FILE_BYTES * 1.2)

/** A received upload, checked (size, type, content), ready for `storeFile`. */
export type Upload = { name: string; content: Buffer; type: { ext: FileExt; contentType: string } }

const noFile = () =>
  new AppError('invalid', 'invalid_input', 'Send multipart/form-data with the file as the "file" part', {
    errors: [{ path: 'file', message: 'attach the file as the "file" part of multipart/form-data' }],
  })

/**
 * Reads the "file" part of a multipart upload and checks it: 400 when there is none or it is empty, 413
 * over MAX_FILE_BYTES, 415 for a type not in `allowedFileTypes` or content that does not match its
 * extension. Answers null when it has already sent the 413 / 415 problem. Every upload route uses it, so
 * the limits are the same everywhere.
 */
export async function receiveUpload(req: FastifyRequest, reply: FastifyReply): Promise<Upload | null> {
  if (!req.isMultipart()) throw noFile()
  const part = await req.file({ limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5 } })
  if (!part || part.fieldname !== 'file') throw noFile()
  let content: Buffer
  try {
    content = await part.toBuffer()
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      sendProblem(
        reply,
        413,
        'file_too_large',
        `The file is larger than ${MB} MB; upload a smaller file, or link to it instead`,
      )
      return null
    }
    throw e
  }
  if (content.length === 0)
    throw new AppError('invalid', 'invalid_input', 'The file is empty', {
      errors: [{ path: 'file', message: 'the file is empty' }],
    })
  const name = safeFileName(part.filename || 'file')
  const type = checkFileType(name, content.subarray(0, 8192))
  if (!type.ok) {
    sendProblem(reply, 415, 'unsupported_file_type', type.message)
    return null
  }
  return { name, content, type }
}

/** `Content-Disposition` for a download: an ASCII fallback and the UTF-8 name (RFC 6266). */
export const disposition = (name: string) => {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

/** Answers a stored file as a download (never cached by shared caches). */
export const sendFile = (
  reply: FastifyReply,
  meta: Pick<StoredFile, 'name' | 'contentType'>,
  content: Buffer,
) =>
  reply
    .type(meta.contentType)
    .header('content-disposition', disposition(meta.name))
    .header('content-length', String(content.length))
    .header('cache-control', 'private, no-store')
    .send(content)
