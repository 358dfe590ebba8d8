import type { ImportObject, ImportPreview } from '@openkam/contract'
import type { Ctx } from '../../core/context'
import type { Db } from '../../core/db/types'
import { AppError } from '../../core/errors'
import { scopeFor } from '../../core/access/permissions'
import { loadDefinitions } from '../fields'
import { importFields, isBuiltinImport, requiredFields } from './builtin-import-fields'
import { customImportFields, recordImportFields, recordRequiredFields } from './import-custom'
import { normalize } from './import-fields'
import { parseFile } from './import-file'
import { resolveMapping } from './import-mapping'
import { combineMappings, findSavedMapping } from './import-mappings'
import { checkImportable } from './import-objects'

export type PreviewRequest = {
  object: ImportObject
  fileName: string
  content: Buffer
  mapping?: Record<string, string | null>
  source?: string
}

/**
 * How a file's columns would map, before it is imported: a saved mapping chosen by name or matched by the
 * file's set of headers first, then the request's own choices, then the importer's guess by header — with
 * the fields a column may fill, and what is still wrong (e.g. a required field no column fills).
 */
export async function previewImport(db: Db, ctx: Ctx, req: PreviewRequest): Promise<ImportPreview> {
  await checkImportable(db, ctx.ws, req.object)
  if (scopeFor(ctx.principal, req.object, 'create') === 'none') {
    throw new AppError(
      'forbidden',
      'forbidden',
      `Your role may not create ${req.object}, so it may not import them`,
    )
  }
  const file = await parseFile(req.content, req.fileName)
  const builtin = isBuiltinImport(req.object)
  const defs = (await loadDefinitions(db, ctx.ws)).get(req.object) ?? []
  const custom = customImportFields(defs, { customObject: !builtin })
  const saved = await findSavedMapping(db, ctx.ws, req.object, file.headers, req.source)
  const m = resolveMapping(
    req.object,
    file.headers,
    combineMappings(file.headers, saved, req.mapping),
    custom,
  )
  const given = new Set(Object.keys(req.mapping ?? {}).map(normalize))
  const fromSaved = new Set(Object.keys(saved?.mapping ?? {}).map(normalize))
  const required = new Set(
    (isBuiltinImport(req.object) ? requiredFields[req.object] : recordRequiredFields).flat(),
  )
  const fields = [...(isBuiltinImport(req.object) ? importFields[req.object] : recordImportFields), ...custom]
  return {
    fileName: req.fileName,
    format: file.format,
    total: file.rows.length,
    headers: file.headers,
    source: saved ? { id: saved.id, name: saved.name } : null,
    columns: m.columns.map((c) => ({
      ...c,
      from: given.has(normalize(c.column))
        ? 'given'
        : fromSaved.has(normalize(c.column))
          ? 'saved'
          : c.field
            ? 'guess'
            : null,
    })),
    fields: [...new Map(fields.map((f) => [f.key, { key: f.key, required: required.has(f.key) }])).values()],
    errors: m.errors,
  }
}
