import { createHash, randomBytes } from 'node:crypto'

export type TokenKind = 'session' | 'api'
const PREFIX: Record<TokenKind, string> = { session: 'oks', api: 'okt' }

/**
 * A bearer secret that carries its workspace id, so it is looked up by (workspace_id, hash) like every
 * other tenant row: `oks_<32 hex of the workspace id><43 chars of randomness>`.
 */
export function makeToken(kind: TokenKind, workspaceId: string): string {
  return `${PREFIX[kind]}_${workspaceId.replaceAll('-', '')}${randomBytes(32).toString('base64url')}`
}

export function parseToken(token: string): { kind: TokenKind; workspaceId: string } | null {
  const m = /^(oks|okt)_([0-9a-f]{32})[A-Za-z0-9_-]{43}$/.exec(token)
  if (!m) return null
  const h = m[2]!
  const workspaceId = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
  return { kind: m[1] === 'oks' ? 'session' : 'api', workspaceId }
}

/** Tokens are stored only as SHA-256 hashes. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')
