import { z } from 'zod'
import { Id, RecordBase, Timestamp } from './common'

export const roleKeys = [
  'admin',
  'sales_manager',
  'sales',
  'presales',
  'csm',
  'finance',
  'legal',
  'executive',
] as const
export const RoleKey = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case letters, digits and _ (2–40)')

export const Scope = z.enum(['none', 'own', 'team', 'all'])
const ActionScopes = z
  .object({
    read: Scope.optional(),
    create: Scope.optional(),
    update: Scope.optional(),
    delete: Scope.optional(),
  })
  .strict()
export const Permissions = z.record(z.string(), ActionScopes)
/** Permissions as a role editor sends them: each key a resource (collection) key, or * for the rest. */
export const PermissionsInput = z.record(
  z
    .string()
    .regex(
      /^(\*|[a-z][a-zA-Z0-9_-]{0,62})$/,
      'a resource key (e.g. accounts, alert-rules) or * for the rest',
    ),
  ActionScopes,
)

export const LoginBody = z
  .object({
    email: z.email('must be an e-mail address').transform((s) => s.toLowerCase()),
    password: z.string().min(1, 'password is required').max(200),
    workspace: z
      .string()
      .optional()
      .describe(
        'Workspace slug: sign in to that workspace. Without it, an e-mail in several workspaces signs in to the one last used whose password matches',
      ),
  })
  .strict()

export const User = RecordBase.extend({
  email: z.string(),
  name: z.string(),
  title: z.string().nullable(),
  phone: z.string().nullable(),
  locale: z.string().nullable(),
  active: z.boolean(),
  roles: z.array(z.string()),
  teamIds: z.array(Id),
  managerId: Id.nullable(),
  lastLoginAt: Timestamp.nullable(),
}).meta({ id: 'User' })
export type User = z.infer<typeof User>

export const Me = User.extend({
  workspace: z.object({
    id: Id,
    name: z.string(),
    slug: z.string(),
    locale: z.string(),
    currency: z.string(),
  }),
  permissions: Permissions,
  operator: z
    .boolean()
    .describe('true for an instance operator, who lists and creates workspaces (Settings → Workspaces)'),
}).meta({ id: 'Me' })

export const LoginResponse = z.object({ token: z.string(), expiresAt: Timestamp, user: Me })

/** The password rule everywhere a password is chosen (users, first run). */
export const Password = z.string().min(8, 'at least 8 characters').max(200)
const password = Password

const UserPhone = z
  .string()
  .trim()
  .max(50)
  .refine((v) => v === '' || /^\+?[0-9][0-9 ()-]{2,48}$/.test(v), 'must be a phone number')
const UserRoles = z
  .array(RoleKey)
  .min(1, 'give at least one role')
  .max(20)
  .refine((r) => new Set(r).size === r.length, 'lists a role twice')

export const UserCreate = z
  .object({
    email: z
      .email('must be an e-mail address')
      .max(254, 'at most 254 characters')
      .transform((s) => s.toLowerCase()),
    name: z.string().trim().min(1, 'name is required').max(100),
    password: password.optional(),
    title: z.string().trim().max(100).nullable().optional(),
    phone: UserPhone.nullable().optional(),
    locale: z.enum(['zh-CN', 'en']).nullable().optional(),
    roles: UserRoles.default(['sales']),
    teamIds: z.array(Id).max(50).optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .meta({ id: 'UserCreate' })

export const UserUpdate = z
  .object({
    version: z.number().int().min(1),
    name: z.string().trim().min(1).max(100).optional(),
    password: password.optional(),
    title: z.string().trim().max(100).nullable().optional(),
    phone: UserPhone.nullable().optional(),
    locale: z.enum(['zh-CN', 'en']).nullable().optional(),
    roles: UserRoles.optional(),
    teamIds: z.array(Id).max(50).optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .meta({ id: 'UserUpdate' })

export const Team = RecordBase.extend({
  name: z.string(),
  description: z.string().nullable(),
  managerId: Id.nullable(),
  parentId: Id.nullable(),
  memberIds: z.array(Id),
}).meta({ id: 'Team' })

export const TeamCreate = z
  .object({
    name: z.string().trim().min(1, 'name is required').max(100),
    description: z.string().max(500).nullable().optional(),
    managerId: Id.nullable().optional(),
    parentId: Id.nullable().optional(),
    memberIds: z.array(Id).optional(),
  })
  .strict()
  .meta({ id: 'TeamCreate' })

export const TeamUpdate = TeamCreate.partial()
  .extend({ version: z.number().int().min(1) })
  .strict()
  .meta({ id: 'TeamUpdate' })

export const Role = RecordBase.extend({
  key: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  permissions: Permissions,
  builtin: z.boolean(),
}).meta({ id: 'Role' })

export const RoleCreate = z
  .object({
    key: RoleKey,
    name: z.string().trim().min(1, 'name is required').max(100),
    description: z.string().max(500).nullable().optional(),
    permissions: PermissionsInput,
  })
  .strict()
  .meta({ id: 'RoleCreate' })

export const RoleUpdate = RoleCreate.omit({ key: true })
  .partial()
  .extend({ version: z.number().int().min(1) })
  .strict()
  .meta({ id: 'RoleUpdate' })

/**
 * An API token's scopes (SPEC R-22): per object of the object model (a built-in collection or a custom
 * object's key), or `*` for every object and route the owner's role allows; `read` or `write` (read and
 * write). A token never has more than its owner's role allows.
 */
export const TokenScopes = z
  .record(z.string().regex(/^(\*|[a-z][a-z0-9_-]{0,62})$/, 'an object key or *'), z.enum(['read', 'write']))
  .refine((s) => Object.keys(s).length > 0, 'give at least one object (or *)')
  .refine((s) => Object.keys(s).length <= 100, 'at most 100 objects')
  .meta({ id: 'TokenScopes', example: { accounts: 'write', contacts: 'read' } })
export type TokenScopes = z.infer<typeof TokenScopes>

export const ApiToken = z
  .object({
    id: Id,
    name: z.string(),
    prefix: z.string(),
    userId: Id,
    scopes: TokenScopes,
    createdAt: Timestamp,
    expiresAt: Timestamp.nullable(),
    lastUsedAt: Timestamp.nullable(),
    revokedAt: Timestamp.nullable(),
  })
  .meta({ id: 'ApiToken' })

export const ApiTokenCreate = z
  .object({
    name: z.string().trim().min(1, 'name is required').max(100),
    expiresAt: Timestamp.nullable().optional(),
    scopes: TokenScopes.optional().describe('default { "*": "write" }: everything the role allows'),
  })
  .strict()

export const ApiTokenCreated = ApiToken.extend({ token: z.string().describe('Shown once; store it now') })
