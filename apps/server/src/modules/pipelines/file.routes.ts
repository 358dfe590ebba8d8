import { z } from 'zod'
import { IdParams, MAX_FILE_BYTES, Problem, StoredFile, allowedFileTypes } from '@openkam/contract'
import { AppError } from '../../core/errors'
import { sendProblem } from '../../core/http/problem'
import type { App } from '../../core/http/server'
import type { Db } from '../../core/db/types'
import { checkFileType, safeFileName } from './file-type'
import { assertMayUpload, readFile, storeFile } from './file.service'

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 413: Problem, 415: Problem }
const MB = MAX_FILE_BYTES / 1024 / 1024

const noFile = () =>
  new AppError('invalid', 'invalid_input', 'Send multipart/form-data with the file as the "file" part', {
    errors: [{ path: 'file', message: 'attach the file as the "file" part of multipart/form-data' }],
  })

/** `Content-Disposition` for a download: an ASCII fallback and the UTF-8 name (RFC 6266). */
export const disposition = (name: string) => {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}

/**
 * Uploads (POST /files, multipart, 10 MB, the document, image, text and archive types of
 * `allowedFileTypes`) kept in the database, and downloads (GET /files/:id) for their uploader and for
 * people who may read an opportunity the file is attached to. Register after the multipart plugin.
 */
export function registerFileRoutes(app: App, db: Db) {
  const tags = ['files']
  app.post(
    '/api/v1/files',
    {
      bodyLimit: Math.ceil(MAX_FILE_BYTES * 1.2),
      schema: {
        tags,
        summary: `Upload a file (multipart/form-data, part "file", at most ${MB} MB) to attach as a deliverable or to an approval decision`,
        description: `Accepted: ${Object.keys(allowedFileTypes).join(', ')}. Too large: 413; another type, or content that does not match the extension: 415.`,
        consumes: ['multipart/form-data'],
        response: { 201: StoredFile, ...errors },
      },
    },
    async (req, reply) => {
      assertMayUpload(req.ctx)
      if (!req.isMultipart()) throw noFile()
      const part = await req.file({ limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5 } })
      if (!part || part.fieldname !== 'file') throw noFile()
      let content: Buffer
      try {
        content = await part.toBuffer()
      } catch (e) {
        if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
          return sendProblem(
            reply,
            413,
            'file_too_large',
            `The file is larger than ${MB} MB; upload a smaller file, or link to it instead`,
          )
        throw e
      }
      if (content.length === 0)
        throw new AppError('invalid', 'invalid_input', 'The file is empty', {
          errors: [{ path: 'file', message: 'the file is empty' }],
        })
      const name = safeFileName(part.filename || 'file')
      const type = checkFileType(name, content.subarray(0, 8192))
      if (!type.ok) return sendProblem(reply, 415, 'unsupported_file_type', type.message)
      const rec = await db.transaction((tx) => storeFile(tx, req.ctx, { name, content, type }))
      return reply.code(201).send(rec)
    },
  )
  app.get(
    '/api/v1/files/:id',
    {
      schema: {
        tags,
        summary: 'Download a file (its uploader, or people who may read an opportunity it is attached to)',
        params: IdParams,
        produces: [...new Set(Object.values(allowedFileTypes))],
        response: { 200: z.string().describe('the file'), ...errors },
      } as never,
    },
    async (req, reply) => {
      const { meta, content } = await readFile(db, req.ctx, (req.params as { id: string }).id)
      return reply
        .type(meta.contentType)
        .header('content-disposition', disposition(meta.name))
        .header('content-length', String(content.length))
        .header('cache-control', 'private, no-store')
        .send(content)
    },
  )
}
