import type { Collection } from '../../core/crud/collection'
import { accountCollection } from '../accounts'
import { activityCollection } from '../activities'
import {
  contractCollection,
  invoiceCollection,
  orderCollection,
  paymentCollection,
  quoteCollection,
} from '../commerce'
import { contactCollection } from '../contacts'
import { handoffCollection } from '../handoffs'
import { leadCollection } from '../leads'
import { touchCollection } from '../marketing'
import { opportunityCollection } from '../opportunities'
import { taskCollection } from '../tasks'
import { ticketCollection } from '../tickets'
import { recordCollectionFor } from './custom-record.collection'
import { loadCustomObjects } from './field-cache'
import type { Executor } from '../../core/db/types'

/** The built-in objects' collections, by object key (the collection name): where their records live. */
// Prototype-less, like builtinObjects: a key from a request (`valueOf`) finds nothing rather than Object's members.
export const builtinCollections: Record<string, Collection<any, any, any>> = Object.assign(
  Object.create(null),
  Object.fromEntries(
    [
      accountCollection,
      contactCollection,
      leadCollection,
      opportunityCollection,
      activityCollection,
      taskCollection,
      ticketCollection,
      touchCollection,
      quoteCollection,
      orderCollection,
      contractCollection,
      invoiceCollection,
      paymentCollection,
      handoffCollection,
    ].map((c) => [c.def.name, c]),
  ),
)

/** Keys a custom object may not take: the built-in objects and their entities, and words of the API. */
export const reservedObjectKeys = new Set([
  ...Object.keys(builtinCollections),
  ...Object.values(builtinCollections).map((c) => c.def.entity),
  'objects',
  'records',
  'users',
  'teams',
  'roles',
  'rules',
  'field_definitions',
  'workspace',
  'import',
  'demo',
])

/** The collection of an object, built-in or custom (whether a custom object exists is checked apart). */
export const collectionOf = (key: string): Collection<any, any, any> =>
  builtinCollections[key] ?? recordCollectionFor(key)

export const isBuiltinObject = (key: string) => key in builtinCollections

/** Whether the workspace has the object: a built-in one, or a live custom object. */
export async function objectExists(tx: Executor, ws: string, key: string): Promise<boolean> {
  return isBuiltinObject(key) || (await loadCustomObjects(tx, ws)).has(key)
}

/** Every object key of the workspace: the built-in ones, then its custom objects. */
export async function objectKeys(tx: Executor, ws: string): Promise<string[]> {
  return [...Object.keys(builtinCollections), ...(await loadCustomObjects(tx, ws)).keys()]
}
