import { sql } from 'drizzle-orm'
import { boolean, index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { businessColumns, tstz } from '../../core/db/columns'
import type { TokenScopes } from '../../core/access/token-scope'

export const users = pgTable(
  'users',
  {
    ...businessColumns(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    locale: text('locale'),
    title: text('title'),
    phone: text('phone'),
    active: boolean('active').notNull().default(true),
    lastLoginAt: tstz('last_login_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('users_email_key').on(t.workspaceId, sql`lower(${t.email})`),
    // Sign-in looks a person up by e-mail before the workspace is known.
    index('users_login_email_idx').on(sql`lower(${t.email})`),
  ],
)

export const roles = pgTable(
  'roles',
  {
    ...businessColumns(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    permissions: jsonb('permissions').$type<Record<string, unknown>>().notNull().default({}),
    /** Field-level security: per object, fields this role may only read or may not see (absent: edit). */
    fieldAccess: jsonb('field_access')
      .$type<Record<string, Record<string, 'hidden' | 'read'>>>()
      .notNull()
      .default({}),
    builtin: boolean('builtin').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('roles_key_key').on(t.workspaceId, t.key),
  ],
)

export const userRoles = pgTable(
  'user_roles',
  {
    workspaceId: uuid('workspace_id').notNull(),
    userId: uuid('user_id').notNull(),
    roleId: uuid('role_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userId, t.roleId] }),
    index('user_roles_role_idx').on(t.workspaceId, t.roleId),
  ],
)

export const teams = pgTable(
  'teams',
  {
    ...businessColumns(),
    name: text('name').notNull(),
    description: text('description'),
    managerId: uuid('manager_id'),
    parentId: uuid('parent_id'),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] }), index('teams_name_idx').on(t.workspaceId, t.name)],
)

export const teamMembers = pgTable(
  'team_members',
  {
    workspaceId: uuid('workspace_id').notNull(),
    teamId: uuid('team_id').notNull(),
    userId: uuid('user_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.teamId, t.userId] }),
    index('team_members_user_idx').on(t.workspaceId, t.userId),
  ],
)

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').notNull(),
    workspaceId: uuid('workspace_id').notNull(),
    userId: uuid('user_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
    expiresAt: tstz('expires_at').notNull(),
    lastSeenAt: tstz('last_seen_at').notNull().defaultNow(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /**
     * The workspaces (this one included) where the same e-mail's password matched at sign-in: the person's
     * workspaces this session may switch to (ADR 0025). Switching carries the list to the new session.
     */
    linkedWorkspaceIds: jsonb('linked_workspace_ids').$type<string[]>().notNull().default([]),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('sessions_token_key').on(t.workspaceId, t.tokenHash),
    index('sessions_user_idx').on(t.workspaceId, t.userId),
  ],
)

export const apiTokens = pgTable(
  'api_tokens',
  {
    ...businessColumns(),
    userId: uuid('user_id').notNull(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    /** Per object (or `*`), `read` or `write`; null for tokens made before scopes: everything the role allows. */
    scopes: jsonb('scopes').$type<TokenScopes>(),
    expiresAt: tstz('expires_at'),
    lastUsedAt: tstz('last_used_at'),
    revokedAt: tstz('revoked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('api_tokens_token_key').on(t.workspaceId, t.tokenHash),
    index('api_tokens_user_idx').on(t.workspaceId, t.userId),
  ],
)

/** Sign-in attempts, for throttling. Keyed by e-mail because the workspace is not known yet. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: uuid('id').primaryKey(),
    email: text('email').notNull(),
    ip: text('ip'),
    success: boolean('success').notNull(),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [index('login_attempts_email_idx').on(t.email, t.at)],
)

/**
 * Instance operators (ADR 0025): the user rows allowed to list and create workspaces. Granted with
 * `openkam operator grant`; a row, not an e-mail, so that a workspace's own administrator cannot make
 * somebody an operator by creating a user with an operator's e-mail.
 */
export const instanceOperators = pgTable(
  'instance_operators',
  {
    workspaceId: uuid('workspace_id').notNull(),
    userId: uuid('user_id').notNull(),
    grantedAt: tstz('granted_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.userId] })],
)
