import { describe, expect, it } from 'vitest'
import { hashToken, makeToken, parseToken } from './token'

describe('tokens', () => {
  const ws = '0193a0b4-1c2d-7e3f-8a9b-0c1d2e3f4a5b'
  it('carries its kind and workspace', () => {
    expect(parseToken(makeToken('api', ws))).toEqual({ kind: 'api', workspaceId: ws })
    expect(parseToken(makeToken('session', ws))).toEqual({ kind: 'session', workspaceId: ws })
  })
  it('refuses anything else', () => {
    expect(parseToken('Bearer nonsense')).toBeNull()
    expect(parseToken(makeToken('api', ws) + 'x')).toBeNull()
  })
  it('differs each time and hashes to 64 hex', () => {
    expect(makeToken('api', ws)).not.toBe(makeToken('api', ws))
    expect(hashToken('a')).toMatch(/^[0-9a-f]{64}$/)
  })
})
