import { z } from 'zod'
import type { FastifyRequest } from 'fastify'
import { messageLanguage } from '../../core/http/language'
import {
  FieldDefinition,
  FieldDefinitionCreate,
  FieldDefinitionUpdate,
  FormLayout,
  ObjectDefinitionFile,
  DefinitionImportResult,
  FormLayoutUpdate,
  IdParams,
  ObjectSchema,
  Problem,
  indexStatuses,
} from '@openkam/contract'
import type { Db } from '../../core/db/types'
import type { JobQueue } from '../../core/jobs/jobs'
import type { App } from '../../core/http/server'
import {
  createDefinition,
  deleteDefinition,
  getDefinition,
  listDefinitions,
  updateDefinition,
} from './field-definition.service'
import { getObject, listObjects, type Lang } from './object-model.service'
import { indexProgress } from './field.jobs'
import { getLayout, resetLayout, saveLayout } from './form-layout.service'
import { exportDefinitionFile, importDefinitionFile } from './definition-file.service'

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem }

/** The caller's language for labels: `?lang=`, else the language messages follow (the person's own, Accept-Language). */
export const languageOf = (req: FastifyRequest): Lang => {
  const q = (req.query as { lang?: string } | undefined)?.lang
  return q === 'zh-CN' || q === 'en' ? q : messageLanguage(req)
}

const LangQuery = z.object({ lang: z.enum(['en', 'zh-CN']).optional() }).strict()

/** The object model (`/objects`) and custom field definitions (`/field-definitions`). */
export function registerFieldRoutes(app: App, db: Db, deps: { jobs: JobQueue }) {
  app.get(
    '/api/v1/objects',
    {
      schema: {
        tags: ['objects'],
        summary: 'Every object the caller may read, with its fields (labels in the caller’s language)',
        querystring: LangQuery,
        response: { 200: z.object({ data: z.array(ObjectSchema) }), 401: Problem },
      },
    },
    async (req) => ({ data: await listObjects(db, req.ctx, languageOf(req)) }),
  )
  app.get(
    '/api/v1/objects/:key',
    {
      schema: {
        tags: ['objects'],
        summary: 'One object and its fields, built-in and custom',
        params: z.object({ key: z.string() }),
        querystring: LangQuery,
        response: { 200: ObjectSchema, 401: Problem, 404: Problem },
      },
    },
    async (req) => getObject(db, req.ctx, (req.params as { key: string }).key, languageOf(req)),
  )
  app.get(
    '/api/v1/objects/:key/layout',
    {
      schema: {
        tags: ['objects'],
        summary: 'The form layout of an object (its sections, columns, field order and conditional sections)',
        params: z.object({ key: z.string() }),
        querystring: LangQuery,
        response: { 200: FormLayout, 401: Problem, 404: Problem },
      },
    },
    async (req) => getLayout(db, req.ctx, (req.params as { key: string }).key, languageOf(req)),
  )
  app.put(
    '/api/v1/objects/:key/layout',
    {
      schema: {
        tags: ['objects'],
        summary:
          'Save the form layout of an object (administrators; send the version you read, 0 for the default)',
        params: z.object({ key: z.string() }),
        querystring: LangQuery,
        body: FormLayoutUpdate,
        response: { 200: FormLayout, ...errors },
      },
    },
    async (req) =>
      db.transaction((tx) =>
        saveLayout(tx, req.ctx, (req.params as { key: string }).key, req.body as never, languageOf(req)),
      ),
  )
  app.delete(
    '/api/v1/objects/:key/layout',
    {
      schema: {
        tags: ['objects'],
        summary: 'Reset the form layout of an object to the default (administrators; audited)',
        params: z.object({ key: z.string() }),
        querystring: LangQuery,
        response: { 200: FormLayout, ...errors },
      },
    },
    async (req) =>
      db.transaction((tx) => resetLayout(tx, req.ctx, (req.params as { key: string }).key, languageOf(req))),
  )
  app.get(
    '/api/v1/objects/:key/definition',
    {
      schema: {
        tags: ['objects'],
        summary: 'An object’s custom fields and layout (and the object itself when custom) as a file',
        params: z.object({ key: z.string() }),
        response: { 200: ObjectDefinitionFile, 401: Problem, 404: Problem },
      },
    },
    async (req) => exportDefinitionFile(db, req.ctx, (req.params as { key: string }).key),
  )
  app.post(
    '/api/v1/object-definitions/import',
    {
      schema: {
        tags: ['objects'],
        summary:
          'Apply a definition file (administrators): creates or changes what differs; twice changes nothing',
        body: ObjectDefinitionFile,
        response: { 200: DefinitionImportResult, ...errors },
      },
    },
    async (req) => db.transaction((tx) => importDefinitionFile(tx, req.ctx, deps.jobs, req.body as never)),
  )
  const base = '/api/v1/field-definitions'
  const tags = ['field-definitions']
  app.get(
    base,
    {
      schema: {
        tags,
        summary:
          'Custom fields, of one object or all; deleted ones (restorable for 30 days) with deleted=only',
        querystring: z
          .object({
            object: z.string().max(64).optional(),
            deleted: z.enum(['exclude', 'only', 'include']).default('exclude'),
          })
          .strict(),
        response: { 200: z.object({ data: z.array(FieldDefinition) }), ...errors },
      },
    },
    async (req) => ({ data: await listDefinitions(db, req.ctx, req.query as never) }),
  )
  app.post(
    base,
    {
      schema: {
        tags,
        summary:
          'Add a custom field to an object (administrators); a filterable one gets an index built in the background',
        body: FieldDefinitionCreate,
        response: { 201: FieldDefinition, ...errors },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await db.transaction((tx) => createDefinition(tx, req.ctx, deps.jobs, req.body as never))),
  )
  app.get(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary: 'One custom field',
        params: IdParams,
        response: { 200: FieldDefinition, ...errors },
      },
    },
    async (req) => getDefinition(db, req.ctx, (req.params as { id: string }).id),
  )
  app.get(
    `${base}/:id/index`,
    {
      schema: {
        tags,
        summary:
          'The state of a filterable field’s index, with the build’s progress while it runs (PostgreSQL)',
        params: IdParams,
        response: {
          200: z.object({
            status: z.enum(indexStatuses),
            index: z.string(),
            progress: z.record(z.string(), z.unknown()).nullable(),
          }),
          ...errors,
        },
      },
    },
    async (req) => {
      const d = await getDefinition(db, req.ctx, (req.params as { id: string }).id)
      return { status: d.indexStatus, ...(await indexProgress(db, req.ctx.ws, d.object, d.key)) }
    },
  )
  app.patch(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary:
          'Change a custom field (send the version you read); a new type converts stored values or is refused with 422',
        params: IdParams,
        body: FieldDefinitionUpdate,
        response: { 200: FieldDefinition, ...errors },
      },
    },
    async (req) =>
      db.transaction((tx) =>
        updateDefinition(tx, req.ctx, deps.jobs, (req.params as { id: string }).id, req.body as never),
      ),
  )
  app.delete(
    `${base}/:id`,
    {
      schema: {
        tags,
        summary:
          'Delete a custom field: it disappears everywhere; its values are kept 30 days and it can be restored until then',
        params: IdParams,
        response: { 200: FieldDefinition, ...errors },
      },
    },
    async (req) =>
      db.transaction((tx) =>
        deleteDefinition(tx, req.ctx, deps.jobs, (req.params as { id: string }).id, true),
      ),
  )
  app.post(
    `${base}/:id/restore`,
    {
      schema: {
        tags,
        summary: 'Restore a deleted custom field with its values',
        params: IdParams,
        response: { 200: FieldDefinition, ...errors },
      },
    },
    async (req) =>
      db.transaction((tx) =>
        deleteDefinition(tx, req.ctx, deps.jobs, (req.params as { id: string }).id, false),
      ),
  )
}
