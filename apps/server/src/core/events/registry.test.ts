import { describe, expect, it } from 'vitest'
import { matches } from './registry'

describe('event patterns', () => {
  it.each([
    ['*', 'account.created', true],
    ['account.created', 'account.created', true],
    ['account.created', 'account.updated', false],
    ['account.*', 'account.health_changed', true],
    ['account.*', 'accounts_x.created', false],
    ['*.created', 'site_visits.created', true],
    ['*.created', 'account.created', true],
    ['*.created', 'account.updated', false],
    ['*.created', 'account.recreated', false],
  ])('matches %s against %s: %s', (pattern, type, expected) => {
    expect(matches(pattern, type)).toBe(expected)
  })
})
