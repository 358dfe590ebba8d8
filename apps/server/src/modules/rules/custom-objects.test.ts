import { describe, expect, it } from 'vitest'
import type { FieldDefinition } from '@openkam/contract'
import { accountFieldOf, customAccountId, targetOfEvent, unknownObject } from './custom-objects'

const def = (over: Partial<FieldDefinition>) => ({ key: 'x', type: 'text', ...over }) as FieldDefinition
const keys = new Set(['site_visits', 'alert'])

describe('custom objects in rules', () => {
  it.each([
    ['account', { id: 'a' }, 'account'],
    ['site_visits', { id: 'r', object: 'site_visits' }, 'custom:site_visits'],
    // A custom object named like a built-in entity: its records name it, the built-in's do not.
    ['alert', { id: 'r', object: 'alert' }, 'custom:alert'],
    ['alert', { id: 'r' }, 'alert'],
    // Deleted (no longer among the live keys) or unknown: nothing watches it.
    ['old_visits', { id: 'r', object: 'old_visits' }, null],
    ['rule', { id: 'r' }, null],
  ])('takes an event of %s with %j as one of %s', (entityType, record, expected) => {
    expect(targetOfEvent(entityType, record, keys)).toBe(expected)
  })

  it('finds the account through the first single relation to accounts', () => {
    const defs = [
      def({ key: 'contact', type: 'relation', relation: { object: 'contacts' } as never }),
      def({ key: 'partners', type: 'relation', relation: { object: 'accounts', many: true } as never }),
      def({ key: 'account', type: 'relation', relation: { object: 'accounts' } as never }),
    ]
    expect(accountFieldOf(defs)?.key).toBe('account')
    expect(customAccountId({ custom: { account: 'acc-1', partners: ['p'] } }, defs)).toBe('acc-1')
    expect(customAccountId({ custom: {} }, defs)).toBeNull()
    expect(customAccountId({ custom: { account: 'acc-1' } }, defs.slice(0, 2))).toBeNull()
    expect(customAccountId(null, defs)).toBeNull()
  })

  it.each([
    [['site_visits'], 'the workspace has no custom object visits; custom objects: site_visits'],
    [[], 'the workspace has no custom object visits; it has no custom objects'],
  ])('names the custom objects there are (%j) when one is unknown', (known, message) => {
    expect(unknownObject('visits', known)).toBe(message)
  })
})
