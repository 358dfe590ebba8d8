import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { CUSTOM_ENTITY_PREFIX, customObjectKeyOf, ruleEntities } from '@openkam/contract'
import { objectName, useCustomObjects, type CustomObject } from '../objects/objects.queries'

/**
 * Custom objects as rule entities (`custom:<key>`): the names the pure helpers (summaries, pickers,
 * run lists) use, as `useRuleEntities` last loaded them — the same pattern as rule-fields' descriptions.
 */
const known = new Map<string, CustomObject>()
let loaded = false
let lang = 'en'

/** Keeps the workspace's custom objects (as loaded) for the helpers below. */
export function rememberObjects(list: CustomObject[], language: string) {
  known.clear()
  for (const o of list) known.set(o.key, o)
  loaded = true
  lang = language
}

/** The entity of a custom object. */
export const customEntity = (key: string) => `${CUSTOM_ENTITY_PREFIX}${key}`

/** "Account" / "Site visit": the name of a rule's entity in the app's language. */
export function entityName(entity: string, t: TFunction): string {
  const key = customObjectKeyOf(entity)
  if (!key) return t(`settings.entityTypes.${entity}`, { defaultValue: entity })
  const o = known.get(key)
  return o ? objectName(o, lang, false) : key
}

/** "an account" / "a “Site visit” record": the entity with its article, for sentences. */
export function entityA(entity: string, t: TFunction): string {
  return customObjectKeyOf(entity)
    ? t('ruleObjects.a', { name: entityName(entity, t) })
    : t(`automation.entityA.${entity}`)
}

/** "account" / "“Site visit” record": the entity as a noun, for "each matching …". */
export function entityNoun(entity: string, t: TFunction): string {
  return customObjectKeyOf(entity)
    ? t('ruleObjects.noun', { name: entityName(entity, t) })
    : t(`automation.entityNoun.${entity}`)
}

/** Whether a rule's entity is a custom object the workspace no longer has (known once the objects loaded). */
export const isDeletedObject = (entity: string | undefined | null) => {
  const key = customObjectKeyOf(entity)
  return !!key && loaded && !known.has(key)
}

/**
 * The workspace's custom objects for rules (`GET /custom-objects`): the grouped entity choices of the
 * trigger (built-in record types, then custom objects) and, once loaded, the names the helpers above use.
 */
export function useRuleEntities() {
  const { t, i18n } = useTranslation()
  const query = useCustomObjects()
  const list = query.data?.data ?? []
  if (query.data) rememberObjects(list, i18n.language)
  const builtIn = ruleEntities.map((e) => ({ value: e as string, label: t(`settings.entityTypes.${e}`) }))
  const custom = list.map((o) => ({ value: customEntity(o.key), label: objectName(o, i18n.language, false) }))
  return {
    options: custom.length
      ? [
          { label: t('ruleObjects.builtIn'), options: builtIn },
          { label: t('ruleObjects.custom'), options: custom },
        ]
      : builtIn,
    loaded: !!query.data,
  }
}
