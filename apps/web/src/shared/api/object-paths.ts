import { builtinObjectNames } from '@openkam/contract'

const builtin = new Set(builtinObjectNames)

/** A custom object (its records at `/objects/:key/records`) rather than a built-in collection. */
export const isCustomObject = (collection: string) => !builtin.has(collection)

/** The API path of a collection's records: `/accounts` for a built-in one, `/objects/:key/records` otherwise. */
export const apiPathOf = (collection: string) =>
  isCustomObject(collection) ? `/objects/${collection}/records` : `/${collection}`
