import {
  builtinObjects,
  type FieldDefinition,
  type FieldDefinitionCreate,
  type FieldDefinitionUpdate,
} from '@openkam/contract'
import { recordAudit, diff } from '../../core/audit/audit'
import { scopeFor, type Action } from '../../core/access/permissions'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError, notFound } from '../../core/errors'
import { isUuid, newId } from '../../core/ids'
import type { JobQueue } from '../../core/jobs/jobs'
import { forgetDefinitions, loadDefinitions, toDefinition } from './field-cache'
import {
  findDefinitionByKey,
  findDefinitionRow,
  insertDefinitionRow,
  listDefinitionRows,
  updateDefinitionRow,
} from './field-definition.repository'
import { checkDefinition, convertValue, type DefinitionDraft, type FormulaScope } from './definition-rules'
import { collectionOf, objectExists, objectKeys } from './object-registry'
import { builtinKeys } from './object-model.service'
import { readFieldValues, writeFieldValues } from './record-values.repository'
import { FIELD_BACKFILL_JOB, FIELD_INDEX_JOB, RESTORE_DAYS } from './field-jobs.names'
import type { Def } from './custom-values'
import { storedKind } from './custom-fields.provider'
import { dropFieldIndexNow } from './field.jobs'
import { checkRollup } from './rollup.service'

const RESOURCE = 'field-definitions'

function requireRight(ctx: Ctx, action: Action) {
  const s = scopeFor(ctx.principal, RESOURCE, action)
  if (action === 'read' ? s === 'none' : s !== 'all')
    throw new AppError(
      'forbidden',
      'forbidden',
      `Your role may not ${action} custom fields (administrators may)`,
    )
}

const invalid = (errors: { path: string; message: string }[]) =>
  new AppError(
    'invalid',
    'invalid_input',
    `The custom field is not valid: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`,
    {
      errors,
    },
  )

export async function listDefinitions(
  tx: Executor,
  ctx: Ctx,
  q: { object?: string; deleted?: 'exclude' | 'only' | 'include' },
): Promise<FieldDefinition[]> {
  requireRight(ctx, 'read')
  return (await listDefinitionRows(tx, ctx.ws, q)).map(toDefinition)
}

export async function getDefinition(tx: Executor, ctx: Ctx, id: string): Promise<FieldDefinition> {
  requireRight(ctx, 'read')
  const row = isUuid(id) ? await findDefinitionRow(tx, ctx.ws, id) : undefined
  if (!row) throw notFound('Custom field')
  return toDefinition(row)
}

/** The fields a formula on `object` may read, by name and kind. */
async function formulaScope(tx: Executor, ctx: Ctx, object: string, except?: string): Promise<FormulaScope> {
  const scope: FormulaScope = {}
  for (const f of builtinObjects[object]?.fields ?? [{ key: 'name', type: 'text' as const }]) {
    scope[f.key] = ['number', 'money', 'decimal', 'percent'].includes(f.type)
      ? 'number'
      : ['date', 'datetime'].includes(f.type)
        ? 'date'
        : 'text'
  }
  for (const d of (await loadDefinitions(tx, ctx.ws)).get(object) ?? []) {
    if (d.key === except || d.type === 'formula') continue
    scope[d.key] = ['number', 'money', 'percent', 'rollup'].includes(d.type)
      ? 'number'
      : d.type === 'date'
        ? 'date'
        : 'text'
  }
  return scope
}

function draftOf(
  object: string,
  key: string,
  input: Partial<FieldDefinitionCreate>,
  base?: FieldDefinition,
): DefinitionDraft {
  const pick = <K extends keyof DefinitionDraft>(k: K, dflt: DefinitionDraft[K]): DefinitionDraft[K] =>
    k in input
      ? (((input as Record<string, unknown>)[k] ?? dflt) as DefinitionDraft[K])
      : base
        ? base[k]
        : dflt
  return {
    object,
    key,
    type: pick('type', 'text'),
    label: pick('label', key),
    labels: pick('labels', {}),
    options: pick('options', []),
    required: pick('required', false),
    unique: pick('unique', false),
    defaultValue: pick('defaultValue', null),
    helpText: pick('helpText', null),
    filterable: pick('filterable', false),
    sortable: pick('sortable', false),
    min: pick('min', null),
    max: pick('max', null),
    pattern: pick('pattern', null),
    formula: pick('formula', null),
    resultType: pick('resultType', null),
    rollup: pick('rollup', null),
    relation: pick('relation', null),
    position: pick('position', 0),
  }
}

/**
 * Brings the values already stored under the key to the definition's type, or refuses with how many do
 * not convert (nothing is changed then). Used when a field is created over old values and on a type change.
 */
async function convertStored(tx: Executor, ctx: Ctx, d: DefinitionDraft) {
  if (d.type === 'formula' || d.type === 'rollup') return
  const c = collectionOf(d.object)
  const table = c.def.table
  const rows = await readFieldValues(tx, ctx.ws, c, d.key)
  const changed: Record<string, unknown> = {}
  const bad: unknown[] = []
  for (const r of rows) {
    if (r.value === null) continue
    const c = convertValue(r.value, d as Def)
    if (!c.ok) bad.push(r.value)
    else if (JSON.stringify(c.value) !== JSON.stringify(r.value)) changed[r.id] = c.value
  }
  if (bad.length) {
    throw new AppError(
      'unprocessable',
      'unconvertible_values',
      `${bad.length} stored value${bad.length === 1 ? '' : 's'} of "${d.key}" cannot become ${d.type} (e.g. ${bad
        .slice(0, 3)
        .map((v) => JSON.stringify(v))
        .join(', ')}); change or clear them first`,
      { count: bad.length },
    )
  }
  await writeFieldValues(tx, ctx.ws, table, d.key, changed)
}

async function checkDraft(tx: Executor, ctx: Ctx, d: DefinitionDraft) {
  const errors = checkDefinition(d, {
    builtinKeys: builtinKeys(d.object),
    objects: new Set([...(await objectKeys(tx, ctx.ws)), 'users', 'teams']),
    formulaScope: await formulaScope(tx, ctx, d.object, d.key),
  })
  if (d.type === 'rollup' && d.rollup) errors.push(...checkRollup(d.object, d.rollup, ctx))
  if (errors.length) throw invalid(errors)
}

const needsIndex = (d: Pick<DefinitionDraft, 'filterable' | 'type'>) => d.filterable

export async function createDefinition(
  tx: Executor,
  ctx: Ctx,
  jobs: JobQueue,
  input: FieldDefinitionCreate,
): Promise<FieldDefinition> {
  requireRight(ctx, 'create')
  if (!(await objectExists(tx, ctx.ws, input.object)))
    throw invalid([
      {
        path: 'object',
        message: `no object "${input.object}"; one of ${(await objectKeys(tx, ctx.ws)).join(', ')}`,
      },
    ])
  const draft = draftOf(input.object, input.key, input)
  await checkDraft(tx, ctx, draft)
  const existing = await findDefinitionByKey(tx, ctx.ws, input.object, input.key)
  if (existing) {
    throw new AppError(
      'conflict',
      'field_key_taken',
      existing.deletedAt
        ? `"${input.key}" belongs to a deleted field of ${input.object}; restore it or choose another key`
        : `${input.object} already have a field "${input.key}"`,
      { errors: [{ path: 'key', message: 'is taken' }] },
    )
  }
  await convertStored(tx, ctx, draft)
  const now = new Date()
  const row = await insertDefinitionRow(tx, {
    ...draft,
    id: newId(),
    workspaceId: ctx.ws,
    defaultValue: draft.defaultValue ?? null,
    indexStatus: needsIndex(draft) ? 'building' : 'none',
    createdAt: now,
    updatedAt: now,
    createdBy: ctx.principal.userId,
  })
  const def = toDefinition(row)
  await afterChange(tx, ctx, jobs, 'created', def, null)
  return def
}

export async function updateDefinition(
  tx: Executor,
  ctx: Ctx,
  jobs: JobQueue,
  id: string,
  input: FieldDefinitionUpdate,
): Promise<FieldDefinition> {
  requireRight(ctx, 'update')
  const row = isUuid(id) ? await findDefinitionRow(tx, ctx.ws, id, true) : undefined
  if (!row || row.deletedAt) throw notFound('Custom field')
  const before = toDefinition(row)
  if (row.version !== input.version) {
    throw new AppError(
      'conflict',
      'version_conflict',
      'The custom field was changed by someone else since you read it; reload it and apply your change again',
      {
        current: before,
      },
    )
  }
  const { version: _v, ...changes } = input
  const draft = draftOf(before.object, before.key, changes as Partial<FieldDefinitionCreate>, before)
  await checkDraft(tx, ctx, draft)
  const retyped =
    draft.type !== before.type || JSON.stringify(draft.relation) !== JSON.stringify(before.relation)
  const rekinded = retyped || storedKind(draft) !== storedKind(before)
  if (rekinded && before.filterable) await dropFieldIndexNow(tx, ctx.ws, before.object, before.key)
  if (retyped) await convertStored(tx, ctx, draft)
  const reindex = needsIndex(draft) && (!before.filterable || rekinded)
  const updated = await updateDefinitionRow(tx, ctx.ws, id, {
    ...draft,
    defaultValue: draft.defaultValue ?? null,
    indexStatus: needsIndex(draft) ? (reindex ? 'building' : before.indexStatus) : 'none',
  })
  const def = toDefinition(updated)
  await afterChange(tx, ctx, jobs, 'updated', def, before)
  return def
}

export async function deleteDefinition(tx: Executor, ctx: Ctx, jobs: JobQueue, id: string, del: boolean) {
  requireRight(ctx, 'delete')
  const row = isUuid(id) ? await findDefinitionRow(tx, ctx.ws, id, true) : undefined
  if (!row || (del ? row.deletedAt : !row.deletedAt)) throw notFound('Custom field')
  const before = toDefinition(row)
  if (!del && row.deletedAt && Date.now() - row.deletedAt.getTime() > RESTORE_DAYS * 86_400_000)
    throw new AppError(
      'conflict',
      'restore_expired',
      `The field was deleted more than ${RESTORE_DAYS} days ago; its values are gone`,
    )
  const updated = await updateDefinitionRow(tx, ctx.ws, id, {
    deletedAt: del ? new Date() : null,
    indexStatus: del ? 'none' : needsIndex(before) ? 'building' : 'none',
  })
  const def = toDefinition(updated)
  await afterChange(tx, ctx, jobs, del ? 'deleted' : 'restored', def, before)
  return def
}

/** Audit, event, cache and background work of a definition change, in the change's transaction. */
async function afterChange(
  tx: Executor,
  ctx: Ctx,
  jobs: JobQueue,
  what: 'created' | 'updated' | 'deleted' | 'restored',
  def: FieldDefinition,
  before: FieldDefinition | null,
) {
  const action = { created: 'create', updated: 'update', deleted: 'delete', restored: 'restore' }[what] as
    'create' | 'update' | 'delete' | 'restore'
  const d = before && what === 'updated' ? diff(before, def) : null
  await recordAudit(tx, ctx, [
    {
      action,
      entityType: 'field_definition',
      entityId: def.id,
      before: d ? d.before : before,
      after: d ? d.after : def,
    },
  ])
  await ctx.events.emit(tx, ctx, [
    {
      type: `field_definition.${what}`,
      entityType: 'field_definition',
      entityId: def.id,
      payload: { definition: def },
    },
  ])
  forgetDefinitions(ctx.ws)
  // Index builds and formula backfills run outside the request (CREATE INDEX CONCURRENTLY cannot run in a
  // transaction); the jobs are queued in this transaction, so they run only if it commits.
  const indexChanged =
    def.indexStatus === 'building' || (before?.filterable && (!def.filterable || !!def.deletedAt))
  if (indexChanged)
    await jobs.send(tx, FIELD_INDEX_JOB, { ws: ctx.ws, id: def.id, previousType: before?.type ?? null })
  const computed = def.type === 'formula' || def.type === 'rollup'
  const recompute =
    what === 'created' ||
    what === 'restored' ||
    before?.formula !== def.formula ||
    before?.resultType !== def.resultType ||
    JSON.stringify(before?.rollup) !== JSON.stringify(def.rollup) ||
    before?.type !== def.type
  if (computed && !def.deletedAt && recompute)
    await jobs.send(tx, FIELD_BACKFILL_JOB, { ws: ctx.ws, object: def.object })
}
