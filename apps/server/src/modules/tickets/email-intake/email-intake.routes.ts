import type { FastifyError } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import {
  EmailIntakeLogEntry,
  EmailIntakeLogQuery,
  EmailIntakeResult,
  EmailIntakeSettings,
  EmailIntakeToken,
  INBOUND_EMAIL_TOKEN_HEADER,
  MAX_INBOUND_EMAIL_BYTES,
  pageOf,
  Problem,
} from '@openkam/contract'
import type { Db } from '../../../core/db/types'
import type { EventSink } from '../../../core/events/bus'
import { AppError } from '../../../core/errors'
import { errorHandler, sendProblem } from '../../../core/http/problem'
import type { App } from '../../../core/http/server'
import { receiveEmail } from './email-intake.service'
import {
  authenticateInbound,
  generateIntakeToken,
  intakeLog,
  intakeSettings,
} from './intake-settings.service'
import { parseMail } from './parse-mail'

const errors = { 400: Problem, 401: Problem, 403: Problem, 404: Problem }
const MB = MAX_INBOUND_EMAIL_BYTES / 1024 / 1024
const RFC822 = 'message/rfc822'

/**
 * Tickets from e-mail: the inbound endpoint a mail provider's webhook or a local MTA posts raw messages
 * to (its own token, no session), and the administrators' settings (the address, a new token, the log).
 */
export function registerEmailIntakeRoutes(app: App, db: Db, deps: { events: EventSink }) {
  const tags = ['inbound-email']
  // Its own scope: the only route that takes message/rfc822, and it takes nothing else (no JSON, no form).
  void app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>()
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser(
      RFC822,
      { parseAs: 'buffer', bodyLimit: MAX_INBOUND_EMAIL_BYTES },
      (_req, body, done) => done(null, body),
    )
    scope.setErrorHandler((err: FastifyError, req, reply) => {
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
        return sendProblem(
          reply,
          413,
          'message_too_large',
          `The e-mail is larger than ${MB} MB; the mail server should bounce it to the sender`,
        )
      if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
        return sendProblem(
          reply,
          415,
          'unsupported_media_type',
          `Send the raw e-mail (RFC 822) as the request body with Content-Type: ${RFC822}`,
        )
      return errorHandler(err, req, reply)
    })
    scope.post(
      '/api/v1/inbound-email/:workspace',
      {
        config: { public: true, rateLimit: { max: 300, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: `Receive one e-mail (the raw RFC 822 message, Content-Type ${RFC822}, at most ${MB} MB) for the workspace's service desk`,
          description: `Authenticated by the workspace's inbound token in the ${INBOUND_EMAIL_TOKEN_HEADER} header or the token query parameter. A known contact's e-mail opens a ticket (201), or adds a message to the ticket whose number (TK-…) its subject carries (200); the same Message-ID again changes nothing (200, duplicate); anything else is dropped with the reason in the intake log (202).`,
          security: [],
          consumes: [RFC822],
          params: z.object({ workspace: z.string().min(1).max(100) }),
          querystring: z.object({ token: z.string().max(200).optional() }),
          response: {
            200: EmailIntakeResult,
            201: EmailIntakeResult,
            202: EmailIntakeResult,
            ...errors,
            413: Problem,
            415: Problem,
          },
        },
      },
      async (req, reply) => {
        const header = req.headers[INBOUND_EMAIL_TOKEN_HEADER]
        const token = (Array.isArray(header) ? header[0] : header) ?? req.query.token
        const ws = await db.transaction((tx) => authenticateInbound(tx, req.params.workspace, token))
        const raw = req.body as Buffer | undefined
        if (!Buffer.isBuffer(raw) || raw.length === 0)
          throw new AppError(
            'invalid',
            'invalid_input',
            'The e-mail is empty: send the raw message as the body',
            {
              errors: [{ path: 'body', message: 'the raw e-mail (RFC 822)' }],
            },
          )
        // Parsed before the transaction: it holds no lock while a large message is read.
        const mail = await parseMail(raw)
        const result = await db.transaction((tx) => receiveEmail(tx, deps.events, ws, mail))
        const status = result.duplicate
          ? 200
          : result.outcome === 'ticket_created'
            ? 201
            : result.outcome === 'message_added'
              ? 200
              : 202
        return reply.code(status).send(result)
      },
    )
  })

  app.get(
    '/api/v1/inbound-email/settings',
    {
      schema: {
        tags,
        summary:
          'The inbound e-mail address to give the mail provider, and whether a token is set (administrators)',
        response: { 200: EmailIntakeSettings, ...errors },
      },
    },
    async (req) => db.transaction((tx) => intakeSettings(tx, req.ctx)),
  )
  app.post(
    '/api/v1/inbound-email/settings/token',
    {
      schema: {
        tags,
        summary:
          'Generate a new inbound e-mail token (administrators): shown in this answer only; the previous token stops working',
        response: { 201: EmailIntakeToken, ...errors },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await db.transaction((tx) => generateIntakeToken(tx, req.ctx))),
  )
  app.get(
    '/api/v1/inbound-email/log',
    {
      schema: {
        tags,
        summary:
          'The e-mails received, newest first: the ticket each opened or joined, or why it was dropped (administrators)',
        querystring: EmailIntakeLogQuery,
        response: { 200: pageOf(EmailIntakeLogEntry), ...errors },
      },
    },
    async (req) => db.transaction((tx) => intakeLog(tx, req.ctx, req.query)),
  )
}
