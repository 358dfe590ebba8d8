import { importObjects, type BuiltinImportObject } from '@openkam/contract'
import type { Collection } from '../../core/crud/collection'
import { AppError } from '../../core/errors'
import type { Executor } from '../../core/db/types'
import { accountCollection } from '../accounts'
import { activityCollection } from '../activities'
import { contactCollection } from '../contacts'
import { leadCollection } from '../leads'
import { loadCustomObjects, recordCollectionFor } from '../fields'
import { isBuiltinImport } from './builtin-import-fields'

const builtinCollections: Record<BuiltinImportObject, Collection<any, any, any>> = {
  accounts: accountCollection,
  contacts: contactCollection,
  activities: activityCollection,
  leads: leadCollection,
}

/** Where an object's records live: a built-in collection, or the custom object's records (custom_records). */
export const collectionFor = (object: string): Collection<any, any, any> =>
  isBuiltinImport(object) ? builtinCollections[object] : recordCollectionFor(object)

/** The objects a workspace can import into: the built-in ones the importer takes, then its custom objects. */
export async function importableObjects(tx: Executor, ws: string): Promise<string[]> {
  return [...importObjects, ...(await loadCustomObjects(tx, ws)).keys()]
}

/** Why an object cannot be imported (neither an importable built-in one nor a live custom object), or null. */
export async function importObjectProblem(tx: Executor, ws: string, object: string): Promise<string | null> {
  if (isBuiltinImport(object)) return null
  const known = await importableObjects(tx, ws)
  return known.includes(object)
    ? null
    : `"${object}" is not an object you can import; use one of ${known.join(', ')}`
}

/** Refuses (400, path `object`) an object the workspace cannot import. */
export async function checkImportable(tx: Executor, ws: string, object: string): Promise<void> {
  const message = await importObjectProblem(tx, ws, object)
  if (message)
    throw new AppError('invalid', 'invalid_input', message, { errors: [{ path: 'object', message }] })
}
