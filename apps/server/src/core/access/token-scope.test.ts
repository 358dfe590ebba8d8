import { describe, expect, it } from 'vitest'
import { translateMessage } from '../http/translate-message'
import { describeScopes, narrowPermissions, routeObject, tokenScopeRefusal } from './token-scope'

const builtin = new Set(['accounts', 'contacts', 'tasks'])

describe('API token scopes', () => {
  it('narrow the role to the scopes: never more than either', () => {
    const role = {
      '*': { read: 'all', create: 'all', update: 'all', delete: 'all' },
      contacts: { read: 'own', create: 'own', update: 'own', delete: 'none' },
    } as const
    const p = narrowPermissions(role, { accounts: 'read', contacts: 'write' })
    expect(p.accounts).toEqual({ read: 'all', create: 'none', update: 'none', delete: 'none' })
    expect(p.contacts).toEqual({ read: 'own', create: 'own', update: 'own', delete: 'none' })
    expect(p['*']).toEqual({ read: 'none', create: 'none', update: 'none', delete: 'none' })
    expect(narrowPermissions({ tasks: { read: 'team' } }, { '*': 'write' }).tasks?.read).toBe('team')
    expect(narrowPermissions({ tasks: { read: 'team' } }, { '*': 'write' })['*']?.read).toBe('none')
  })

  it('map routes to objects, custom objects by their key, others to none', () => {
    expect(routeObject('/api/v1/accounts/:id/contacts', {}, builtin)).toBe('accounts')
    expect(routeObject('/api/v1/objects/:key/records/:id', { key: 'site_visits' }, builtin)).toBe(
      'site_visits',
    )
    expect(routeObject('/api/v1/objects/:key', { key: 'site_visits' }, builtin)).toBeNull()
    expect(routeObject('/api/v1/reports/funnel', {}, builtin)).toBeNull()
  })

  it('refuse outside the scopes, naming them in English and Chinese', () => {
    const s = { tasks: 'write', accounts: 'read', contacts: 'read' } as const
    expect(tokenScopeRefusal(s, 'GET', '/api/v1/accounts', {}, builtin)).toBeNull()
    expect(tokenScopeRefusal(s, 'PATCH', '/api/v1/tasks/:id', {}, builtin)).toBeNull()
    const why = tokenScopeRefusal(s, 'POST', '/api/v1/accounts', {}, builtin)
    expect(why).toBe('This token may only read and write tasks; read accounts, contacts')
    expect(translateMessage(why!, 'zh-CN')).toMatch(/^此令牌只能读写.+；读取.+、.+$/)
    expect(tokenScopeRefusal(s, 'GET', '/api/v1/search', {}, builtin)).not.toBeNull()
    expect(tokenScopeRefusal({ '*': 'read' }, 'GET', '/api/v1/search', {}, builtin)).toBeNull()
    expect(tokenScopeRefusal({ '*': 'read' }, 'POST', '/api/v1/imports', {}, builtin)).not.toBeNull()
    expect(tokenScopeRefusal({ accounts: 'read' }, 'GET', '/api/v1/auth/me', {}, builtin)).toBeNull()
    expect(describeScopes({ '*': 'write' })).toBe('read and write everything the role allows')
  })
})
