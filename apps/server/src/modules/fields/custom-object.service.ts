import { and, eq, sql } from 'drizzle-orm'
import type { CustomObject, CustomObjectCreate } from '@openkam/contract'
import { recordAudit, diff } from '../../core/audit/audit'
import { scopeFor, type Action } from '../../core/access/permissions'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError, notFound } from '../../core/errors'
import { newId } from '../../core/ids'
import type { JobQueue } from '../../core/jobs/jobs'
import { customObjects } from './custom-object.table'
import { forgetDefinitions, loadCustomObjects, toCustomObject } from './field-cache'
import { listCustomObjectRows } from './field-definition.repository'
import { createDefinition } from './field-definition.service'
import { defineFieldsNow } from './field-seed.service'
import { reservedObjectKeys } from './object-registry'

const RESOURCE = 'field-definitions'

function requireAdmin(ctx: Ctx, action: Action) {
  if (scopeFor(ctx.principal, RESOURCE, action) !== 'all')
    throw new AppError('forbidden', 'forbidden', `Your role may not ${action} objects (administrators may)`)
}

export async function listCustomObjects(tx: Executor, ctx: Ctx): Promise<CustomObject[]> {
  return [...(await loadCustomObjects(tx, ctx.ws)).values()]
}

/**
 * The deleted objects, latest deletion first, to restore them (administrators). Nothing purges a deleted
 * object — its records and fields are kept — so every one of them can be restored.
 */
export async function listDeletedCustomObjects(tx: Executor, ctx: Ctx): Promise<CustomObject[]> {
  requireAdmin(ctx, 'delete')
  return (await listCustomObjectRows(tx, ctx.ws))
    .filter((r) => r.deletedAt)
    .sort((a, b) => b.deletedAt!.getTime() - a.deletedAt!.getTime())
    .map(toCustomObject)
}

/**
 * Creates a custom object and its first fields in one transaction: a definition row, no table — its
 * records live in the shared `custom_records` table. Audited; `custom_object.created` is emitted.
 */
export async function createCustomObject(
  tx: Executor,
  ctx: Ctx,
  jobs: JobQueue | null,
  input: CustomObjectCreate,
) {
  requireAdmin(ctx, 'create')
  if (reservedObjectKeys.has(input.key))
    throw new AppError(
      'invalid',
      'invalid_input',
      `"${input.key}" is taken by a built-in object or the API`,
      {
        errors: [{ path: 'key', message: 'is reserved; choose another key' }],
      },
    )
  const [taken] = await tx
    .select({ id: customObjects.id, deletedAt: customObjects.deletedAt })
    .from(customObjects)
    .where(and(eq(customObjects.workspaceId, ctx.ws), eq(customObjects.key, input.key)))
  if (taken)
    throw new AppError('conflict', 'object_key_taken', `The workspace already has an object "${input.key}"`, {
      errors: [{ path: 'key', message: 'is taken' }],
    })
  const now = new Date()
  const [row] = await tx
    .insert(customObjects)
    .values({
      id: newId(),
      workspaceId: ctx.ws,
      createdAt: now,
      updatedAt: now,
      createdBy: ctx.principal.userId,
      ownerId: ctx.principal.userId,
      key: input.key,
      label: input.label,
      pluralLabel: input.pluralLabel,
      labels: input.labels ?? {},
      icon: input.icon ?? null,
    })
    .returning()
  const obj = toCustomObject(row!)
  await recordAudit(tx, ctx, [
    { action: 'create', entityType: 'custom_object', entityId: obj.id, after: obj },
  ])
  await ctx.events.emit(tx, ctx, [
    {
      type: 'custom_object.created',
      entityType: 'custom_object',
      entityId: obj.id,
      payload: { object: obj },
    },
  ])
  forgetDefinitions(ctx.ws)
  // Without a job queue (a new workspace being seeded) the fields are defined at once, indexes included.
  if (!jobs) {
    await defineFieldsNow(
      tx,
      ctx,
      (input.fields ?? []).map((f, i) => ({ position: i, ...f, object: input.key })),
    )
    return obj
  }
  for (const [i, f] of (input.fields ?? []).entries()) {
    try {
      await createDefinition(tx, ctx, jobs, { position: i, ...f, object: input.key })
    } catch (e) {
      // Say which of the fields was refused (the whole object is rolled back).
      if (e instanceof AppError && e.extra.errors)
        e.extra.errors = (e.extra.errors as { path: string; message: string }[]).map((x) => ({
          ...x,
          path: `fields.${i}.${x.path}`,
        }))
      throw e
    }
  }
  return obj
}

async function findObject(tx: Executor, ctx: Ctx, key: string) {
  const [row] = await tx
    .select()
    .from(customObjects)
    .where(and(eq(customObjects.workspaceId, ctx.ws), eq(customObjects.key, key)))
    .for('update')
  if (!row) throw notFound('Object')
  return row
}

/** Renames an object or changes its icon (its key, which names URLs and events, stays). */
export async function updateCustomObject(
  tx: Executor,
  ctx: Ctx,
  key: string,
  input: {
    version: number
    label?: string
    pluralLabel?: string
    labels?: CustomObject['labels']
    icon?: string | null
  },
) {
  requireAdmin(ctx, 'update')
  const row = await findObject(tx, ctx, key)
  if (row.deletedAt) throw notFound('Object')
  const before = toCustomObject(row)
  if (row.version !== input.version)
    throw new AppError(
      'conflict',
      'version_conflict',
      'The object was changed by someone else since you read it; reload it',
      {
        current: before,
      },
    )
  const { version: _v, ...changes } = input
  const [updated] = await tx
    .update(customObjects)
    .set({ ...changes, updatedAt: new Date(), version: sql`${customObjects.version} + 1` })
    .where(and(eq(customObjects.workspaceId, ctx.ws), eq(customObjects.id, row.id)))
    .returning()
  const obj = toCustomObject(updated!)
  const d = diff(before, obj)
  await recordAudit(tx, ctx, [
    { action: 'update', entityType: 'custom_object', entityId: obj.id, before: d.before, after: d.after },
  ])
  forgetDefinitions(ctx.ws)
  return obj
}

/** Deletes (or restores) an object: it disappears from the workspace; its records and fields are kept. */
export async function deleteCustomObject(tx: Executor, ctx: Ctx, key: string, del: boolean) {
  requireAdmin(ctx, 'delete')
  const row = await findObject(tx, ctx, key)
  if (del === !!row.deletedAt) throw notFound('Object')
  const [updated] = await tx
    .update(customObjects)
    .set({
      deletedAt: del ? new Date() : null,
      updatedAt: new Date(),
      version: sql`${customObjects.version} + 1`,
    })
    .where(and(eq(customObjects.workspaceId, ctx.ws), eq(customObjects.id, row.id)))
    .returning()
  const obj = toCustomObject(updated!)
  await recordAudit(tx, ctx, [
    {
      action: del ? 'delete' : 'restore',
      entityType: 'custom_object',
      entityId: obj.id,
      before: toCustomObject(row),
      after: obj,
    },
  ])
  forgetDefinitions(ctx.ws)
  return obj
}
