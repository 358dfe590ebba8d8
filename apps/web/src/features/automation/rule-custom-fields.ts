import type { RuleEntity } from '@openkam/contract'
import { useCollectionMeta } from '../records/useCollectionMeta'
import { collectionOfEntity, rememberMeta } from './rule-fields'

/**
 * Loads the custom fields of a rule's record type and of accounts (`GET /objects/:key`, labels in the
 * person's language) so the designer's field pickers, value inputs and summaries offer them. A
 * component calling it renders again when they arrive; until then built-in fields alone are offered.
 */
export function useRuleCustomFields(entity: string | undefined | null) {
  const collection = entity ? (collectionOfEntity[entity as RuleEntity] ?? '') : ''
  const own = useCollectionMeta(collection)
  const accounts = useCollectionMeta('accounts')
  rememberMeta(collection, own)
  rememberMeta('accounts', accounts)
  return { own, accounts }
}
