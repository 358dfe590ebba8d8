import { isCustomObject } from '../../shared/api/object-paths'

export { apiPathOf, isCustomObject } from '../../shared/api/object-paths'

/** The page listing a collection's records (`/objects/:key` for a custom object). */
export const listPathOf = (collection: string) =>
  isCustomObject(collection) ? `/objects/${collection}` : `/${collection}`

/** The page of a record (the account page for accounts, the generic record page otherwise). */
export const recordPathOf = (collection: string, id: string) =>
  collection === 'accounts' ? `/accounts/${id}` : `${listPathOf(collection)}/${id}`
