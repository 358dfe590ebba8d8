import {
  alertRuleTypes,
  alertSeverities,
  alertStatuses,
  customObjectKeyOf,
  type RuleEntity,
} from '@openkam/contract'
import type { TFunction } from 'i18next'
import { collections, fieldOf, labelOf, pathOf, type CollectionMeta, type Field } from '../records/meta'

/** The collection (API path and metadata key) of each record type a rule can watch. */
export const collectionOfEntity: Record<RuleEntity, string> = {
  account: 'accounts',
  contact: 'contacts',
  lead: 'leads',
  opportunity: 'opportunities',
  activity: 'activities',
  quote: 'quotes',
  order: 'orders',
  contract: 'contracts',
  invoice: 'invoices',
  payment: 'payments',
  ticket: 'tickets',
  task: 'tasks',
  marketing_touch: 'marketing-touches',
  handoff: 'handoffs',
  alert: 'alerts',
  survey_response: 'survey-responses',
}

/**
 * The object (metadata key) of a rule's entity: a built-in collection, or for `custom:<key>` the custom
 * object's key (whose description `GET /objects/:key` serves).
 */
export const collectionOf = (entity: string | undefined | null): string | undefined =>
  customObjectKeyOf(entity) ?? (entity ? collectionOfEntity[entity as RuleEntity] : undefined)

/** The API path listing an entity's records: `/accounts`, or `/objects/<key>/records` for a custom object. */
export const listApiOf = (entity: string | undefined | null): string | undefined => {
  const key = customObjectKeyOf(entity)
  if (key) return `/objects/${key}/records`
  const c = collectionOf(entity)
  return c ? `/${c}` : undefined
}

/** The page of a record: accounts open their 360° page, custom objects' records /objects/<key>/<id>. */
export const recordPathOf = (entity: string, id: string) => {
  const key = customObjectKeyOf(entity)
  if (key) return `/objects/${key}/${id}`
  const c = collectionOfEntity[entity as RuleEntity]
  if (!c) return null
  return c === 'accounts' ? `/accounts/${id}` : `/${c}/${id}`
}

/**
 * Descriptions with the workspace's custom fields, by collection, as `useRuleCustomFields` last loaded
 * them. Kept here (not threaded through props) so the pure helpers below — summaries, trace labels —
 * see custom fields wherever the designer has loaded them; they fall back to the built-in description.
 */
const live = new Map<string, CollectionMeta>()
export const rememberMeta = (collection: string, meta: CollectionMeta | undefined) => {
  if (meta) live.set(collection, meta)
}

export const metaOfEntity = (entity: string | undefined | null) => {
  const c = collectionOf(entity)
  return c ? (live.get(c) ?? collections[c] ?? ruleOnlyMetas[c]) : undefined
}
/**
 * Record types rules watch that are not objects of the object model — alerts and survey answers — with
 * the fields their rules use, so a trigger on them offers its fields and says "Snoozed → Open" rather
 * than the stored codes.
 */
const ruleOnly = (name: string, fields: Field[]): CollectionMeta => ({
  name,
  title: name,
  fields,
  columns: [],
  filters: [],
  sorts: [],
  defaultSort: '-createdAt',
  titleField: fields[0]!.key,
})
const ruleOnlyMetas: Record<string, CollectionMeta> = {
  alerts: ruleOnly('alerts', [
    { key: 'type', type: 'enum', enum: 'alertType', values: alertRuleTypes },
    { key: 'severity', type: 'enum', enum: 'alertSeverity', values: alertSeverities },
    { key: 'status', type: 'enum', enum: 'alertStatus', values: alertStatuses },
    { key: 'accountId', type: 'account' },
  ]),
  'survey-responses': ruleOnly('survey-responses', [
    { key: 'score', type: 'number', min: 0, max: 10 },
    { key: 'comment', type: 'textarea' },
    { key: 'accountId', type: 'account' },
  ]),
}

const accountsMeta = () => live.get('accounts') ?? collections.accounts!

/** The fields of a record type (for pickers), without the ones a rule cannot usefully watch. */
export function fieldsOfEntity(entity: string | undefined | null): Field[] {
  return metaOfEntity(entity)?.fields ?? []
}

export const isDateField = (f: Field) => f.type === 'date' || f.type === 'datetime'

/**
 * Whether records of this type belong to an account (so `account.<field>` conditions make sense): an
 * accountId, or for a custom object a relation field to accounts (one account).
 */
export const hasAccount = (entity: string | undefined | null) =>
  !!entity &&
  entity !== 'account' &&
  fieldsOfEntity(entity).some(
    (f) =>
      f.key === 'accountId' ||
      (customObjectKeyOf(entity) &&
        f.type === 'relation' &&
        f.relation.object === 'accounts' &&
        !f.relation.many),
  )

/**
 * The field a condition path names, e.g. `stage`, `before.stage`, `record.amount`, `custom.erp` (the
 * record's) or `account.tier`, `account.custom.erp` (its account's); undefined for payload paths and
 * unknown fields.
 */
export function fieldOfPath(entity: string | undefined | null, path: string): Field | undefined {
  const [head, ...rest] = path.split('.')
  if (head === 'account' && rest.length && entity !== 'account')
    return fieldOf(accountsMeta(), rest.join('.'))
  const meta = metaOfEntity(entity)
  if (!meta) return undefined
  if ((head === 'before' || head === 'record' || head === 'account') && rest.length)
    return fieldOf(meta, rest.join('.'))
  return fieldOf(meta, path)
}

/** Fields a rule can set: custom ones unless computed or read-only. */
export const isSettable = (f: Field) => !(f.custom && (f.computed || f.readOnly))

export type FieldOption = { value: string; label: string }
export type FieldGroup = { label: string; options: FieldOption[] }

/** Grouped field choices for conditions: the record's, its account's, and (for updates) the old values. */
export function conditionFieldGroups(
  entity: string | undefined | null,
  withBefore: boolean,
  t: TFunction,
): FieldGroup[] {
  const own = fieldsOfEntity(entity)
  if (!own.length) return []
  const label = (f: Field) => labelOf(f, (k) => t(k, { defaultValue: f.key }))
  const groups: FieldGroup[] = [
    {
      label: t('automation.fieldGroups.record'),
      options: own.map((f) => ({ value: pathOf(f), label: label(f) })),
    },
  ]
  if (hasAccount(entity))
    groups.push({
      label: t('automation.fieldGroups.account'),
      options: accountsMeta().fields.map((f) => ({
        value: `account.${pathOf(f)}`,
        label: `${t('automation.fieldGroups.account')} · ${label(f)}`,
      })),
    })
  if (withBefore)
    groups.push({
      label: t('automation.fieldGroups.before'),
      options: own.map((f) => ({
        value: `before.${pathOf(f)}`,
        label: `${t('automation.fieldGroups.before')} · ${label(f)}`,
      })),
    })
  return groups
}

/** A readable name for a condition or trigger path: "Account · Tier" for `account.tier`, a custom field's label. */
export function pathLabel(path: string, t: TFunction, entity?: string | null) {
  const [head, ...rest] = path.split('.')
  const field = fieldOfPath(entity, path)
  const label = (k: string) =>
    field?.custom ? field.label! : k.startsWith('custom.') ? k : t(`fields.${k}`, { defaultValue: k })
  const inner = rest.join('.')
  if (rest.length && (head === 'account' || head === 'before') && (rest.length === 1 || rest[0] === 'custom'))
    return `${t(`automation.fieldGroups.${head}`)} · ${label(inner)}`
  if (head === 'record' && (rest.length === 1 || rest[0] === 'custom')) return label(inner)
  if (head === 'custom') return label(path)
  return rest.length ? path : label(path)
}
