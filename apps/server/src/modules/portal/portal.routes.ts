import { z } from 'zod'
import type { FastifyRequest } from 'fastify'
import {
  MAX_FILE_BYTES,
  PortalFile,
  PortalMe,
  PortalMessage,
  PortalMessageCreate,
  PortalRating,
  PortalSessionStart,
  PortalSignIn,
  PortalTicket,
  PortalTicketCreate,
  Problem,
} from '@openkam/contract'
import { AppError } from '../../core/errors'
import { UPLOAD_BODY_LIMIT, receiveUpload, sendFile } from '../pipelines'
import type { App } from '../../core/http/server'
import type { Db } from '../../core/db/types'
import {
  endPortalSession,
  moveTicketFromPortal,
  portalMe,
  portalFile,
  portalMessages,
  portalTicket,
  portalTickets,
  portalVisitor,
  rateTicketFromPortal,
  replyFromPortal,
  requestPortalLink,
  startPortalSession,
  submitPortalTicket,
  uploadFromPortal,
  type PortalDeps,
  type PortalVisitor,
} from './portal.service'

/** The portal's own cookie: sent only to the portal's API, never an internal session. */
export const PORTAL_COOKIE = 'openkam_portal'
const COOKIE_PATH = '/api/v1/portal/'

const errors = { 400: Problem, 401: Problem, 404: Problem, 409: Problem, 410: Problem }
const fileErrors = { 400: Problem, 401: Problem, 404: Problem, 413: Problem, 415: Problem }
const tags = ['portal']
const Slug = z.object({ workspace: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'not a portal address') })
const SlugId = Slug.extend({ id: z.uuid({ error: 'must be an id (UUID)' }) })
const PageQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .strict()
/** Public to the internal sign-in check: the portal checks its own cookie (or nothing, for sign-in). */
const open = (max: number) => ({ public: true, rateLimit: { max, timeWindow: '1 minute' } })

/**
 * The customer portal's API under /api/v1/portal/<workspace>/: a contact asks for a one-time link by
 * e-mail, spends it for a portal session (its own cookie), and then reads and writes only their account's
 * tickets. Nothing here accepts an internal session, and a portal session opens nothing else.
 */
export function registerPortalRoutes(app: App, db: Db, deps: PortalDeps) {
  const visitor = async (req: {
    params: { workspace: string }
    cookies: FastifyRequest['cookies']
  }): Promise<PortalVisitor> => {
    const v = await portalVisitor(db, req.params.workspace, req.cookies?.[PORTAL_COOKIE])
    if (!v)
      throw new AppError(
        'unauthenticated',
        'unauthenticated',
        'Sign in to the portal with the link we e-mail you',
      )
    return v
  }

  app.post(
    '/api/v1/portal/:workspace/sign-in',
    {
      config: open(30),
      schema: {
        tags,
        summary:
          'E-mail a one-time sign-in link (15 minutes, single use) to a contact with this address; 202 whether or not the address is known',
        security: [],
        params: Slug,
        body: PortalSignIn,
        response: { 202: z.object({ sent: z.literal(true) }), ...errors },
      },
    },
    async (req, reply) => {
      await db.transaction((tx) => requestPortalLink(tx, deps, req.params.workspace, req.body))
      return reply.code(202).send({ sent: true })
    },
  )

  app.post(
    '/api/v1/portal/:workspace/session',
    {
      config: open(20),
      schema: {
        tags,
        summary: 'Spend a sign-in link for a portal session (HTTP-only cookie); 410 when used or expired',
        security: [],
        params: Slug,
        body: PortalSessionStart,
        response: { 200: PortalMe, ...errors },
      },
    },
    async (req, reply) => {
      const me = await db.transaction(async (tx) => {
        const s = await startPortalSession(tx, req.params.workspace, req.body.token)
        reply.setCookie(PORTAL_COOKIE, s.token, {
          httpOnly: true,
          sameSite: 'lax',
          secure: req.protocol === 'https',
          path: COOKIE_PATH,
          expires: s.expiresAt,
        })
        const v = await portalVisitor(tx, req.params.workspace, s.token)
        return portalMe(tx, v!)
      })
      return me
    },
  )

  app.delete(
    '/api/v1/portal/:workspace/session',
    {
      config: open(60),
      schema: {
        tags,
        summary: 'Sign out of the portal',
        security: [],
        params: Slug,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      const secret = req.cookies?.[PORTAL_COOKIE]
      const v = await portalVisitor(db, req.params.workspace, secret)
      if (v && secret) await db.transaction((tx) => endPortalSession(tx, v, secret))
      reply.clearCookie(PORTAL_COOKIE, { path: COOKIE_PATH })
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/api/v1/portal/:workspace/me',
    {
      config: open(120),
      schema: {
        tags,
        summary: 'The signed-in contact, their account and the workspace',
        security: [],
        params: Slug,
        response: { 200: PortalMe, ...errors },
      },
    },
    async (req) => portalMe(db, await visitor(req)),
  )

  app.get(
    '/api/v1/portal/:workspace/tickets',
    {
      config: open(120),
      schema: {
        tags,
        summary: "The account's tickets, newest first",
        security: [],
        params: Slug,
        querystring: PageQuery,
        response: { 200: z.object({ data: z.array(PortalTicket), hasMore: z.boolean() }), ...errors },
      },
    },
    async (req) => portalTickets(db, await visitor(req), req.query),
  )

  app.post(
    '/api/v1/portal/:workspace/tickets',
    {
      config: open(20),
      schema: {
        tags,
        summary: 'Submit a ticket for the account (routed and acknowledged like every new ticket)',
        security: [],
        params: Slug,
        body: PortalTicketCreate,
        response: { 201: PortalTicket, ...errors },
      },
    },
    async (req, reply) => {
      const v = await visitor(req)
      const t = await db.transaction((tx) => submitPortalTicket(tx, v, deps.events, req.body))
      return reply.code(201).send(t)
    },
  )

  app.get(
    '/api/v1/portal/:workspace/tickets/:id',
    {
      config: open(120),
      schema: {
        tags,
        summary: "One of the account's tickets (404 for any other)",
        security: [],
        params: SlugId,
        response: { 200: PortalTicket, ...errors },
      },
    },
    async (req) => portalTicket(db, await visitor(req), req.params.id),
  )

  for (const action of ['confirm', 'reopen'] as const) {
    app.post(
      `/api/v1/portal/:workspace/tickets/:id/${action}`,
      {
        config: open(30),
        schema: {
          tags,
          summary:
            action === 'confirm'
              ? 'Confirm a resolved ticket is solved (→ closed)'
              : 'Reopen a resolved or closed ticket (→ open)',
          security: [],
          params: SlugId,
          response: { 200: PortalTicket, ...errors },
        },
      },
      async (req) => {
        const v = await visitor(req)
        return db.transaction((tx) => moveTicketFromPortal(tx, v, deps.events, req.params.id, action))
      },
    )
  }

  app.post(
    '/api/v1/portal/:workspace/tickets/:id/rating',
    {
      config: open(30),
      schema: {
        tags,
        summary: 'Rate the handling of a resolved or closed ticket, 1–5, once',
        security: [],
        params: SlugId,
        body: PortalRating,
        response: { 200: PortalTicket, ...errors },
      },
    },
    async (req) => {
      const v = await visitor(req)
      return db.transaction((tx) => rateTicketFromPortal(tx, v, deps.events, req.params.id, req.body))
    },
  )

  app.get(
    '/api/v1/portal/:workspace/tickets/:id/messages',
    {
      config: open(120),
      schema: {
        tags,
        summary: "The ticket's public replies, oldest first (internal notes never show here)",
        security: [],
        params: SlugId,
        response: { 200: z.object({ data: z.array(PortalMessage) }), ...errors },
      },
    },
    async (req) => portalMessages(db, await visitor(req), req.params.id),
  )

  app.post(
    '/api/v1/portal/:workspace/tickets/:id/messages',
    {
      config: open(30),
      schema: {
        tags,
        summary:
          'Reply on the ticket, with words and/or files uploaded first (a resolved or pending ticket opens again); returns the conversation',
        security: [],
        params: SlugId,
        body: PortalMessageCreate,
        response: { 201: z.object({ data: z.array(PortalMessage) }), ...errors },
      },
    },
    async (req, reply) => {
      const v = await visitor(req)
      const out = await db.transaction((tx) => replyFromPortal(tx, v, deps.events, req.params.id, req.body))
      return reply.code(201).send(out)
    },
  )

  app.post(
    '/api/v1/portal/:workspace/files',
    {
      config: open(30),
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        tags,
        summary: `Upload a file (multipart/form-data, part "file", at most ${MAX_FILE_BYTES / 1024 / 1024} MB) to attach to a new ticket or a reply by its id`,
        description:
          'The same types and limits as the internal upload: too large 413; another type, or content that does not match the extension, 415. Until it is attached, only its uploader can open it.',
        security: [],
        params: Slug,
        consumes: ['multipart/form-data'],
        response: { 201: PortalFile, ...fileErrors },
      },
    },
    async (req, reply) => {
      const v = await visitor(req)
      const upload = await receiveUpload(req, reply)
      if (!upload) return reply
      const f = await db.transaction((tx) => uploadFromPortal(tx, v, deps.events, upload))
      return reply.code(201).send(f)
    },
  )

  app.get(
    '/api/v1/portal/:workspace/files/:id',
    {
      config: open(120),
      schema: {
        tags,
        summary:
          "Download a file of a public reply on one of the account's tickets, or one's own upload (404 for any other)",
        security: [],
        params: SlugId,
        response: { 200: z.string().describe('the file'), ...fileErrors },
      } as never,
    },
    async (req, reply) => {
      const v = await visitor(req as never)
      const { meta, content } = await portalFile(db, v, (req.params as { id: string }).id)
      return sendFile(reply, meta, content)
    },
  )
}
