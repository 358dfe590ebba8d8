import { getTableColumns } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import type { ZodObject } from 'zod'
import {
  alertResource,
  collectionResources,
  customObjectKeyOf,
  CustomRecord,
  CustomRecordCreate,
  CustomRecordUpdate,
  handoffResource,
  surveyResponseResource,
  type RuleEntity,
  type RuleTarget,
} from '@openkam/contract'
import type { Collection } from '../../core/crud/collection'
import { accountCollection } from '../accounts'
import { activityCollection } from '../activities'
import { alertCollection } from '../alerts'
import {
  contractCollection,
  invoiceCollection,
  orderCollection,
  paymentCollection,
  quoteCollection,
} from '../commerce'
import { contactCollection } from '../contacts'
import { recordCollectionFor } from '../fields'
import { handoffCollection } from '../handoffs'
import { leadCollection } from '../leads'
import { touchCollection } from '../marketing'
import { opportunityCollection } from '../opportunities'
import { taskCollection } from '../tasks'
import { ticketCollection } from '../tickets'
import { surveyResponseCollection } from '../surveys'

/** The record collections rules can watch and change, by entity name (the event prefix). */
export const entityCollections: Record<RuleEntity, Collection<any, any, any>> = {
  account: accountCollection,
  contact: contactCollection,
  lead: leadCollection,
  opportunity: opportunityCollection,
  activity: activityCollection,
  quote: quoteCollection,
  order: orderCollection,
  contract: contractCollection,
  invoice: invoiceCollection,
  payment: paymentCollection,
  ticket: ticketCollection,
  task: taskCollection,
  marketing_touch: touchCollection,
  handoff: handoffCollection,
  alert: alertCollection,
  survey_response: surveyResponseCollection,
}

type Wire = { Record: ZodObject; Create: ZodObject; Update: ZodObject }
/** Wire schemas of rule entities that are not in the contract's record collections map. */
const moduleResources: Record<string, Wire> = {
  handoffs: handoffResource,
  alerts: alertResource,
  'survey-responses': surveyResponseResource,
}
/** Every custom object's records have one shape: a name, an owner, and their fields under `custom`. */
const customResource: Wire = { Record: CustomRecord, Create: CustomRecordCreate, Update: CustomRecordUpdate }

/**
 * The collection of a rule's entity: a built-in one, or (`custom:<key>`) the custom object's records.
 * Whether that custom object still exists is checked apart (see `liveTarget`).
 */
export function collectionFor(entity: RuleTarget): Collection<any, any, any> {
  const key = customObjectKeyOf(entity)
  return key ? recordCollectionFor(key) : entityCollections[entity as RuleEntity]
}

export const resourceOf = (entity: RuleTarget): Wire => {
  if (customObjectKeyOf(entity)) return customResource
  const name = entityCollections[entity as RuleEntity].def.name
  return moduleResources[name] ?? collectionResources[name as keyof typeof collectionResources]
}

/** The fields of an entity's record on the wire (what conditions and templates can name). */
export const fieldsOf = (entity: RuleTarget): string[] => Object.keys(resourceOf(entity).Record.shape)

/** The fields a rule may set with update_fields: those the entity's update schema accepts. */
export const writableFieldsOf = (entity: RuleTarget): string[] =>
  Object.keys(resourceOf(entity).Update.shape).filter(
    (k) => k !== 'version' && k !== 'custom' && !(guarded[entity as RuleEntity] ?? {})[k],
  )

/** Fields that change only through their own endpoint (the stage gate, closing a deal), never by update. */
export const guarded: Partial<Record<RuleEntity, Record<string, string>>> = {
  opportunity: {
    stage: 'a stage moves only through the stage gate (POST /opportunities/:id/stage)',
    status: 'a deal is won or lost only by closing it (POST /opportunities/:id/close)',
  },
}

/** The date or timestamp column behind a field, for date triggers; null when the field is not a date. */
export function dateColumnOf(entity: RuleTarget, field: string): AnyPgColumn | null {
  const cols = getTableColumns(collectionFor(entity).def.table) as Record<string, AnyPgColumn>
  const c = cols[field]
  return c && (c.columnType === 'PgTimestamp' || c.columnType.startsWith('PgDate')) ? c : null
}

/** Where a record lives in the web app: a custom object's records at /objects/<key>/<id>. */
export const linkOf = (entity: string, id: string) => {
  const key = customObjectKeyOf(entity)
  if (key) return `/objects/${key}/${id}`
  const c = entityCollections[entity as RuleEntity]
  return c ? `/${c.def.name}/${id}` : null
}
