import { and, count, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { User } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { baseRecord, iso } from '../../core/crud/mapping'
import { AppError, type FieldError } from '../../core/errors'
import type { Executor } from '../../core/db/types'
import { isUuid } from '../../core/ids'
import type { Ctx } from '../../core/context'
import { roles, teamMembers, teams, userRoles, users } from './user.table'
import { hashPassword } from './password'
import { principalCache } from './access.cache'

const dropAccessCache = (ctx: Ctx) => principalCache.invalidate(ctx.ws)

const base = baseRecord

/** Ids among `ids` that are not active users of the workspace. */
export async function missingUsers(
  tx: Executor,
  ws: string,
  ids: (string | null | undefined)[],
): Promise<string[]> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))]
  if (wanted.length === 0) return []
  const found = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.workspaceId, ws), inArray(users.id, wanted), isNull(users.deletedAt)))
  const have = new Set(found.map((f) => f.id))
  return wanted.filter((id) => !have.has(id))
}

/**
 * A validate hook that checks the given columns hold users of this workspace, in one query. A reference
 * left as it was, or to the person writing (whose live row this request was just authorised by; the
 * access cache drops it the moment the row changes), needs no query: most writes then cost none.
 */
export const userRefs =
  (...fields: string[]) =>
  async (
    tx: Executor,
    ctx: Ctx,
    candidate: Record<string, any>,
    before: Record<string, any> | null = null,
  ): Promise<FieldError[]> => {
    const toCheck = fields.filter(
      (f) =>
        candidate[f] &&
        candidate[f] !== before?.[f] &&
        !(candidate[f] === ctx.principal.userId && ctx.principal.kind === 'user'),
    )
    const missing = new Set(
      await missingUsers(
        tx,
        ctx.ws,
        toCheck.map((f) => candidate[f]),
      ),
    )
    return toCheck
      .filter((f) => missing.has(candidate[f]))
      .map((path) => ({ path, message: 'no such user in this workspace' }))
  }

export const userCollection = new Collection<User, any, any>({
  name: 'users',
  onChange: dropAccessCache,
  entity: 'user',
  label: 'User',
  table: users,
  ownerColumns: [users.id],
  toRecord: (r) => ({
    ...base(r),
    email: r.email,
    name: r.name,
    title: r.title ?? null,
    phone: r.phone ?? null,
    locale: r.locale ?? null,
    active: r.active,
    lastLoginAt: iso(r.lastLoginAt),
    roles: [],
    teamIds: [],
    managerId: null,
  }),
  toColumns: (i) => {
    const out: Record<string, unknown> = {}
    for (const k of ['email', 'name', 'title', 'phone', 'locale', 'active'] as const)
      if (k in i) out[k] = i[k]
    return out
  },
  async hydrate(tx, ctx, recs) {
    const ids = recs.map((r) => r.id)
    const roleRows = await tx
      .select({ userId: userRoles.userId, key: roles.key })
      .from(userRoles)
      .innerJoin(roles, and(eq(roles.workspaceId, userRoles.workspaceId), eq(roles.id, userRoles.roleId)))
      .where(and(eq(userRoles.workspaceId, ctx.ws), inArray(userRoles.userId, ids)))
    const teamRows = await tx
      .select({ userId: teamMembers.userId, teamId: teamMembers.teamId, managerId: teams.managerId })
      .from(teamMembers)
      .innerJoin(teams, and(eq(teams.workspaceId, teamMembers.workspaceId), eq(teams.id, teamMembers.teamId)))
      .where(
        and(eq(teamMembers.workspaceId, ctx.ws), inArray(teamMembers.userId, ids), isNull(teams.deletedAt)),
      )
    return recs.map((r) => {
      const mine = teamRows.filter((t) => t.userId === r.id)
      return {
        ...r,
        roles: roleRows
          .filter((x) => x.userId === r.id)
          .map((x) => x.key)
          .sort(),
        teamIds: mine.map((t) => t.teamId),
        managerId: mine.map((t) => t.managerId).find((m) => m && m !== r.id) ?? null,
      }
    })
  },
  async validate(tx, ctx, candidate, before) {
    const errors: FieldError[] = []
    if (!before || before.email !== candidate.email) {
      const dup = await tx
        .select({ id: users.id })
        .from(users)
        .where(
          and(
            eq(users.workspaceId, ctx.ws),
            sql`lower(${users.email}) = ${String(candidate.email).toLowerCase()}`,
          ),
        )
      if (dup.length)
        errors.push({ path: 'email', message: 'another user of this workspace has this e-mail' })
    }
    return errors
  },
  async afterWrite(tx, ctx, id, input, created) {
    if (input.password) {
      await tx
        .update(users)
        .set({ passwordHash: await hashPassword(input.password) })
        .where(and(eq(users.workspaceId, ctx.ws), eq(users.id, id)))
    }
    if (input.roles) await setUserRoles(tx, ctx, id, input.roles)
    else if (created) await setUserRoles(tx, ctx, id, ['sales'])
    if (input.teamIds) {
      await tx.delete(teamMembers).where(and(eq(teamMembers.workspaceId, ctx.ws), eq(teamMembers.userId, id)))
      if (input.teamIds.length) {
        await tx
          .insert(teamMembers)
          .values(input.teamIds.map((teamId: string) => ({ workspaceId: ctx.ws, teamId, userId: id })))
      }
    }
  },
  sortable: {
    name: { column: users.name, kind: 'string' },
    email: { column: users.email, kind: 'string' },
    createdAt: { column: users.createdAt, kind: 'date' },
    updatedAt: { column: users.updatedAt, kind: 'date' },
  },
  filterable: {
    active: { column: users.active, kind: 'boolean' },
    email: { column: users.email, kind: 'string' },
  },
  search: [users.name, users.email],
  defaultSort: 'name',
})

/** Replaces a user's roles; unknown role keys are refused with the field named. */
async function setUserRoles(tx: Executor, ctx: Ctx, userId: string, keys: string[]) {
  const found = await tx
    .select({ id: roles.id, key: roles.key })
    .from(roles)
    .where(and(eq(roles.workspaceId, ctx.ws), inArray(roles.key, keys), isNull(roles.deletedAt)))
  const unknown = keys.filter((k) => !found.some((f) => f.key === k))
  if (unknown.length) {
    throw new AppError('invalid', 'invalid_input', `Unknown role ${unknown.join(', ')}`, {
      errors: unknown.map((k) => ({ path: 'roles', message: `no role "${k}" in this workspace` })),
    })
  }
  await tx.delete(userRoles).where(and(eq(userRoles.workspaceId, ctx.ws), eq(userRoles.userId, userId)))
  await tx.insert(userRoles).values(found.map((f) => ({ workspaceId: ctx.ws, userId, roleId: f.id })))
}

export const teamCollection = new Collection<any, any, any>({
  name: 'teams',
  onChange: dropAccessCache,
  entity: 'team',
  label: 'Team',
  table: teams,
  ownerColumns: [teams.managerId],
  toRecord: (r) => ({
    ...base(r),
    name: r.name,
    description: r.description ?? null,
    managerId: r.managerId ?? null,
    parentId: r.parentId ?? null,
    memberIds: [],
  }),
  toColumns: (i) => {
    const out: Record<string, unknown> = {}
    for (const k of ['name', 'description', 'managerId', 'parentId'] as const) if (k in i) out[k] = i[k]
    return out
  },
  async hydrate(tx, ctx, recs) {
    const rows = await tx
      .select()
      .from(teamMembers)
      .where(
        and(
          eq(teamMembers.workspaceId, ctx.ws),
          inArray(
            teamMembers.teamId,
            recs.map((r) => r.id),
          ),
        ),
      )
    return recs.map((r) => ({ ...r, memberIds: rows.filter((m) => m.teamId === r.id).map((m) => m.userId) }))
  },
  async validate(tx, ctx, candidate) {
    const errors = await userRefs('managerId')(tx, ctx, candidate)
    if (candidate.parentId) {
      if (candidate.parentId === candidate.id)
        errors.push({ path: 'parentId', message: 'a team cannot be its own parent' })
      const p = await tx
        .select({ id: teams.id })
        .from(teams)
        .where(and(eq(teams.workspaceId, ctx.ws), eq(teams.id, candidate.parentId)))
      if (!p.length) errors.push({ path: 'parentId', message: 'no such team in this workspace' })
    }
    return errors
  },
  async afterWrite(tx, ctx, id, input) {
    if (!input.memberIds) return
    const missing = await missingUsers(tx, ctx.ws, input.memberIds)
    if (missing.length) {
      throw new AppError('invalid', 'invalid_input', 'Some members are not users of this workspace', {
        errors: missing.map((m) => ({ path: 'memberIds', message: `no user ${m}` })),
      })
    }
    await tx.delete(teamMembers).where(and(eq(teamMembers.workspaceId, ctx.ws), eq(teamMembers.teamId, id)))
    if (input.memberIds.length) {
      await tx.insert(teamMembers).values(
        [...new Set<string>(input.memberIds)].map((userId) => ({
          workspaceId: ctx.ws,
          teamId: id,
          userId,
        })),
      )
    }
  },
  sortable: {
    name: { column: teams.name, kind: 'string' },
    updatedAt: { column: teams.updatedAt, kind: 'date' },
  },
  filterable: { managerId: { column: teams.managerId, kind: 'uuid' } },
  search: [teams.name],
  defaultSort: 'name',
})

/**
 * Roles (SPEC R-23) with the role editor's rules: a built-in role is never deleted and the admin role's
 * permissions never change (nobody could administer the workspace any more); a role someone holds is not
 * deleted (409 role_in_use, naming how many people). Every change drops the cached principals, so it
 * applies to the next request in this process, and in the others once notified (ADR 0024).
 */
class RoleCollection extends Collection<any, any, any> {
  override async update(tx: Executor, ctx: Ctx, id: string, input: any) {
    this.scope(ctx, 'update')
    if ('permissions' in input) {
      const role = await roleRow(tx, ctx, id)
      if (role?.key === 'admin') {
        throw new AppError(
          'unprocessable',
          'builtin_role',
          'The permissions of the administrator role cannot change; copy it to make a narrower role',
        )
      }
    }
    return super.update(tx, ctx, id, input)
  }

  override async remove(tx: Executor, ctx: Ctx, id: string, version?: number) {
    this.scope(ctx, 'delete')
    const role = await roleRow(tx, ctx, id)
    if (role?.builtin) {
      throw new AppError(
        'unprocessable',
        'builtin_role',
        `The built-in role "${role.name}" cannot be deleted; it is part of the workspace template`,
      )
    }
    if (role) {
      const [held] = await tx
        .select({ n: count() })
        .from(userRoles)
        .innerJoin(users, and(eq(users.workspaceId, userRoles.workspaceId), eq(users.id, userRoles.userId)))
        .where(and(eq(userRoles.workspaceId, ctx.ws), eq(userRoles.roleId, id), isNull(users.deletedAt)))
      const n = Number(held?.n ?? 0)
      if (n > 0) {
        throw new AppError(
          'conflict',
          'role_in_use',
          `The role "${role.name}" is held by ${n} ${n === 1 ? 'person' : 'people'}; give them another role first`,
          { users: n },
        )
      }
    }
    return super.remove(tx, ctx, id, version)
  }
}

const roleRow = async (tx: Executor, ctx: Ctx, id: string) =>
  isUuid(id)
    ? ((
        await tx
          .select({ key: roles.key, name: roles.name, builtin: roles.builtin })
          .from(roles)
          .where(and(eq(roles.workspaceId, ctx.ws), eq(roles.id, id)))
      )[0] ?? null)
    : null

export const roleCollection = new RoleCollection({
  name: 'roles',
  onChange: dropAccessCache,
  entity: 'role',
  label: 'Role',
  table: roles,
  toRecord: (r) => ({
    ...base(r),
    key: r.key,
    name: r.name,
    description: r.description ?? null,
    permissions: r.permissions,
    builtin: r.builtin,
  }),
  toColumns: (i) => {
    const out: Record<string, unknown> = {}
    for (const k of ['key', 'name', 'description', 'permissions'] as const) if (k in i) out[k] = i[k]
    return out
  },
  async validate(tx, ctx, candidate, before) {
    if (before) return []
    const dup = await tx
      .select({ id: roles.id })
      .from(roles)
      .where(and(eq(roles.workspaceId, ctx.ws), eq(roles.key, candidate.key)))
    return dup.length ? [{ path: 'key', message: `a role "${candidate.key}" exists already` }] : []
  },
  sortable: {
    name: { column: roles.name, kind: 'string' },
    key: { column: roles.key, kind: 'string' },
    updatedAt: { column: roles.updatedAt, kind: 'date' },
  },
  filterable: { key: { column: roles.key, kind: 'string' } },
  search: [roles.name, roles.key],
  defaultSort: 'key',
})
