import { AsyncLocalStorage } from 'node:async_hooks'
import type { FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import { newId } from '../ids'

/**
 * An incoming `X-Request-Id` is kept when it looks like an id (letters, digits and `._:;=+/@-`, at most
 * 100 characters): a proxy's or client's id then names the same request in every log. Anything else —
 * spaces, quotes, control characters, an overlong value — is replaced by a new id, so a header cannot
 * forge or break log lines.
 * @example requestIdFrom('7f1c-ab') === '7f1c-ab'; requestIdFrom('a b') → a new uuid
 */
export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header
  return given && /^[A-Za-z0-9._:;=+/@-]{1,100}$/.test(given) ? given : newId()
}

const currentRequest = new AsyncLocalStorage<string>()

/**
 * pino `mixin`: a line logged while a request is being handled carries its `reqId`, also when it is
 * written through the app's logger (services, jobs run from a route) rather than `req.log` — which has it
 * bound already and so gets no second one.
 */
export function requestIdMixin(_obj: object, _level: number, logger: Logger): object {
  const reqId = currentRequest.getStore()
  if (reqId === undefined) return {}
  return 'reqId' in logger.bindings() ? {} : { reqId }
}

/**
 * Makes the request id the current one for everything the request runs: its hooks, its handler and what
 * they await (a body read over a socket included — the request-id test sends one).
 */
export function trackRequestIds(app: FastifyInstance) {
  app.addHook('onRequest', (req, _reply, done) => currentRequest.run(req.id, done))
}
