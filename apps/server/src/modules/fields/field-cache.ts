import type { CustomObject, FieldDefinition } from '@openkam/contract'
import type { Executor } from '../../core/db/types'
import type { customObjects } from './custom-object.table'
import {
  definitionStamp,
  listCustomObjectRows,
  listDefinitionRows,
  type DefinitionRow,
} from './field-definition.repository'

/** How long a workspace's definitions are used before the stamp is checked again (other processes' changes). */
export const REVALIDATE_MS = 2000

type Entry = {
  byObject: Map<string, FieldDefinition[]>
  objects: Map<string, CustomObject>
  stamp: string
  checkedAt: number
}
const entries = new Map<string, Entry>()
/**
 * Workspaces whose definitions this process just changed: until then every load checks the stamp, so a
 * load made between the change and its commit (by a job, say) cannot keep the old definitions for long.
 */
const changedUntil = new Map<string, number>()

/** A definition row on the wire. */
export function toDefinition(r: DefinitionRow): FieldDefinition {
  return {
    id: r.id,
    version: r.version,
    object: r.object,
    key: r.key,
    type: r.type as FieldDefinition['type'],
    label: r.label,
    labels: r.labels ?? {},
    options: (r.options ?? []) as FieldDefinition['options'],
    required: r.required,
    unique: r.unique,
    defaultValue: r.defaultValue ?? null,
    helpText: r.helpText,
    filterable: r.filterable,
    sortable: r.sortable,
    min: r.min,
    max: r.max,
    pattern: r.pattern,
    formula: r.formula,
    resultType: (r.resultType ?? null) as FieldDefinition['resultType'],
    rollup: (r.rollup ?? null) as FieldDefinition['rollup'],
    relation: (r.relation ?? null) as FieldDefinition['relation'],
    position: r.position,
    indexStatus: r.indexStatus as FieldDefinition['indexStatus'],
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    deletedAt: r.deletedAt?.toISOString() ?? null,
  }
}

/**
 * The live definitions of a workspace, cached per process. A change made here drops the entry at once
 * (`forgetDefinitions`); a change made by another API process is seen once the stamp (count and latest
 * change) differs, checked at most every REVALIDATE_MS — so every process follows within seconds.
 */
export async function loadDefinitions(tx: Executor, ws: string): Promise<Map<string, FieldDefinition[]>> {
  return (await loadEntry(tx, ws)).byObject
}

/** The workspace's live custom objects, by key (cached with the definitions). */
export async function loadCustomObjects(tx: Executor, ws: string): Promise<Map<string, CustomObject>> {
  return (await loadEntry(tx, ws)).objects
}

async function loadEntry(tx: Executor, ws: string): Promise<Entry> {
  const now = Date.now()
  const e = entries.get(ws)
  if (e && now - e.checkedAt < REVALIDATE_MS && !((changedUntil.get(ws) ?? 0) > now)) return e
  const stamp = await definitionStamp(tx, ws)
  if (e && e.stamp === stamp) {
    e.checkedAt = now
    return e
  }
  const byObject = new Map<string, FieldDefinition[]>()
  for (const r of await listDefinitionRows(tx, ws)) {
    const list = byObject.get(r.object) ?? []
    list.push(toDefinition(r))
    byObject.set(r.object, list)
  }
  const objects = new Map<string, CustomObject>()
  for (const r of await listCustomObjectRows(tx, ws)) if (!r.deletedAt) objects.set(r.key, toCustomObject(r))
  const entry = { byObject, objects, stamp, checkedAt: now }
  entries.set(ws, entry)
  return entry
}

/** A custom object row on the wire. */
export const toCustomObject = (r: typeof customObjects.$inferSelect): CustomObject => ({
  id: r.id,
  version: r.version,
  key: r.key,
  label: r.label,
  pluralLabel: r.pluralLabel,
  labels: r.labels ?? {},
  icon: r.icon,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  deletedAt: r.deletedAt?.toISOString() ?? null,
})

/** The custom objects loaded last for a workspace (no query). */
export const cachedCustomObject = (ws: string, key: string): CustomObject | undefined =>
  entries.get(ws)?.objects.get(key)

/** The definitions loaded last for a workspace (no query); empty when none were loaded yet. */
export const cachedDefinitions = (ws: string, object: string): FieldDefinition[] =>
  entries.get(ws)?.byObject.get(object) ?? []

export const forgetDefinitions = (ws: string) => {
  entries.delete(ws)
  changedUntil.set(ws, Date.now() + 5 * REVALIDATE_MS)
}
