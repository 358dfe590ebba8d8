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

/** The built-in objects' collections, by object key (the collection name): where their records live. */
export const builtinCollections: Record<string, Collection<any, any, any>> = Object.fromEntries(
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
)

export const isObjectKey = (key: string) => key in builtinCollections
