import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import {
  ApiToken,
  ApiTokenCreate,
  ApiTokenCreated,
  IdParams,
  LoginBody,
  LoginResponse,
  Me,
  MyWorkspace,
  PasswordChange,
  Problem,
  Role,
  RoleCreate,
  RoleUpdate,
  Team,
  TeamCreate,
  TeamUpdate,
  User,
  UserCreate,
  UserUpdate,
  WorkspaceSwitch,
} from '@openkam/contract'
import { SESSION_COOKIE, tokenOf, type App } from '../../core/http/server'
import { registerCollectionRoutes } from '../../core/http/collection-routes'
import type { Config } from '../../core/config'
import type { Db } from '../../core/db/types'
import {
  changePassword,
  createApiToken,
  type ObjectKeys,
  listApiTokens,
  login,
  logout,
  me,
  resolvePrincipal,
  revokeApiToken,
} from './auth.service'
import { roleCollection, teamCollection, userCollection } from './user.collections'
import { myWorkspaces, switchWorkspace } from './workspace-switch.service'

/** Puts a new session's token in the HTTP-only cookie the web app signs in with. */
export function setSessionCookie(
  req: FastifyRequest,
  reply: FastifyReply,
  session: { token: string; expiresAt: string },
) {
  reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
    path: '/',
    expires: new Date(session.expiresAt),
  })
}

export function registerAuthRoutes(app: App, db: Db, config: Config, deps: { objectKeys: ObjectKeys }) {
  const r = app
  const tags = ['auth']
  r.post(
    '/api/v1/auth/login',
    {
      config: { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Sign in; returns a session token (also set as an HTTP-only cookie)',
        security: [],
        body: LoginBody,
        response: { 200: LoginResponse, 400: Problem, 401: Problem, 429: Problem },
      },
    },
    async (req, reply) => {
      const result = await login(db, req.body, {
        ip: req.ip,
        userAgent: req.headers['user-agent'],
        sessionDays: config.sessionDays,
        maxFailures: config.loginMaxFailures,
      })
      setSessionCookie(req, reply, result)
      return result
    },
  )
  r.post(
    '/api/v1/auth/logout',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Sign out (ends this session, if any; never 401)',
        security: [],
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const token = tokenOf(req)
      if (token) await logout(db, token)
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return reply.code(204).send(null)
    },
  )
  r.get(
    '/api/v1/auth/session',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'The signed-in person, or null when nobody is signed in (never 401)',
        security: [],
        response: { 200: z.object({ user: Me.nullable() }) },
      },
    },
    async (req) => {
      const token = tokenOf(req)
      const principal = token ? await resolvePrincipal(db, token) : null
      return { user: principal?.userId ? await me(db, principal) : null }
    },
  )
  r.get(
    '/api/v1/auth/me',
    {
      schema: {
        tags,
        summary: 'The signed-in person, workspace and permissions',
        response: { 200: Me, 401: Problem },
      },
    },
    async (req) => me(db, req.ctx.principal),
  )

  r.get(
    '/api/v1/auth/workspaces',
    {
      schema: {
        tags,
        summary:
          'The workspaces of the signed-in person: their user rows by the same e-mail where this sign-in’s password matched',
        response: { 200: z.object({ data: z.array(MyWorkspace) }), 401: Problem },
      },
    },
    async (req) => myWorkspaces(db, req.ctx.principal, tokenOf(req) ?? ''),
  )
  r.post(
    '/api/v1/auth/switch',
    {
      schema: {
        tags,
        summary:
          'Switch to another of your workspaces: a new session there (also set as the cookie); this one ends. 404 for a workspace that is not yours',
        body: WorkspaceSwitch,
        response: { 200: LoginResponse, 400: Problem, 403: Problem, 404: Problem },
      },
    },
    async (req, reply) => {
      const session = await switchWorkspace(db, req.ctx.principal, tokenOf(req) ?? '', req.body.workspaceId, {
        ip: req.ip,
        userAgent: req.headers['user-agent'],
        sessionDays: config.sessionDays,
      })
      setSessionCookie(req, reply, session)
      return session
    },
  )

  r.post(
    '/api/v1/auth/password',
    {
      schema: {
        tags,
        summary: 'Change your own password (other sessions end)',
        body: PasswordChange,
        response: { 204: z.null(), 400: Problem, 403: Problem },
      },
    },
    async (req, reply) => {
      await db.transaction((tx) => changePassword(tx, req.ctx, tokenOf(req) ?? '', req.body))
      return reply.code(204).send(null)
    },
  )

  const tokenTags = ['api-tokens']
  r.get(
    '/api/v1/api-tokens',
    {
      schema: {
        tags: tokenTags,
        summary: 'Your API tokens (administrators see all)',
        response: { 200: z.object({ data: z.array(ApiToken), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => listApiTokens(db, req.ctx),
  )
  r.post(
    '/api/v1/api-tokens',
    {
      schema: {
        tags: tokenTags,
        summary: 'Create an API token; the secret is shown once',
        body: ApiTokenCreate,
        response: { 201: ApiTokenCreated, 400: Problem, 403: Problem },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await db.transaction((tx) => createApiToken(tx, req.ctx, req.body, deps.objectKeys))),
  )
  r.delete(
    '/api/v1/api-tokens/:id',
    {
      schema: {
        tags: tokenTags,
        summary: 'Revoke an API token (takes effect at once)',
        params: IdParams,
        response: { 200: ApiToken, 404: Problem },
      },
    },
    async (req) => db.transaction((tx) => revokeApiToken(tx, req.ctx, req.params.id)),
  )

  registerCollectionRoutes(app, db, userCollection, { Record: User, Create: UserCreate, Update: UserUpdate })
  registerCollectionRoutes(app, db, teamCollection, { Record: Team, Create: TeamCreate, Update: TeamUpdate })
  registerCollectionRoutes(app, db, roleCollection, { Record: Role, Create: RoleCreate, Update: RoleUpdate })
}
