import type { ImportObject } from '@openkam/contract'
import type { FieldError } from '../../core/errors'
import { importFields, isBuiltinImport, requiredFields } from './builtin-import-fields'
import { recordImportFields, recordRequiredFields } from './import-custom'
import { normalize, type ImportField } from './import-fields'
import { referenceColumns } from './import-synonyms'

/** A column of the file and the field it fills. */
export type MappedColumn = { index: number; column: string; field: ImportField }

export type ResolvedMapping = {
  /** Every column of the file and its field (null: ignored), for the import record. */
  columns: { column: string; field: string | null }[]
  mapped: MappedColumn[]
  errors: FieldError[]
}

/**
 * Maps the file's columns to fields. Columns named in `mapping` go where it says (null or "" ignores them);
 * the others map to the field whose name or label equals the header, ignoring case, spaces and punctuation.
 * A built-in object's fields come from the object model; any other object is a custom object (the caller
 * checked that it exists), whose records have a name and an owner. `custom` are the object's custom fields.
 * @example resolveMapping('accounts', ['客户名称', 'Tier'], undefined).mapped.map((m) => m.field.key) // ['name', 'tier']
 */
export function resolveMapping(
  object: ImportObject,
  headers: string[],
  mapping: Record<string, string | null> | undefined,
  custom: ImportField[] = [],
): ResolvedMapping {
  const builtin = isBuiltinImport(object)
  const fields = [...(builtin ? importFields[object] : recordImportFields), ...custom]
  const byKey = new Map(fields.map((f) => [f.key, f]))
  const byLabel = new Map<string, ImportField>()
  for (const f of fields) for (const l of [f.key, ...f.labels]) byLabel.set(normalize(l), f)
  const errors: FieldError[] = []
  const chosen: (ImportField | null | undefined)[] = headers.map(() => undefined)

  for (const [header, key] of Object.entries(mapping ?? {})) {
    let i = headers.findIndex((h) => h.trim() === header.trim())
    if (i < 0) i = headers.findIndex((h) => normalize(h) === normalize(header))
    if (i < 0) {
      errors.push({
        path: `mapping.${header}`,
        message: `the file has no column "${header}"; its columns are ${headers.filter(Boolean).join(', ')}`,
      })
      continue
    }
    if (key === null || key.trim() === '') {
      chosen[i] = null
      continue
    }
    const field = byKey.get(key.trim())
    if (!field) {
      errors.push({
        path: `mapping.${header}`,
        message: `"${key}" is not a field of ${object}; use one of ${fields.map((f) => f.key).join(', ')}`,
      })
      continue
    }
    chosen[i] = field
  }
  const explicit = new Set(chosen.filter((c): c is ImportField => !!c).map((c) => c.key))
  // A column headed by a field's own key (an export with ids has `industry` beside `行业`, `ownerId` beside
  // `负责人`) takes that field: columns that only match it (or the record it refers to) by a label are ignored.
  const byOwnKey = new Set(
    headers.filter((h, i) => chosen[i] === undefined && byKey.has(h.trim())).map((h) => h.trim()),
  )
  const idOf = (key: string) =>
    Object.entries(referenceColumns).find(([, r]) => r.idColumn && r.columns.some((c) => c.key === key))?.[0]
  headers.forEach((h, i) => {
    if (chosen[i] !== undefined || !h.trim()) return
    const field = byLabel.get(normalize(h))
    const ownKey = byKey.has(h.trim())
    const shadowed = !!field && !ownKey && (byOwnKey.has(field.key) || byOwnKey.has(idOf(field.key) ?? '\0'))
    chosen[i] = field && !explicit.has(field.key) && !shadowed ? field : null
  })

  const mapped: MappedColumn[] = []
  const seen = new Map<string, string>()
  headers.forEach((column, index) => {
    const field = chosen[index]
    if (!field) return
    const other = seen.get(field.key)
    if (other !== undefined) {
      errors.push({
        path: 'mapping',
        message: `columns "${other}" and "${column}" both map to ${field.key}; ignore one of them in the mapping`,
      })
      return
    }
    seen.set(field.key, column)
    mapped.push({ index, column, field })
  })
  const required = isBuiltinImport(object) ? requiredFields[object] : recordRequiredFields
  for (const group of required) {
    if (!group.some((k) => seen.has(k))) {
      errors.push({
        path: 'mapping',
        message: `no column maps to ${group.join(' or ')}; name the column in the mapping (e.g. {"<header>": "${group[0]}"})`,
      })
    }
  }
  return {
    columns: headers.map((column, i) => ({ column, field: chosen[i]?.key ?? null })),
    mapped,
    errors,
  }
}
