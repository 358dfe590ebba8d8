import { z } from 'zod'
import { Problem } from '@openkam/contract'
import type { Db } from '../../core/db/types'
import type { App } from '../../core/http/server'
import { AppError } from '../../core/errors'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { roleFieldAccess, setRoleFieldAccess } from '../users'
import { loadDefinitions } from './field-cache'
import { objectExists, objectKeys } from './object-registry'
import { builtinKeys } from './object-model.service'

const Access = z.enum(['hidden', 'read', 'edit'])
const FieldAccessBody = z
  .object({ object: z.string().min(1).max(64), fields: z.record(z.string().max(80), Access) })
  .strict()
  .meta({ id: 'FieldAccessUpdate' })
const FieldAccessAnswer = z
  .object({
    role: z.string(),
    version: z.number().int(),
    objects: z.record(z.string(), z.record(z.string(), z.enum(['hidden', 'read']))),
  })
  .meta({ id: 'FieldAccess' })
const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem }

/** Every field name an object has: built-in keys and `custom.<key>` of its live custom fields. */
async function knownFields(tx: Executor, ctx: Ctx, object: string) {
  const defs = (await loadDefinitions(tx, ctx.ws)).get(object) ?? []
  return new Set([...builtinKeys(object), ...defs.map((d) => `custom.${d.key}`)])
}

/** Field-level security per role (SPEC R-23): `/roles/:role/field-access`. */
export function registerFieldAccessRoutes(app: App, db: Db) {
  // `:id` is the role's key or id (named as the roles' other routes name it).
  const path = '/api/v1/roles/:id/field-access'
  app.get(
    path,
    {
      schema: {
        tags: ['roles'],
        summary: 'What a role may do with each field, per object (fields not listed are editable)',
        params: z.object({ id: z.string().max(64) }),
        response: { 200: FieldAccessAnswer, ...errors },
      },
    },
    async (req) => roleFieldAccess(db, req.ctx, (req.params as { id: string }).id),
  )
  app.put(
    path,
    {
      schema: {
        tags: ['roles'],
        summary:
          'Set, for one object, which fields a role may not see (hidden) or only read (read); custom fields as custom.<key> (administrators)',
        params: z.object({ id: z.string().max(64) }),
        body: FieldAccessBody,
        response: { 200: FieldAccessAnswer, ...errors },
      },
    },
    async (req) => {
      const { object, fields } = req.body as z.infer<typeof FieldAccessBody>
      return db.transaction(async (tx) => {
        if (!(await objectExists(tx, req.ctx.ws, object)))
          throw new AppError('invalid', 'invalid_input', `No object "${object}"`, {
            errors: [{ path: 'object', message: `one of ${(await objectKeys(tx, req.ctx.ws)).join(', ')}` }],
          })
        const known = await knownFields(tx, req.ctx, object)
        const unknown = Object.keys(fields).filter((k) => !known.has(k))
        if (unknown.length)
          throw new AppError('invalid', 'invalid_input', `${object} have no field ${unknown.join(', ')}`, {
            errors: unknown.map((k) => ({ path: `fields.${k}`, message: `not a field of ${object}` })),
          })
        return setRoleFieldAccess(tx, req.ctx, (req.params as { id: string }).id, object, fields)
      })
    },
  )
}
