import { z } from 'zod'
import type { FastifySerializerCompiler } from 'fastify/types/schema'
import { serializerCompiler } from 'fastify-type-provider-zod'
import { IdParams, pageOf, Problem, VersionBody } from '@openkam/contract'
import type { Collection } from '../crud/collection'
import type { Db } from '../db/types'
import { recordSerializer } from './record-serializer'
import { messageLanguage } from './language'
import type { App } from './server'

const errorResponses = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem }

/** The list query schema of a collection: paging, sort, search, trash, and its filters (strict). */
export function listQuerySchema(
  c: Collection<any, any, any>,
  opts: { paging?: boolean; extra?: Record<string, z.ZodType>; defaultSort?: string } = {},
) {
  const { sortable, filterable, defaultSort } = c.def
  const sortKeys = Object.keys(sortable).flatMap((k) => [k, `-${k}`]) as [string, ...string[]]
  const filters: Record<string, z.ZodOptional<z.ZodString>> = {}
  for (const [key, spec] of Object.entries(filterable)) {
    const desc =
      spec.kind === 'enum' && spec.values
        ? `one of ${spec.values.join(', ')}; several separated by commas`
        : spec.kind === 'uuid'
          ? 'an id, several separated by commas, `me`, or `null`'
          : 'exact value; several separated by commas'
    filters[key] = z.string().describe(desc).optional()
    if (spec.kind === 'date' || spec.kind === 'number' || spec.kind === 'string') {
      for (const op of ['gte', 'lte', 'gt', 'lt']) filters[`${key}[${op}]`] = z.string().optional()
    }
  }
  const paging = opts.paging !== false
  const shape: Record<string, z.ZodType> = {
    ...(paging
      ? {
          limit: z.coerce.number().int().min(1).max(500, 'at most 500').default(50),
          cursor: z.string().optional().describe('nextCursor of the previous page'),
        }
      : {}),
    sort: z
      .union([z.enum(sortKeys), z.string().regex(/^-?custom\.[a-z][a-zA-Z0-9_]{0,62}$/)])
      .default(opts.defaultSort ?? defaultSort)
      .describe('field, or -field for descending; custom fields as custom.<key>'),
    q: z.string().max(200).optional().describe('search text'),
    deleted: z.enum(['exclude', 'only', 'include']).default('exclude').describe('show deleted records'),
    ...filters,
    ...opts.extra,
  }
  return (
    z
      .object(shape)
      // Custom fields filter as `custom.<key>` (with [gte]/[lte]/…) and related records as `<object>.<key>`:
      // the collection checks them against the workspace's definitions; any other unknown parameter is refused.
      .catchall(z.string())
      .superRefine((q, issue) => {
        for (const key of Object.keys(q)) {
          if (!(key in shape) && !CUSTOM_PARAM.test(key) && !RELATION_PARAM.test(key)) {
            issue.addIssue({ code: 'custom', path: [key], message: 'not a known parameter', input: q[key] })
          }
        }
      })
  )
}

const CUSTOM_PARAM = /^custom\.[a-z][a-zA-Z0-9_]{0,62}(\[(gte|lte|gt|lt|ne)\])?$/
/** A related object's filter (`marketing-touches.kind`, ADR 0031): the collection checks the object and the field. */
const RELATION_PARAM = /^(?:[a-z][a-z0-9-]{0,62}\.){1,3}(?:custom\.)?\w{1,63}(\[(gte|lte|gt|lt|ne)\])?$/

/**
 * Registers the standard routes of a collection under /api/v1/<name>:
 * list, create, get, patch (with version), delete (soft) and restore. Each write is atomic: one statement
 * where it can be (create, patch; ADR 0026), else one transaction.
 */
export function registerCollectionRoutes(
  app: App,
  db: Db,
  c: Collection<any, any, any>,
  resource: { Record: z.ZodType; Create: z.ZodType; Update: z.ZodType },
  tag = c.def.name,
) {
  const schemas = { record: resource.Record, create: resource.Create, update: resource.Update }
  const base = `/api/v1/${c.def.name}`
  const tags = [tag]
  const r = app
  // Reads answer records the collection shaped itself (toRecord), so their 200 answers are copied into the
  // schema's keys and serialised without re-validation (see record-serializer.ts); the schema still
  // documents them, and every other status keeps the zod serializer.
  const readSerializer = (page: boolean): FastifySerializerCompiler<any> | undefined => {
    const fast = recordSerializer(schemas.record, page)
    return fast
      ? (route) => (route.httpStatus === '200' ? fast : serializerCompiler(route as never))
      : undefined
  }
  r.get(
    base,
    {
      schema: {
        tags,
        summary: `List ${c.def.name}`,
        querystring: listQuerySchema(c),
        response: { 200: pageOf(schemas.record), ...errorResponses },
      },
      serializerCompiler: readSerializer(true),
    },
    async (req) => {
      const page = await c.list(db, req.ctx, req.query as never)
      const localize = c.def.localize
      if (!localize) return page
      const lang = messageLanguage(req)
      return { ...page, data: page.data.map((rec) => localize(rec, lang)) }
    },
  )
  r.post(
    base,
    {
      schema: {
        tags,
        summary: `Create a ${c.def.entity}`,
        body: schemas.create,
        response: { 201: schemas.record, ...errorResponses },
      },
    },
    // Given the database, not a transaction: a write that is one statement needs none (ADR 0026).
    async (req, reply) => reply.code(201).send(await c.create(db, req.ctx, req.body)),
  )
  r.get(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: `Get a ${c.def.entity}`,
        params: IdParams,
        querystring: z.object({ deleted: z.enum(['exclude', 'include']).default('exclude') }).strict(),
        response: { 200: schemas.record, ...errorResponses },
      },
      serializerCompiler: readSerializer(false),
    },
    async (req) => {
      const { id } = req.params as { id: string }
      const rec =
        (req.query as { deleted: string }).deleted === 'include'
          ? await c.getAny(db, req.ctx, id)
          : await c.get(db, req.ctx, id)
      return c.def.localize ? c.def.localize(rec, messageLanguage(req)) : rec
    },
  )
  r.patch(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: `Change a ${c.def.entity} (send the version you read; a stale one answers 409)`,
        params: IdParams,
        body: schemas.update,
        response: { 200: schemas.record, ...errorResponses },
      },
    },
    async (req) => c.update(db, req.ctx, (req.params as { id: string }).id, req.body as never),
  )
  r.delete(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: `Delete a ${c.def.entity} (soft; restorable)`,
        params: IdParams,
        querystring: z.object({ version: z.coerce.number().int().min(1).optional() }).strict(),
        body: VersionBody.nullish(),
        response: { 200: schemas.record, ...errorResponses },
      },
    },
    async (req) => {
      const version =
        (req.body as { version?: number } | undefined)?.version ?? (req.query as { version?: number }).version
      return db.transaction((tx) => c.remove(tx, req.ctx, (req.params as { id: string }).id, version))
    },
  )
  r.post(
    `${base}/:id/restore`,
    {
      schema: {
        tags,
        summary: `Restore a deleted ${c.def.entity}`,
        params: IdParams,
        response: { 200: schemas.record, ...errorResponses },
      },
    },
    async (req) => db.transaction((tx) => c.restore(tx, req.ctx, (req.params as { id: string }).id)),
  )
}
