import type { TokenScopes } from './token-scope'

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
  /** An API token's scopes; its `permissions` are already narrowed to them, and routes outside them are refused. */
  tokenScopes?: TokenScopes
  roles: string[]
  permissions: Permissions
  /**
   * Field-level security (SPEC R-23): per object, the fields this person may only read or may not see
   * (custom fields as `custom.<key>`); a field not listed is editable. Merged over the person's roles.
   */
  fieldAccess?: FieldAccessMap
  /** The people whose records `team` scope reaches: members of the teams this person belongs to or manages, and the person. */
  teamUserIds: string[]
  /** The person's own language for messages ('zh-CN' or 'en'); unset: Accept-Language decides. */ locale?: string
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

export type FieldAccess = 'hidden' | 'read' | 'edit'
/** Per object, per field: the access below `edit` (absent means edit). */
export type FieldAccessMap = Record<string, Record<string, 'hidden' | 'read'>>
const accessRank: Record<FieldAccess, number> = { hidden: 0, read: 1, edit: 2 }

/**
 * The field access of a person with several roles: the widest any role gives (a field is hidden only
 * when every role hides it), as with permissions.
 * @example mergeFieldAccess([{ accounts: { creditLimit: 'hidden' } }, {}]) // → {} (the second role may edit it)
 */
export function mergeFieldAccess(list: FieldAccessMap[]): FieldAccessMap {
  const out: FieldAccessMap = {}
  if (!list.length) return out
  const objects = new Set(list.flatMap((m) => Object.keys(m)))
  for (const o of objects) {
    const fields = new Set(list.flatMap((m) => Object.keys(m[o] ?? {})))
    for (const f of fields) {
      const widest = list
        .map((m): FieldAccess => m[o]?.[f] ?? 'edit')
        .reduce((a, b) => (accessRank[a] >= accessRank[b] ? a : b))
      if (widest !== 'edit') (out[o] ??= {})[f] = widest
    }
  }
  return out
}

/** What a person may do with one field of an object. */
export const fieldAccessOf = (
  p: Pick<Principal, 'fieldAccess'>,
  object: string,
  field: string,
): FieldAccess => p.fieldAccess?.[object]?.[field] ?? 'edit'
