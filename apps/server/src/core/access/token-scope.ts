import { actions, type Permissions, type Scope } from './permissions'

/** What an API token may do with an object: read only, or read and write. */
export type TokenAccess = 'read' | 'write'
/**
 * An API token's scopes (SPEC R-22): per object of the object model (a built-in collection such as
 * `accounts` or a custom object's key), or `*` for every object and route the owner's role allows.
 * @example { accounts: 'write', contacts: 'read' }
 */
export type TokenScopes = Record<string, TokenAccess>

/** A token made before scopes existed, or made without any: everything its owner's role allows. */
export const FULL_SCOPE: TokenScopes = { '*': 'write' }

/** The access a token has to an object: its own entry, else `*`, else none. */
export const tokenAccessTo = (scopes: TokenScopes, object: string): TokenAccess | null =>
  scopes[object] ?? scopes['*'] ?? null

const capped = (s: Scope | undefined, access: TokenAccess | null, action: string): Scope =>
  !access || (access === 'read' && action !== 'read') ? 'none' : (s ?? 'none')

/**
 * The permissions of a token: its owner's role permissions cut down to the token's scopes — never more than
 * either (the intersection). Every service that asks `scopeFor` then answers for the token.
 * @example narrowPermissions({ '*': { read: 'all', update: 'all' } }, { accounts: 'read' })
 *          // → { '*': { read: 'none', update: 'none', … }, accounts: { read: 'all', update: 'none', … } }
 */
export function narrowPermissions(perms: Permissions, scopes: TokenScopes): Permissions {
  const out: Permissions = {}
  const keys = new Set([...Object.keys(perms), ...Object.keys(scopes), '*'])
  for (const key of keys) {
    const access = key === '*' ? (scopes['*'] ?? null) : tokenAccessTo(scopes, key)
    const own = perms[key]
    out[key] = Object.fromEntries(
      actions.map((a) => [a, capped(own?.[a] ?? (key === '*' ? undefined : perms['*']?.[a]), access, a)]),
    )
  }
  return out
}

/** The scopes in words, for messages: "read accounts, contacts", "read and write tasks; read accounts". */
export function describeScopes(scopes: TokenScopes): string {
  const name = (k: string) => (k === '*' ? 'everything the role allows' : k)
  const writes = Object.keys(scopes).filter((k) => scopes[k] === 'write')
  const reads = Object.keys(scopes).filter((k) => scopes[k] === 'read')
  return [
    writes.length ? `read and write ${writes.map(name).join(', ')}` : '',
    reads.length ? `read ${reads.map(name).join(', ')}` : '',
  ]
    .filter(Boolean)
    .join('; ')
}

/** Routes any token may call whatever its scopes: who the token belongs to. */
const ALWAYS_ALLOWED = new Set(['GET /api/v1/auth/me'])

/**
 * The object a route is about, from its URL pattern: `/api/v1/objects/:key/records…` → the custom object,
 * `/api/v1/<object>…` → a built-in object; null for routes that are about no one object (reports, imports,
 * settings, search, …).
 */
export function routeObject(
  pattern: string,
  params: Record<string, unknown>,
  builtinKeys: ReadonlySet<string>,
): string | null {
  const segs = pattern.split('/').slice(3)
  if (segs[0] === 'objects' && segs[1] === ':key' && segs[2] === 'records') {
    return typeof params.key === 'string' ? params.key : null
  }
  return segs[0] && builtinKeys.has(segs[0]) ? segs[0] : null
}

/**
 * Why a token may not call a route, or null when it may. Reading is GET (and HEAD); every other method
 * writes. A route about one object needs that object (or `*`) in the scopes, with `write` to write; a route
 * about no one object needs `*`. The owner's role still decides inside (the permissions are narrowed too).
 * @example refusal({ accounts: 'read' }, 'POST', '/api/v1/accounts', {}, keys)
 *          // → 'This token may only read accounts'
 */
export function tokenScopeRefusal(
  scopes: TokenScopes,
  method: string,
  pattern: string,
  params: Record<string, unknown>,
  builtinKeys: ReadonlySet<string>,
): string | null {
  if (ALWAYS_ALLOWED.has(`${method} ${pattern}`)) return null
  const writes = method !== 'GET' && method !== 'HEAD'
  const object = routeObject(pattern, params, builtinKeys)
  const access = object ? tokenAccessTo(scopes, object) : (scopes['*'] ?? null)
  if (access === 'write' || (access === 'read' && !writes)) return null
  return `This token may only ${describeScopes(scopes)}`
}
