import { FieldDefinitionCreate, type FieldDefinition, type ObjectDefinitionFile } from '@openkam/contract'
import type { Ctx } from '../../core/context'
import { scopeFor } from '../../core/access/permissions'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import type { JobQueue } from '../../core/jobs/jobs'
import { createCustomObject } from './custom-object.service'
import { loadCustomObjects, loadDefinitions } from './field-cache'
import { createDefinition, updateDefinition } from './field-definition.service'
import { saveLayout } from './form-layout.service'
import { isBuiltinObject, objectExists } from './object-registry'
import { formLayouts } from './form-layout.table'
import { and, eq } from 'drizzle-orm'

/** What a field definition says, without its identity and bookkeeping: what a file carries and compares. */
const CONTENT = [
  'key',
  'type',
  'label',
  'labels',
  'options',
  'required',
  'unique',
  'defaultValue',
  'helpText',
  'filterable',
  'sortable',
  'min',
  'max',
  'pattern',
  'formula',
  'resultType',
  'rollup',
  'relation',
  'position',
] as const

function contentOf(d: FieldDefinition): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const k of CONTENT) {
    const v = d[k]
    if (v === null || v === undefined || (Array.isArray(v) && !v.length && k === 'options')) continue
    if (k === 'labels' && !Object.keys(v as object).length) continue
    out[k] = v
  }
  return out
}

const same = (a: unknown, b: unknown) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b))
const sorted = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(sorted)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, x]) => [k, sorted(x)]),
        )
      : v

/** An object's custom fields, its layout and (for a custom object) the object itself, as a file. */
export async function exportDefinitionFile(
  tx: Executor,
  ctx: Ctx,
  key: string,
): Promise<ObjectDefinitionFile> {
  if (!(await objectExists(tx, ctx.ws, key)))
    throw new AppError('not_found', 'not_found', 'Object was not found')
  const custom = (await loadCustomObjects(tx, ctx.ws)).get(key)
  const defs = (await loadDefinitions(tx, ctx.ws)).get(key) ?? []
  const [layout] = await tx
    .select()
    .from(formLayouts)
    .where(and(eq(formLayouts.workspaceId, ctx.ws), eq(formLayouts.object, key)))
  return {
    format: 'openkam.object.v1',
    object: custom
      ? {
          key,
          builtIn: false,
          label: custom.label,
          pluralLabel: custom.pluralLabel,
          labels: custom.labels,
          icon: custom.icon,
        }
      : { key, builtIn: true },
    fields: defs.map(contentOf),
    layout: layout?.sections ?? null,
  }
}

/**
 * Brings the workspace to what the file says: the object created if it is a custom one the workspace
 * lacks, each field created or changed (its type change converting values, or refused as in the API),
 * the layout saved — and what already matches left alone, so importing twice changes nothing.
 */
export async function importDefinitionFile(
  tx: Executor,
  ctx: Ctx,
  jobs: JobQueue,
  file: ObjectDefinitionFile,
) {
  if (scopeFor(ctx.principal, 'field-definitions', 'create') !== 'all')
    throw new AppError('forbidden', 'forbidden', 'Only administrators may apply definition files')
  const key = file.object.key
  let objectCreated = false
  if (!(await objectExists(tx, ctx.ws, key))) {
    if (file.object.builtIn || isBuiltinObject(key))
      throw new AppError('invalid', 'invalid_input', `No built-in object "${key}"`, {
        errors: [{ path: 'object.key', message: 'unknown' }],
      })
    await createCustomObject(tx, ctx, jobs, {
      key,
      label: file.object.label ?? key,
      pluralLabel: file.object.pluralLabel ?? file.object.label ?? key,
      labels: file.object.labels as never,
      ...(file.object.icon ? { icon: file.object.icon } : {}),
    })
    objectCreated = true
  }
  const created: string[] = []
  const updated: string[] = []
  const unchanged: string[] = []
  for (const [i, raw] of file.fields.entries()) {
    const parsed = FieldDefinitionCreate.safeParse({ ...raw, object: key })
    if (!parsed.success)
      throw new AppError('invalid', 'invalid_input', `Field ${i + 1} of the file is not valid`, {
        errors: parsed.error.issues.map((x) => ({
          path: `fields.${i}.${x.path.join('.')}`,
          message: x.message,
        })),
      })
    const want = parsed.data
    const current = ((await loadDefinitions(tx, ctx.ws)).get(key) ?? []).find((d) => d.key === want.key)
    if (!current) {
      await createDefinition(tx, ctx, jobs, want)
      created.push(want.key)
      continue
    }
    const { object: _o, key: _k, ...content } = want
    const have = contentOf(current)
    const differs = Object.entries(content).some(([k, v]) => !same(v, have[k]))
    if (!differs) {
      unchanged.push(want.key)
      continue
    }
    await updateDefinition(tx, ctx, jobs, current.id, { version: current.version, ...content } as never)
    updated.push(want.key)
  }
  let layout: 'saved' | 'unchanged' | 'none' = 'none'
  if (file.layout) {
    const [row] = await tx
      .select()
      .from(formLayouts)
      .where(and(eq(formLayouts.workspaceId, ctx.ws), eq(formLayouts.object, key)))
    if (row && same(row.sections, file.layout)) layout = 'unchanged'
    else {
      await saveLayout(tx, ctx, key, { version: row?.version ?? 0, sections: file.layout }, 'en')
      layout = 'saved'
    }
  }
  return { object: key, objectCreated, created, updated, unchanged, layout }
}
