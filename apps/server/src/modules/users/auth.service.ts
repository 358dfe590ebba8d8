import { and, count, desc, eq, gt, isNull, sql } from 'drizzle-orm'
import { AppError } from '../../core/errors'
import { mergeFieldAccess, mergePermissions, scopeFor, type Principal } from '../../core/access/permissions'
import { recordAudit } from '../../core/audit/audit'
import { FULL_SCOPE, narrowPermissions, type TokenScopes } from '../../core/access/token-scope'
import { isUuid, newId } from '../../core/ids'
import type { Ctx } from '../../core/context'
import type { Db, Executor } from '../../core/db/types'
import { workspaces } from '../../core/tenancy/workspace.table'
import { apiTokens, loginAttempts, sessions, users } from './user.table'
import { findApiTokenUser, findSessionUser, findUserAccess, type AccessRow } from './access.repository'
import { principalCache } from './access.cache'
import { dummyHash, hashPassword, verifyPassword } from './password'
import { hashToken, makeToken, parseToken } from './token'
import { userCollection } from './user.collections'
import { isOperator } from './operator.repository'

const FAILURE_WINDOW_MS = 15 * 60 * 1000

export type LoginInput = { email: string; password: string; workspace?: string }
export type LoginMeta = { ip: string; userAgent?: string; sessionDays: number; maxFailures: number }

const toPrincipal = (ws: string, a: AccessRow, kind: Principal['kind']): Principal => ({
  kind,
  workspaceId: ws,
  userId: a.userId,
  ...(a.tokenId ? { tokenId: a.tokenId } : {}),
  roles: a.roles.map((r) => r.key),
  permissions: mergePermissions(a.roles.map((r) => r.permissions)),
  fieldAccess: mergeFieldAccess(a.roles.map((r) => r.fieldAccess ?? {})),
  teamUserIds: [...new Set([a.userId, ...a.teamUserIds])],
  ...(a.locale ? { locale: a.locale } : {}),
})

/** Roles and team reach of a person. */
async function accessOf(
  db: Executor,
  ws: string,
  userId: string,
  tokenId: string | null,
): Promise<AccessRow | null> {
  const a = await findUserAccess(db, ws, userId)
  return a && { ...a, tokenId }
}

/** The principal behind a session token or API token; null when it is unknown, expired or revoked. */
export async function resolvePrincipal(db: Db, token: string): Promise<Principal | null> {
  const parsed = parseToken(token)
  if (!parsed) return null
  const hash = hashToken(token)
  const cached = principalCache.get(hash)
  if (cached) return cached
  const found = await lookUpPrincipal(db, parsed.workspaceId, parsed.kind, hash)
  if (found) principalCache.set(hash, found.principal, found.validUntil)
  return found?.principal ?? null
}

async function lookUpPrincipal(db: Db, ws: string, kind: 'session' | 'api', hash: string) {
  if (kind === 'session') {
    const s = await findSessionUser(db, ws, hash)
    const a = s && (await accessOf(db, ws, s.userId, null))
    return a ? { principal: toPrincipal(ws, a, 'user'), validUntil: s.expiresAt } : null
  }
  const k = await findApiTokenUser(db, ws, hash)
  const a = k && (await accessOf(db, ws, k.userId, k.tokenId))
  if (!a || !k) return null
  // The last use is recorded at most once a minute per token, not on every request.
  if (k.staleUse) {
    await db
      .update(apiTokens)
      .set({ lastUsedAt: new Date() })
      .where(and(eq(apiTokens.workspaceId, ws), eq(apiTokens.id, k.tokenId)))
  }
  const p = toPrincipal(ws, a, 'api_token')
  const scopes = k.scopes ?? FULL_SCOPE
  return {
    principal: { ...p, tokenScopes: scopes, permissions: narrowPermissions(p.permissions, scopes) },
    validUntil: k.expiresAt,
  }
}

/** The principal of an active user found by e-mail, for commands run on the server itself (no session). */
export async function principalByEmail(db: Executor, ws: string, email: string): Promise<Principal | null> {
  const [u] = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.workspaceId, ws),
        sql`lower(${users.email}) = ${email.toLowerCase()}`,
        isNull(users.deletedAt),
      ),
    )
  const a = u && (await findUserAccess(db, ws, u.id))
  return a ? toPrincipal(ws, a, 'user') : null
}

/** Recent failed sign-ins for an e-mail since its last success. */
async function recentFailures(db: Db, email: string): Promise<number> {
  const since = new Date(Date.now() - FAILURE_WINDOW_MS)
  const [lastOk] = await db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email), eq(loginAttempts.success, true), gt(loginAttempts.at, since)))
    .orderBy(desc(loginAttempts.at))
    .limit(1)
  const [row] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.email, email),
        eq(loginAttempts.success, false),
        gt(loginAttempts.at, lastOk?.at ?? since),
      ),
    )
  return Number(row?.n ?? 0)
}

/**
 * Signs a person in: throttled per e-mail (too many recent failures → 429), argon2 verification,
 * a new session whose token works as cookie and as Bearer token.
 */
export async function login(db: Db, input: LoginInput, meta: LoginMeta) {
  const email = input.email.toLowerCase()
  if ((await recentFailures(db, email)) >= meta.maxFailures) {
    throw new AppError(
      'rate_limited',
      'login_throttled',
      'Too many failed sign-ins for this e-mail; wait 15 minutes and try again',
      {
        retryAfterSeconds: FAILURE_WINDOW_MS / 1000,
      },
    )
  }
  // Every active row with this e-mail, most recently used first (ADR 0025): the password is checked
  // against each; the rows it opens are the person's workspaces, and the session goes to the last used one.
  const candidates = await db
    .select({ user: users, slug: workspaces.slug })
    .from(users)
    .innerJoin(workspaces, eq(workspaces.id, users.workspaceId))
    .where(and(sql`lower(${users.email}) = ${email}`, eq(users.active, true), isNull(users.deletedAt)))
    .orderBy(sql`${users.lastLoginAt} desc nulls last`, users.createdAt)
    .limit(MAX_WORKSPACES_PER_PERSON)
  const matched: typeof candidates = []
  for (const c of candidates) if (await verifyPassword(c.user.passwordHash, input.password)) matched.push(c)
  if (!candidates.length) await verifyPassword(await dummyHash(), input.password)
  const found = (input.workspace ? matched.find((c) => c.slug === input.workspace) : matched[0])?.user
  if (!found) {
    await db.insert(loginAttempts).values({ id: newId(), email, ip: meta.ip, success: false })
    throw new AppError('unauthenticated', 'invalid_credentials', 'The e-mail or password is not correct')
  }
  return db.transaction(async (tx) => {
    await tx.insert(loginAttempts).values({ id: newId(), email, ip: meta.ip, success: true })
    return startSession(tx, found.workspaceId, found.id, {
      ...meta,
      linked: matched.map((c) => c.user.workspaceId),
      audit: { ip: meta.ip },
    })
  })
}

/** The most workspaces one e-mail is checked against at sign-in (each costs an argon2 verification). */
export const MAX_WORKSPACES_PER_PERSON = 20

/**
 * A new session for a user row (sign-in, or a switch to another of the person's workspaces): its token,
 * the last sign-in time, and a `login` audit entry in that workspace.
 */
export async function startSession(
  tx: Executor,
  ws: string,
  userId: string,
  meta: Omit<LoginMeta, 'maxFailures'> & { linked: string[]; audit: Record<string, unknown> },
) {
  const token = makeToken('session', ws)
  const expiresAt = new Date(Date.now() + meta.sessionDays * 86_400_000)
  await tx.insert(sessions).values({
    id: newId(),
    workspaceId: ws,
    userId,
    tokenHash: hashToken(token),
    expiresAt,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    linkedWorkspaceIds: [...new Set([ws, ...meta.linked])],
  })
  await tx
    .update(users)
    .set({ lastLoginAt: new Date() })
    .where(and(eq(users.workspaceId, ws), eq(users.id, userId)))
  const principal = toPrincipal(ws, (await findUserAccess(tx, ws, userId))!, 'user')
  await recordAudit(tx, { ws, principal }, [
    { action: 'login', entityType: 'user', entityId: userId, after: meta.audit },
  ])
  return { token, expiresAt: expiresAt.toISOString(), user: await me(tx, principal) }
}

export async function logout(db: Db, token: string) {
  const parsed = parseToken(token)
  if (!parsed || parsed.kind !== 'session') return
  principalCache.drop(hashToken(token))
  await db
    .delete(sessions)
    .where(and(eq(sessions.workspaceId, parsed.workspaceId), eq(sessions.tokenHash, hashToken(token))))
}

/** The signed-in person with workspace and effective permissions. */
export async function me(db: Executor, principal: Principal) {
  const [ws] = await db.select().from(workspaces).where(eq(workspaces.id, principal.workspaceId))
  const ctx = { ws: principal.workspaceId, principal } as Ctx
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.workspaceId, principal.workspaceId), eq(users.id, principal.userId!)))
  const [user] = await userCollection.def.hydrate!(db, ctx, [userCollection.def.toRecord(row!)])
  return {
    ...user!,
    workspace: { id: ws!.id, name: ws!.name, slug: ws!.slug, locale: ws!.locale, currency: ws!.currency },
    permissions: principal.permissions,
    operator: principal.kind === 'user' && (await isOperator(db, principal.workspaceId, principal.userId)),
  }
}

/** The object keys of a workspace (built-in and custom), from the fields module (given at registration). */
export type ObjectKeys = (tx: Executor, ws: string) => Promise<string[]>

const tokenRecord = (r: typeof apiTokens.$inferSelect) => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  userId: r.userId,
  createdAt: r.createdAt.toISOString(),
  expiresAt: r.expiresAt?.toISOString() ?? null,
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  revokedAt: r.revokedAt?.toISOString() ?? null,
  scopes: r.scopes ?? FULL_SCOPE,
})

/**
 * Checks a new token's scopes: each an object of the workspace (or `*`) that the owner's role may read, and
 * may change when the scope is `write` — a token never has more than its owner's role.
 */
async function checkScopes(tx: Executor, ctx: Ctx, scopes: TokenScopes, objects: ObjectKeys) {
  const known = new Set(await objects(tx, ctx.ws))
  const errors: { path: string; message: string }[] = []
  for (const [key, access] of Object.entries(scopes)) {
    if (key === '*') continue
    const path = `scopes.${key}`
    if (!known.has(key)) errors.push({ path, message: `no object ${key} in this workspace` })
    else if (scopeFor(ctx.principal, key, 'read') === 'none')
      errors.push({ path, message: `your role may not read ${key}` })
    else if (access === 'write' && writeActions.every((a) => scopeFor(ctx.principal, key, a) === 'none'))
      errors.push({ path, message: `your role may not change ${key}; give it read` })
  }
  if (errors.length) {
    throw new AppError(
      'invalid',
      'invalid_input',
      `The token's scopes are not allowed: ${errors[0]!.message}`,
      {
        errors,
      },
    )
  }
}
const writeActions = ['create', 'update', 'delete'] as const

/** A new API token for the signed-in person; the secret is returned once and stored only as a hash. */
export async function createApiToken(
  tx: Executor,
  ctx: Ctx,
  input: { name: string; expiresAt?: string | null; scopes?: TokenScopes },
  objects: ObjectKeys,
) {
  if (!ctx.principal.userId || ctx.principal.kind !== 'user') {
    throw new AppError(
      'forbidden',
      'forbidden',
      'API tokens are created by a signed-in person, not by another token',
    )
  }
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null
  if (expiresAt && expiresAt <= new Date()) {
    throw new AppError('invalid', 'invalid_input', 'The expiry must be in the future', {
      errors: [{ path: 'expiresAt', message: 'must be in the future' }],
    })
  }
  const scopes = input.scopes ?? FULL_SCOPE
  await checkScopes(tx, ctx, scopes, objects)
  const token = makeToken('api', ctx.ws)
  const now = new Date()
  const [row] = await tx
    .insert(apiTokens)
    .values({
      id: newId(),
      workspaceId: ctx.ws,
      ownerId: ctx.principal.userId,
      createdBy: ctx.principal.userId,
      createdAt: now,
      updatedAt: now,
      userId: ctx.principal.userId,
      name: input.name,
      tokenHash: hashToken(token),
      prefix: token.slice(0, 12),
      expiresAt,
      scopes,
    })
    .returning()
  const rec = tokenRecord(row!)
  await recordAudit(tx, ctx, [{ action: 'create', entityType: 'api_token', entityId: rec.id, after: rec }])
  await ctx.events.emit(tx, ctx, [
    { type: 'api_token.created', entityType: 'api_token', entityId: rec.id, payload: { record: rec } },
  ])
  return { ...rec, token }
}

const isAdmin = (ctx: Ctx) =>
  ctx.principal.permissions['users']?.update === 'all' || ctx.principal.permissions['*']?.update === 'all'

export async function listApiTokens(tx: Executor, ctx: Ctx) {
  const rows = await tx
    .select()
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.workspaceId, ctx.ws),
        isNull(apiTokens.deletedAt),
        isAdmin(ctx) ? undefined : eq(apiTokens.userId, ctx.principal.userId ?? ''),
      ),
    )
    .orderBy(desc(apiTokens.createdAt))
    .limit(500)
  return { data: rows.map(tokenRecord), nextCursor: null }
}

/** Revokes a token at once; its owner or an administrator may. */
export async function revokeApiToken(tx: Executor, ctx: Ctx, id: string) {
  if (!isUuid(id)) throw new AppError('not_found', 'not_found', 'API token was not found')
  const [row] = await tx
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.workspaceId, ctx.ws), eq(apiTokens.id, id), isNull(apiTokens.deletedAt)))
    .for('update')
  if (!row || (!isAdmin(ctx) && row.userId !== ctx.principal.userId)) {
    throw new AppError('not_found', 'not_found', 'API token was not found')
  }
  if (row.revokedAt) return tokenRecord(row)
  const [updated] = await tx
    .update(apiTokens)
    .set({ revokedAt: new Date(), updatedAt: new Date(), version: sql`${apiTokens.version} + 1` })
    .where(and(eq(apiTokens.workspaceId, ctx.ws), eq(apiTokens.id, id)))
    .returning()
  const rec = tokenRecord(updated!)
  principalCache.invalidate(ctx.ws) // other processes: the trigger's notification (access.cache.ts)
  await recordAudit(tx, ctx, [
    { action: 'revoke', entityType: 'api_token', entityId: id, before: tokenRecord(row), after: rec },
  ])
  await ctx.events.emit(tx, ctx, [
    { type: 'api_token.revoked', entityType: 'api_token', entityId: id, payload: { record: rec } },
  ])
  return rec
}

/**
 * Changes the signed-in person's own password after checking the current one; their other sessions end.
 */
export async function changePassword(
  tx: Executor,
  ctx: Ctx,
  token: string,
  input: { currentPassword: string; newPassword: string },
) {
  const userId = ctx.principal.userId
  if (!userId || ctx.principal.kind !== 'user') {
    throw new AppError(
      'forbidden',
      'forbidden',
      'Only a signed-in person changes their password, not an API token',
    )
  }
  const [u] = await tx
    .select()
    .from(users)
    .where(and(eq(users.workspaceId, ctx.ws), eq(users.id, userId)))
    .for('update')
  if (!u || !(await verifyPassword(u.passwordHash, input.currentPassword))) {
    throw new AppError('invalid', 'invalid_input', 'The current password is not correct', {
      errors: [{ path: 'currentPassword', message: 'not correct' }],
    })
  }
  if (input.currentPassword === input.newPassword) {
    throw new AppError('invalid', 'invalid_input', 'The new password must differ from the current one', {
      errors: [{ path: 'newPassword', message: 'same as the current password' }],
    })
  }
  await tx
    .update(users)
    .set({
      passwordHash: await hashPassword(input.newPassword),
      updatedAt: new Date(),
      version: sql`${users.version} + 1`,
    })
    .where(and(eq(users.workspaceId, ctx.ws), eq(users.id, userId)))
  await tx
    .delete(sessions)
    .where(
      and(
        eq(sessions.workspaceId, ctx.ws),
        eq(sessions.userId, userId),
        sql`${sessions.tokenHash} <> ${hashToken(token)}`,
      ),
    )
  principalCache.invalidate(ctx.ws)
  await recordAudit(tx, ctx, [{ action: 'password_change', entityType: 'user', entityId: userId }])
}
