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
import { loadCustomObjects, loadDefinitions } from './field-cache'
import type { Executor } from '../../core/db/types'
import type { Ctx } from '../../core/context'
import { AppError } from '../../core/errors'
import { isUuid } from '../../core/ids'

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

/**
 * A record of any object by entity (`lead`, `contract`, a custom object's key) and id, if the person may
 * read it, with its account: the account it belongs to, or for a converted lead the one it became.
 */
export async function locateRecord(
  tx: Executor,
  ctx: Ctx,
  entity: string,
  id: string,
): Promise<{ accountId: string | null } | null> {
  const key = Object.values(builtinCollections).find((c) => c.def.entity === entity)?.def.name ?? entity
  if (!isUuid(id) || !(await objectExists(tx, ctx.ws, key))) return null
  try {
    const rec = (await collectionOf(key).get(tx, ctx, id)) as Record<string, unknown>
    if (key === 'accounts') return { accountId: rec.id as string }
    if (isBuiltinObject(key))
      return { accountId: ((rec.accountId ?? rec.convertedAccountId) as string | null) ?? null }
    // A custom object's record: the value of its first relation field to accounts, if it has one.
    const defs = (await loadDefinitions(tx, ctx.ws)).get(key) ?? []
    const rel = defs.find((d) => d.type === 'relation' && d.relation?.object === 'accounts')
    const custom = (rec.custom ?? {}) as Record<string, unknown>
    return { accountId: rel && typeof custom[rel.key] === 'string' ? (custom[rel.key] as string) : null }
  } catch (e) {
    if (e instanceof AppError && (e.kind === 'not_found' || e.kind === 'forbidden')) return null
    throw e
  }
}
