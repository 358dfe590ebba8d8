import { useMemo } from 'react'
import { useObjectSchema } from '../fields/fields.queries'
import { collections, withCustomFields, type CollectionMeta } from './meta'

/**
 * A collection's description with its custom fields from `GET /objects/:key`; the built-in
 * description alone while that loads (or if it fails).
 */
export function useCollectionMeta(collection: string): CollectionMeta | undefined {
  const builtin = collections[collection]
  const schema = useObjectSchema(builtin ? collection : undefined)
  return useMemo(() => builtin && withCustomFields(builtin, schema.data), [builtin, schema.data])
}
