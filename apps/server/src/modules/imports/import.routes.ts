import { setExportView } from '../../core/http/export-routes'
import { exportView } from './export-view'
import multipart from '@fastify/multipart'
import type { FastifyRequest } from 'fastify'
import { z } from 'zod'
import {
  IdParams,
  Import,
  ImportFormFields,
  ImportJsonRequest,
  ImportListQuery,
  ImportMapping,
  ImportMappingSource,
  ImportMappingSourceCreate,
  ImportMappingSourceUpdate,
  ImportPreview,
  ImportUndoResult,
  Problem,
} from '@openkam/contract'
import { registerCollectionRoutes } from '../../core/http/collection-routes'
import { importMappingCollection } from './import-mappings'
import { previewImport } from './import-preview'
import { previewUndo, undoImport } from './import-undo'
import { AppError, type FieldError } from '../../core/errors'
import type { App } from '../../core/http/server'
import type { Db } from '../../core/db/types'
import { formatOf } from './import-file'
import { getImport, listImportsFor, settleImports, startImport, type ImportRequest } from './import.service'
import { importObjectProblem } from './import-objects'

const MAX_FILE = 50 * 1024 * 1024
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 413: Problem }

const invalid = (errs: FieldError[]) =>
  new AppError('invalid', 'invalid_input', `Invalid ${errs.map((e) => e.path).join(', ')}`, { errors: errs })

const zodErrors = (issues: z.core.$ZodIssue[]): FieldError[] =>
  issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))

/** The file and options of a multipart request: a `file` part and text fields. */
async function fromMultipart(db: Db, req: FastifyRequest): Promise<ImportRequest> {
  let file: { name: string; content: Buffer } | undefined
  const fields: Record<string, string> = {}
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file')
        throw invalid([{ path: part.fieldname, message: 'send the file as "file"' }])
      file = { name: part.filename || 'upload', content: await part.toBuffer() }
    } else {
      fields[part.fieldname] = String(part.value)
    }
  }
  const parsed = ImportFormFields.safeParse(fields)
  const errs = parsed.success ? [] : zodErrors(parsed.error.issues)
  const unknown = parsed.success ? await importObjectProblem(db, req.ctx.ws, parsed.data.object) : null
  if (unknown) errs.push({ path: 'object', message: unknown })
  if (!file) errs.push({ path: 'file', message: 'attach the CSV or .xlsx file as the "file" part' })
  let mapping: ImportRequest['mapping']
  if (parsed.success && !unknown && parsed.data.mapping) {
    try {
      const m = ImportMapping.safeParse(JSON.parse(parsed.data.mapping))
      if (m.success) mapping = m.data
      else errs.push({ path: 'mapping', message: 'must be a JSON object {"column header": "field"}' })
    } catch {
      errs.push({ path: 'mapping', message: 'is not valid JSON' })
    }
  }
  if (errs.length || !parsed.success || !file) throw invalid(errs)
  const { object, mode, onDuplicate, dryRun, source } = parsed.data
  return {
    object,
    mode,
    onDuplicate,
    dryRun: dryRun === 'true',
    mapping,
    source,
    fileName: file.name,
    content: file.content,
  }
}

function fromJson(body: z.output<typeof ImportJsonRequest>): ImportRequest {
  const content =
    body.content !== undefined
      ? Buffer.from(body.content, 'utf8')
      : Buffer.from(body.contentBase64!, 'base64')
  return {
    object: body.object,
    mode: body.mode,
    onDuplicate: body.onDuplicate,
    dryRun: body.dryRun,
    mapping: body.mapping,
    source: body.source,
    fileName: body.fileName ?? `${body.object}.${formatOf(content)}`,
    content,
  }
}

/**
 * POST /imports (multipart or JSON), GET /imports/:id (progress and report) and GET /imports.
 * Files with more than `backgroundAbove` rows are answered 202 at once and run on in this process.
 */
export async function registerImportRoutes(
  app: App,
  db: Db,
  opts: { backgroundAbove?: number; undoBackgroundAbove?: number } = {},
) {
  // Exports with `columns=` show the list's columns as the list does (export-view.ts).
  setExportView(exportView)
  await app.register(multipart, { limits: { fileSize: MAX_FILE, files: 1, fields: 10 } })
  app.addHook('onClose', settleImports)
  const tags = ['imports']
  const requestOf = async (req: FastifyRequest) =>
    req.isMultipart()
      ? await fromMultipart(db, req)
      : req.body
        ? fromJson(req.body as z.output<typeof ImportJsonRequest>)
        : (() => {
            throw invalid([{ path: 'body', message: 'send multipart/form-data with a file, or a JSON body' }])
          })()
  app.post(
    '/api/v1/imports',
    {
      bodyLimit: MAX_FILE * 1.4,
      schema: {
        tags,
        summary:
          "Import accounts, contacts, activities, leads or a custom object's records from a CSV or .xlsx file",
        description:
          'Send multipart/form-data with a `file` part and the fields `object`, `mapping` (JSON), `mode`, ' +
          '`onDuplicate` and `dryRun`, or this JSON body. Small files answer 201 with the finished import; ' +
          'larger ones 202 with the import to follow at GET /imports/{id}.',
        body: ImportJsonRequest.nullish(),
        response: { 201: Import, 202: Import, ...errors },
      },
    },
    async (req, reply) => {
      const input = await requestOf(req)
      const started = await startImport(db, req.ctx, input, {
        backgroundAbove: opts.backgroundAbove ?? 2_000,
      })
      if (started.background) return reply.code(202).send(started.record)
      return reply.code(201).send(await started.done)
    },
  )
  app.get(
    '/api/v1/imports',
    {
      schema: {
        tags,
        summary: 'List imports, newest first',
        querystring: ImportListQuery,
        response: { 200: z.object({ data: z.array(Import), nextCursor: z.string().nullable() }), ...errors },
      },
    },
    async (req) => listImportsFor(db, req.ctx, req.query),
  )
  app.get(
    '/api/v1/imports/:id',
    {
      schema: {
        tags,
        summary: 'An import: status, progress (processed of total), counts and the report',
        params: IdParams,
        response: { 200: Import, ...errors },
      },
    },
    async (req) => getImport(db, req.ctx, req.params.id),
  )
  app.post(
    '/api/v1/imports/preview',
    {
      bodyLimit: MAX_FILE * 1.4,
      schema: {
        tags,
        summary:
          "How a file's columns would map (saved mapping, your choices, the importer's guess); writes nothing",
        description:
          'The same request as POST /imports (multipart or JSON; mode, onDuplicate and dryRun are ignored). ' +
          "A saved mapping named by `source`, or saved for the file's exact set of headers, comes first.",
        body: ImportJsonRequest.nullish(),
        response: { 200: ImportPreview, ...errors },
      },
    },
    async (req) => previewImport(db, req.ctx, await requestOf(req)),
  )
  app.get(
    '/api/v1/imports/:id/undo-preview',
    {
      schema: {
        tags,
        summary: 'What undoing the import would do now: records deleted, fields put back, records left alone',
        params: IdParams,
        response: { 200: ImportUndoResult, ...errors },
      },
    },
    async (req) => previewUndo(db, req.ctx, req.params.id),
  )
  app.post(
    '/api/v1/imports/:id/undo',
    {
      schema: {
        tags,
        summary: 'Undo an import: delete the records it created, put back the fields it changed',
        description:
          'Records the import created go to the trash (restorable; audit kept); fields it changed on existing ' +
          'records get their previous values back. A record changed since the import is left alone and listed in ' +
          '`undo.skippedRecords` with the reason. The person who ran the import or an administrator may undo it. ' +
          'Large imports answer 202 and are undone in batches (follow `undo.processed` of `undo.total` at ' +
          'GET /imports/{id}); a second undo changes nothing.',
        params: IdParams,
        response: { 200: Import, 202: Import, ...errors },
      },
    },
    async (req, reply) => {
      const started = await undoImport(db, req.ctx, req.params.id, {
        backgroundAbove: opts.undoBackgroundAbove ?? 2_000,
      })
      if (started.background) return reply.code(202).send(started.record)
      return reply.code(200).send(await started.done)
    },
  )
  // Saved column mappings per source: the standard collection routes.
  registerCollectionRoutes(app, db, importMappingCollection, {
    Record: ImportMappingSource,
    Create: ImportMappingSourceCreate,
    Update: ImportMappingSourceUpdate,
  })
}
