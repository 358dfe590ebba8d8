import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useObjectSchema } from '../fields/fields.queries'
import { metaOfObject } from '../objects/object-meta'
import { collections, withCustomFields, type CollectionMeta } from './meta'

/**
 * A collection's description with its custom fields from `GET /objects/:key`; the built-in
 * description alone while that loads (or if it fails). A custom object's description comes from
 * there alone (undefined until it has loaded).
 */
export function useCollectionMeta(collection: string): CollectionMeta | undefined {
  const builtin = collections[collection]
  const { i18n } = useTranslation()
  const schema = useObjectSchema(collection)
  const lang = i18n.language.startsWith('zh') ? 'zh-CN' : 'en'
  return useMemo(
    () =>
      builtin
        ? withCustomFields(builtin, schema.data)
        : schema.data && !schema.data.builtIn
          ? metaOfObject(schema.data, lang)
          : undefined,
    [builtin, schema.data, lang],
  )
}
