import type { RuleEntity } from '@openkam/contract'
import type { TFunction } from 'i18next'
import { collections, fieldOf, type Field } from '../records/meta'

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

/** The page of a record: accounts open their 360° page. */
export const recordPathOf = (entity: string, id: string) => {
  const c = collectionOfEntity[entity as RuleEntity]
  if (!c) return null
  return c === 'accounts' ? `/accounts/${id}` : `/${c}/${id}`
}

export const metaOfEntity = (entity: string | undefined | null) =>
  entity ? collections[collectionOfEntity[entity as RuleEntity]] : undefined

/** The fields of a record type (for pickers), without the ones a rule cannot usefully watch. */
export function fieldsOfEntity(entity: string | undefined | null): Field[] {
  return metaOfEntity(entity)?.fields ?? []
}

export const isDateField = (f: Field) => f.type === 'date' || f.type === 'datetime'

/** Whether records of this type belong to an account (so `account.<field>` conditions make sense). */
export const hasAccount = (entity: string | undefined | null) =>
  !!entity && entity !== 'account' && fieldsOfEntity(entity).some((f) => f.key === 'accountId')

/**
 * The field a condition path names, e.g. `stage`, `before.stage`, `record.amount` (the record's) or
 * `account.tier` (its account's); undefined for payload paths and unknown fields.
 */
export function fieldOfPath(entity: string | undefined | null, path: string): Field | undefined {
  const [head, ...rest] = path.split('.')
  if (head === 'account' && rest.length === 1 && entity !== 'account')
    return fieldOf(collections.accounts!, rest[0]!)
  const meta = metaOfEntity(entity)
  if (!meta) return undefined
  if ((head === 'before' || head === 'record' || head === 'account') && rest.length === 1)
    return fieldOf(meta, rest[0]!)
  return rest.length === 0 ? fieldOf(meta, head ?? '') : undefined
}

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
  const label = (k: string) => t(`fields.${k}`, { defaultValue: k })
  const groups: FieldGroup[] = [
    {
      label: t('automation.fieldGroups.record'),
      options: own.map((f) => ({ value: f.key, label: label(f.key) })),
    },
  ]
  if (hasAccount(entity))
    groups.push({
      label: t('automation.fieldGroups.account'),
      options: collections.accounts!.fields.map((f) => ({
        value: `account.${f.key}`,
        label: `${t('automation.fieldGroups.account')} · ${label(f.key)}`,
      })),
    })
  if (withBefore)
    groups.push({
      label: t('automation.fieldGroups.before'),
      options: own.map((f) => ({
        value: `before.${f.key}`,
        label: `${t('automation.fieldGroups.before')} · ${label(f.key)}`,
      })),
    })
  return groups
}

/** A readable name for a condition or trigger path: "Account · Tier" for `account.tier`. */
export function pathLabel(path: string, t: TFunction) {
  const [head, ...rest] = path.split('.')
  const label = (k: string) => t(`fields.${k}`, { defaultValue: k })
  if (rest.length === 1 && (head === 'account' || head === 'before'))
    return `${t(`automation.fieldGroups.${head}`)} · ${label(rest[0]!)}`
  if (rest.length === 1 && head === 'record') return label(rest[0]!)
  return rest.length ? path : label(path)
}
