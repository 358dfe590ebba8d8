import { z } from 'zod'
import { IdParams, MAX_FILE_BYTES, Problem, StoredFile, allowedFileTypes } from '@openkam/contract'
import type { App } from '../../core/http/server'
import type { Db } from '../../core/db/types'
import { UPLOAD_BODY_LIMIT, receiveUpload, sendFile } from './file-upload'
import { assertMayUpload, readFile, storeFile } from './file.service'

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 413: Problem, 415: Problem }
const MB = MAX_FILE_BYTES / 1024 / 1024

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
      bodyLimit: UPLOAD_BODY_LIMIT,
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
      const upload = await receiveUpload(req, reply)
      if (!upload) return reply
      const rec = await db.transaction((tx) => storeFile(tx, req.ctx, upload))
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
      return sendFile(reply, meta, content)
    },
  )
}
