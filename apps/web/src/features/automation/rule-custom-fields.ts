import { useCollectionMeta } from '../records/useCollectionMeta'
import { collectionOf, rememberMeta } from './rule-fields'

/**
 * Loads the custom fields of a rule's record type (or custom object) and of accounts (`GET /objects/:key`, labels in the
 * person's language) so the designer's field pickers, value inputs and summaries offer them. A
 * component calling it renders again when they arrive; until then built-in fields alone are offered.
 */
export function useRuleCustomFields(entity: string | undefined | null) {
  // A custom object's description (its fields, all custom) comes from the same place.
  const collection = collectionOf(entity) ?? ''
  const own = useCollectionMeta(collection)
  const accounts = useCollectionMeta('accounts')
  rememberMeta(collection, own)
  rememberMeta('accounts', accounts)
  return { own, accounts }
}
