/** Record visibility and the right to act: none < own < team < all. */
export const scopes = ['none', 'own', 'team', 'all'] as const
export type Scope = (typeof scopes)[number]
export const actions = ['read', 'create', 'update', 'delete'] as const
export type Action = (typeof actions)[number]

/** Per collection (or '*' for every other collection), the scope of each action. */
export type Permissions = Record<string, Partial<Record<Action, Scope>>>

export type Principal = {
  kind: 'user' | 'api_token' | 'system'
  workspaceId: string
  userId: string | null
  tokenId?: string
  roles: string[]
  permissions: Permissions
  /** The people whose records `team` scope reaches: members of the teams this person belongs to or manages, and the person. */
  teamUserIds: string[]
}

const rank = (s: Scope) => scopes.indexOf(s)
export const maxScope = (a: Scope, b: Scope): Scope => (rank(a) >= rank(b) ? a : b)

/**
 * The scope a principal has for an action on a collection; a collection's own entry wins over '*'.
 * @example scopeFor(p, 'accounts', 'update') // → 'own'
 */
export function scopeFor(p: Pick<Principal, 'permissions'>, collection: string, action: Action): Scope {
  return p.permissions[collection]?.[action] ?? p.permissions['*']?.[action] ?? 'none'
}

/** Merges the permissions of several roles, keeping the widest scope of each. */
export function mergePermissions(list: Permissions[]): Permissions {
  const out: Permissions = {}
  const keys = new Set(list.flatMap((p) => Object.keys(p)))
  for (const key of keys) {
    const merged: Partial<Record<Action, Scope>> = {}
    for (const action of actions) {
      let s: Scope = 'none'
      for (const p of list) {
        // A role without an entry for this collection falls back to its own '*'.
        s = maxScope(s, p[key]?.[action] ?? (key === '*' ? 'none' : (p['*']?.[action] ?? 'none')))
      }
      merged[action] = s
    }
    out[key] = merged
  }
  return out
}

/** Whether `scope` reaches a record owned by `ownerIds` (any of them: owner, CSM, …). */
export function reaches(
  p: Pick<Principal, 'userId' | 'teamUserIds'>,
  scope: Scope,
  ownerIds: (string | null)[],
): boolean {
  if (scope === 'all') return true
  if (scope === 'none' || !p.userId) return false
  if (scope === 'own') return ownerIds.includes(p.userId)
  return ownerIds.some((o) => o !== null && p.teamUserIds.includes(o))
}

export const systemPrincipal = (workspaceId: string): Principal => ({
  kind: 'system',
  workspaceId,
  userId: null,
  roles: ['system'],
  permissions: { '*': { read: 'all', create: 'all', update: 'all', delete: 'all' } },
  teamUserIds: [],
})
