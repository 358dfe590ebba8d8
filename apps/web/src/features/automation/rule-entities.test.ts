import { describe, expect, it } from 'vitest'
import type { TFunction } from 'i18next'
import { ruleEntities } from '@openkam/contract'
import { en } from '../../shared/i18n/en'
import { zhCN } from '../../shared/i18n/zh-CN'
import type { CustomObject } from '../objects/objects.queries'
import { entityA, entityName, entityNoun, isDeletedObject, rememberObjects } from './rule-entities'
import { collectionOf, listApiOf, recordPathOf } from './rule-fields'

const t = ((key: string, o?: Record<string, unknown>) =>
  key === 'ruleObjects.a' ? `a “${String(o?.name)}” record` : key) as unknown as TFunction
const visits = {
  key: 'site_visits',
  label: 'Site visit',
  pluralLabel: 'Site visits',
  labels: { 'zh-CN': { one: '现场拜访', many: '现场拜访' } },
} as CustomObject

describe('custom objects as rule entities', () => {
  it.each([
    ['account', 'accounts', '/accounts', '/accounts/1'],
    ['ticket', 'tickets', '/tickets', '/tickets/1'],
    ['custom:site_visits', 'site_visits', '/objects/site_visits/records', '/objects/site_visits/1'],
  ])('finds %s in collection %s, listed at %s, shown at %s', (entity, collection, api, page) => {
    expect(collectionOf(entity)).toBe(collection)
    expect(listApiOf(entity)).toBe(api)
    expect(recordPathOf(entity, '1')).toBe(page)
  })

  it('names a custom object in the language it was loaded in, and knows when it is gone', () => {
    expect(isDeletedObject('custom:site_visits')).toBe(false) // not loaded yet: nothing is said
    rememberObjects([visits], 'zh-CN')
    expect(entityName('custom:site_visits', t)).toBe('现场拜访')
    rememberObjects([visits], 'en')
    expect(entityName('custom:site_visits', t)).toBe('Site visit')
    expect(entityA('custom:site_visits', t)).toBe('a “Site visit” record')
    expect(entityNoun('custom:site_visits', t)).toBe('ruleObjects.noun')
    expect(entityName('account', t)).toBe('settings.entityTypes.account')
    expect(isDeletedObject('custom:site_visits')).toBe(false)
    expect(isDeletedObject('custom:old_visits')).toBe(true)
    expect(entityName('custom:old_visits', t)).toBe('old_visits')
    expect(isDeletedObject('account')).toBe(false)
  })
})

describe('every built-in rule entity is named in both languages', () => {
  it.each([
    ['en', en],
    ['zh-CN', zhCN],
  ] as const)('%s: a name, a name with its article and a noun for each', (_lang, messages) => {
    const m = messages as unknown as {
      settings: { entityTypes: Record<string, string> }
      automation: { entityA: Record<string, string>; entityNoun: Record<string, string> }
    }
    const missing = ruleEntities.flatMap((e) =>
      [
        m.settings.entityTypes[e] ? null : `settings.entityTypes.${e}`,
        m.automation.entityA[e] ? null : `automation.entityA.${e}`,
        m.automation.entityNoun[e] ? null : `automation.entityNoun.${e}`,
      ].filter(Boolean),
    )
    expect(missing).toEqual([])
  })
})
