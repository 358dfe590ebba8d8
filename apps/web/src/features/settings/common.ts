import type { FormInstance } from 'antd'
import { ApiError } from '../../shared/api/client'
import type { Me } from '../../app/auth'

export type Scope = 'none' | 'own' | 'team' | 'all'
export type Action = 'read' | 'create' | 'update' | 'delete'
export type Permissions = Record<string, Partial<Record<Action, Scope>>>

/** The signed-in person's scope for an action on a collection (its own entry, else '*'). */
export function scopeOf(me: Me | null, collection: string, action: Action): Scope {
  if (!me) return 'none'
  const perms = me.permissions as Permissions
  return perms[collection]?.[action] ?? perms['*']?.[action] ?? 'none'
}

/** Administrators: the people who may change users (the server's own test for admin-only lists). */
export const isAdmin = (me: Me | null) => scopeOf(me, 'users', 'update') === 'all'

export type UserRecord = {
  id: string
  version: number
  email: string
  name: string
  title: string | null
  active: boolean
  roles: string[]
  teamIds: string[]
  lastLoginAt: string | null
}

export type TeamRecord = {
  id: string
  version: number
  name: string
  description: string | null
  managerId: string | null
  memberIds: string[]
}

export type RoleRecord = {
  id: string
  version: number
  key: string
  name: string
  description: string | null
  permissions: Permissions
  builtin: boolean
}

/**
 * Shows an API problem on a form: each field error goes under its field (`roles.0` → `roles`).
 * Returns the message to show above the form, or null when every error landed on a field.
 */
export function applyApiError(form: FormInstance, e: unknown, fields: string[]): string | null {
  if (!(e instanceof ApiError)) return e instanceof Error ? e.message : String(e)
  const byField = new Map<string, string[]>()
  const rest: string[] = []
  for (const x of e.errors) {
    const name = x.path.split('.')[0] ?? ''
    if (fields.includes(name)) byField.set(name, [...(byField.get(name) ?? []), x.message])
    else rest.push(x.path ? `${x.path}: ${x.message}` : x.message)
  }
  form.setFields([...byField.entries()].map(([name, errors]) => ({ name, errors })))
  if (byField.size && !rest.length) return null
  return rest.length ? `${e.message} (${rest.join('; ')})` : e.message
}

export const dateTime = 'YYYY-MM-DD HH:mm'
