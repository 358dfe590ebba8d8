import { z } from 'zod'
import {
  CustomObject,
  CustomObjectCreate,
  CustomObjectUpdate,
  CustomRecord,
  CustomRecordCreate,
  CustomRecordUpdate,
  BulkUpdateRequest,
  BulkUpdateResult,
  pageOf,
  Problem,
  VersionBody,
} from '@openkam/contract'
import type { Ctx } from '../../core/context'
import type { Db, Executor } from '../../core/db/types'
import { notFound } from '../../core/errors'
import type { JobQueue } from '../../core/jobs/jobs'
import { listQuerySchema } from '../../core/http/collection-routes'
import { exportParams, sendExport } from '../../core/http/export-routes'
import { bulkUpdate } from '../../core/http/bulk-update-routes'
import type { App } from '../../core/http/server'
import {
  createCustomObject,
  deleteCustomObject,
  listCustomObjects,
  listDeletedCustomObjects,
  updateCustomObject,
} from './custom-object.service'
import { anyRecordCollection, recordCollectionFor } from './custom-record.collection'
import { loadCustomObjects } from './field-cache'

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem }
const KeyParams = z.object({ key: z.string().max(64) })
const RecordParams = z.object({ key: z.string().max(64), id: z.string() })
const tags = ['custom objects']

/** The records' collection of a live custom object of the workspace; 404 otherwise. */
async function records(tx: Executor, ctx: Ctx, key: string) {
  if (!(await loadCustomObjects(tx, ctx.ws)).has(key)) throw notFound('Object')
  return recordCollectionFor(key)
}

/**
 * Custom objects (`POST/PATCH/DELETE /objects[/:key]`) and their records at `/objects/:key/records`
 * with every collection convention: versions, soft delete and restore, filters (custom fields as
 * `custom.<key>`), sort, search, cursor pages, export, audit, events and per-role visibility.
 */
export function registerCustomObjectRoutes(app: App, db: Db, deps: { jobs: JobQueue }) {
  app.get(
    '/api/v1/custom-objects',
    {
      schema: {
        tags,
        summary:
          'The workspace’s own objects (their definitions; GET /objects describes them with fields); deleted=only: the deleted ones, to restore (administrators)',
        querystring: z.object({
          deleted: z
            .enum(['exclude', 'only'])
            .default('exclude')
            .describe('only: the deleted objects, latest deletion first'),
        }),
        response: { 200: z.object({ data: z.array(CustomObject) }), 401: Problem, 403: Problem },
      },
    },
    async (req) => ({
      data:
        (req.query as { deleted: string }).deleted === 'only'
          ? await listDeletedCustomObjects(db, req.ctx)
          : await listCustomObjects(db, req.ctx),
    }),
  )
  app.post(
    '/api/v1/objects',
    {
      schema: {
        tags,
        summary: 'Create an object with its first fields (administrators); no table is created',
        body: CustomObjectCreate,
        response: { 201: CustomObject, ...errors },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await db.transaction((tx) => createCustomObject(tx, req.ctx, deps.jobs, req.body as never))),
  )
  app.patch(
    '/api/v1/objects/:key',
    {
      schema: {
        tags,
        summary: 'Rename an object or change its icon',
        params: KeyParams,
        body: CustomObjectUpdate,
        response: { 200: CustomObject, ...errors },
      },
    },
    async (req) =>
      db.transaction((tx) =>
        updateCustomObject(tx, req.ctx, (req.params as { key: string }).key, req.body as never),
      ),
  )
  app.delete(
    '/api/v1/objects/:key',
    {
      schema: {
        tags,
        summary: 'Delete an object (its records and fields are kept and come back with it)',
        params: KeyParams,
        response: { 200: CustomObject, ...errors },
      },
    },
    async (req) =>
      db.transaction((tx) => deleteCustomObject(tx, req.ctx, (req.params as { key: string }).key, true)),
  )
  app.post(
    '/api/v1/objects/:key/restore',
    {
      schema: {
        tags,
        summary: 'Restore a deleted object',
        params: KeyParams,
        response: { 200: CustomObject, ...errors },
      },
    },
    async (req) =>
      db.transaction((tx) => deleteCustomObject(tx, req.ctx, (req.params as { key: string }).key, false)),
  )

  const base = '/api/v1/objects/:key/records'
  app.get(
    base,
    {
      schema: {
        tags,
        summary: 'List the records of a custom object',
        params: KeyParams,
        querystring: listQuerySchema(anyRecordCollection()),
        response: { 200: pageOf(CustomRecord), ...errors },
      },
    },
    async (req) =>
      (await records(db, req.ctx, (req.params as { key: string }).key)).list(db, req.ctx, req.query as never),
  )
  app.get(
    `${base}/export`,
    {
      schema: {
        tags,
        summary: 'Export the records of a custom object as CSV or Excel',
        params: KeyParams,
        querystring: listQuerySchema(anyRecordCollection(), { paging: false, extra: exportParams }),
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: z.string(), 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      } as never,
    },
    async (req, reply) =>
      sendExport(
        db,
        await records(db, req.ctx, (req.params as { key: string }).key),
        CustomRecord,
        req,
        reply,
      ),
  )
  app.post(
    `${base}/bulk-update`,
    {
      schema: {
        tags,
        summary:
          'Change several records of a custom object at once (all or nothing), with the change set to undo it',
        params: KeyParams,
        body: BulkUpdateRequest,
        response: { 200: BulkUpdateResult, ...errors },
      },
    },
    async (req) =>
      db.transaction(async (tx) =>
        bulkUpdate(
          tx,
          req.ctx,
          await records(tx, req.ctx, (req.params as { key: string }).key),
          CustomRecordUpdate,
          req.body as never,
        ),
      ),
  )
  app.post(
    base,
    {
      schema: {
        tags,
        summary: 'Create a record of a custom object',
        params: KeyParams,
        body: CustomRecordCreate,
        response: { 201: CustomRecord, ...errors },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await db.transaction(async (tx) =>
            (await records(tx, req.ctx, (req.params as { key: string }).key)).create(
              tx,
              req.ctx,
              req.body as never,
            ),
          ),
        ),
  )
  app.get(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'Get a record of a custom object',
        params: RecordParams,
        querystring: z.object({ deleted: z.enum(['exclude', 'include']).default('exclude') }).strict(),
        response: { 200: CustomRecord, ...errors },
      },
    },
    async (req) => {
      const { key, id } = req.params as { key: string; id: string }
      const c = await records(db, req.ctx, key)
      return (req.query as { deleted: string }).deleted === 'include'
        ? c.getAny(db, req.ctx, id)
        : c.get(db, req.ctx, id)
    },
  )
  app.patch(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'Change a record (send the version you read)',
        params: RecordParams,
        body: CustomRecordUpdate,
        response: { 200: CustomRecord, ...errors },
      },
    },
    async (req) => {
      const { key, id } = req.params as { key: string; id: string }
      return db.transaction(async (tx) =>
        (await records(tx, req.ctx, key)).update(tx, req.ctx, id, req.body as never),
      )
    },
  )
  app.delete(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'Delete a record (soft; restorable)',
        params: RecordParams,
        querystring: z.object({ version: z.coerce.number().int().min(1).optional() }).strict(),
        body: VersionBody.nullish(),
        response: { 200: CustomRecord, ...errors },
      },
    },
    async (req) => {
      const { key, id } = req.params as { key: string; id: string }
      const version =
        (req.body as { version?: number } | undefined)?.version ?? (req.query as { version?: number }).version
      return db.transaction(async (tx) => (await records(tx, req.ctx, key)).remove(tx, req.ctx, id, version))
    },
  )
  app.post(
    `${base}/:id/restore`,
    {
      schema: {
        tags,
        summary: 'Restore a deleted record',
        params: RecordParams,
        response: { 200: CustomRecord, ...errors },
      },
    },
    async (req) => {
      const { key, id } = req.params as { key: string; id: string }
      return db.transaction(async (tx) => (await records(tx, req.ctx, key)).restore(tx, req.ctx, id))
    },
  )
}
