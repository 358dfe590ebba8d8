import { describe, expect, it } from 'vitest'
import { mergePermissions, reaches, scopeFor, type Principal } from './permissions'

const p = (over: Partial<Principal> = {}): Principal => ({
  kind: 'user',
  workspaceId: 'w',
  userId: 'u1',
  roles: [],
  permissions: {},
  teamUserIds: ['u1', 'u2'],
  ...over,
})

describe('scopeFor', () => {
  it('uses the collection entry before the wildcard', () => {
    const perms = { '*': { read: 'all' as const }, accounts: { read: 'own' as const } }
    expect(scopeFor({ permissions: perms }, 'accounts', 'read')).toBe('own')
    expect(scopeFor({ permissions: perms }, 'contacts', 'read')).toBe('all')
  })
  it('answers none when nothing grants the action', () => {
    expect(scopeFor({ permissions: {} }, 'accounts', 'delete')).toBe('none')
  })
})

describe('mergePermissions', () => {
  it('keeps the widest scope across roles', () => {
    const merged = mergePermissions([
      { accounts: { read: 'own', update: 'own' } },
      { accounts: { read: 'team' }, '*': { delete: 'all' } },
    ])
    expect(merged.accounts).toMatchObject({ read: 'team', update: 'own', delete: 'all' })
  })
})

describe('reaches', () => {
  it.each([
    ['all', ['someone'], true],
    ['own', ['u1'], true],
    ['own', ['u2'], false],
    ['team', ['u2'], true],
    ['team', ['u3'], false],
    ['team', [null], false],
    ['none', ['u1'], false],
  ] as const)('scope %s over owners %j is %s', (scope, owners, expected) => {
    expect(reaches(p(), scope, [...owners])).toBe(expected)
  })
  it('gives a principal without a user nothing below all', () => {
    expect(reaches(p({ userId: null }), 'own', [null])).toBe(false)
  })
})
