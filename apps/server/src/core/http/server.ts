import fs from 'node:fs'
import path from 'node:path'
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify'
import cookie from '@fastify/cookie'
import helmet from 'helmet'
import type { Foreground } from '../jobs/foreground'
import rateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import swagger from '@fastify/swagger'
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod'
import { AppError } from '../errors'
import type { Config } from '../config'
import type { EventSink } from '../events/bus'
import type { Principal } from '../access/permissions'
import { inputGuard } from './input-guard'
import { noUndeclaredQuery, strictQueryValidator } from './strict-query'
import { documentErrors } from './openapi-errors'
import { errorHandler, sendProblem } from './problem'
import { builtinObjects } from '@openkam/contract'
import { tokenScopeRefusal } from '../access/token-scope'
import './request-context'
import { originCheck } from './origin-check'
import { requestIdFrom, requestIdMixin, trackRequestIds } from '../observability/request-log'
import { measureRequests } from '../observability/http-metrics'

export const SESSION_COOKIE = 'openkam_session'
const BUILTIN_OBJECTS: ReadonlySet<string> = new Set(Object.keys(builtinObjects))

export type RegisteredRoute = { method: string; url: string; hidden: boolean }

declare module 'fastify' {
  interface FastifyInstance {
    registeredRoutes: RegisteredRoute[]
    /**
     * Resolves once no route handler is running (or after `timeoutMs`): a shutdown waits for it after
     * `close()` and before the database closes, so work in flight finishes even when its client has gone.
     */
    whenIdle(timeoutMs: number): Promise<void>
  }
}

export type PrincipalResolver = (token: string, req: FastifyRequest) => Promise<Principal | null>

export type HttpOptions = {
  config: Config
  events: EventSink
  resolvePrincipal: PrincipalResolver
  isReady: () => Promise<boolean>
  version: string
  logger?: boolean
  /** Where log lines go instead of stdout (tests read them). */
  logStream?: { write(line: string): void }
  /** The built web app to serve at /, if any. */
  webDir?: string
  /** Told of every handler in flight, when the background defers to them (embedded database, foreground.ts). */
  foreground?: Foreground | null
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>

/** The token of a request: `Authorization: Bearer …` first, then the session cookie. */
export function tokenOf(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization
  if (h?.startsWith('Bearer ')) return h.slice(7).trim() || undefined
  return req.cookies?.[SESSION_COOKIE] || undefined
}

/**
 * One line per request, at debug, instead of Fastify's two at info: the start-up terminal shows its summary,
 * not a JSON line per request (OPENKAM_LOG_LEVEL=debug brings them back). Errors are logged as before.
 */
class RequestsAtDebug extends LogController {
  override incomingRequest() {}
  override requestCompleted(error: Error | null, req: FastifyRequest, reply: FastifyReply) {
    if (error) return super.requestCompleted(error, req, reply)
    req.log.debug(
      { method: req.method, url: req.url, statusCode: reply.statusCode, ms: reply.elapsedTime },
      'request completed',
    )
  }
}

/**
 * Files under assets/ are named by a hash of their content, so a browser keeps them for a year without asking
 * again; index.html (which names the current ones) is checked on every load.
 */
export function webCacheControl(file: string): string {
  return /[\\/]assets[\\/][^\\/]+$/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache'
}

/**
 * The HTTP kernel every module registers routes on: zod validation and OpenAPI from the same schemas,
 * problem+json errors, request ids, auth for /api/v1, health probes and the web app at /.
 */
export async function createHttpServer(opts: HttpOptions) {
  const { config } = opts
  const app = Fastify({
    // Every line logged while a request runs carries its reqId, also through app.log (request-log.ts).
    logger:
      opts.logger === false
        ? false
        : {
            level: config.logLevel,
            mixin: requestIdMixin as never,
            ...(opts.logStream ? { stream: opts.logStream } : {}),
          },
    logController: new RequestsAtDebug(),
    // The router's own refusals (a path parameter too long, a malformed URL) as problem+json like the rest.
    frameworkErrors: (err, req, reply) =>
      sendProblem(
        reply,
        err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400,
        err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'path_too_long' : 'bad_url',
        err.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? 'A path parameter is longer than the server accepts'
          : 'The path is not a valid URL',
      ),
    genReqId: (req) => requestIdFrom(req.headers['x-request-id']),
    trustProxy: config.trustProxy,
    bodyLimit: 10 * 1024 * 1024,
    ajv: undefined,
  }).withTypeProvider<ZodTypeProvider>()

  // Every route as registered, so tests can check that the OpenAPI description covers all of them.
  const routes: RegisteredRoute[] = []
  app.decorate('registeredRoutes', routes)
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: r.url, hidden: Boolean(r.schema?.hide) })
    }
  })

  // Handlers in flight. server.close() waits for connections, not for handlers: a client that hung up
  // leaves its handler running, and the database must not close under it.
  let running = 0
  let waiters: (() => void)[] = []
  const done = () => {
    running -= 1
    opts.foreground?.leave()
    if (running === 0) for (const w of waiters.splice(0)) w()
  }
  app.addHook('onRoute', (r) => {
    const handler = r.handler
    r.handler = function (this: unknown, req, reply) {
      running += 1
      opts.foreground?.enter()
      let out: unknown
      try {
        out = handler.call(this as never, req, reply)
      } catch (err) {
        done()
        throw err
      }
      if (out && typeof (out as PromiseLike<unknown>).then === 'function' && out !== reply) {
        return Promise.resolve(out).finally(done)
      }
      done()
      return out
    } as typeof handler
  })
  app.decorate('whenIdle', (timeoutMs: number) =>
    running === 0
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            waiters = waiters.filter((w) => w !== finish)
            resolve()
          }, timeoutMs)
          const finish = () => {
            clearTimeout(timer)
            resolve()
          }
          waiters.push(finish)
        }),
  )

  trackRequestIds(app)
  measureRequests(app)

  app.setValidatorCompiler(strictQueryValidator)
  app.addHook('onRoute', noUndeclaredQuery)
  app.setSerializerCompiler(serializerCompiler)
  app.setErrorHandler(errorHandler)
  // NUL characters, lone surrogates and deep nesting are refused before validation (input-guard.ts).
  app.addHook('preValidation', inputGuard)
  // The built web app, when there is one: files as they are on disk now (a rebuild needs no restart).
  const web = opts.webDir && fs.existsSync(path.join(opts.webDir, 'index.html')) ? opts.webDir : undefined
  if (web)
    await app.register(fastifyStatic, {
      root: web,
      prefix: '/',
      wildcard: true,
      index: ['index.html'],
      // The brotli or gzip copy written at build time (apps/web/scripts/build.js), by Accept-Encoding.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, file) => reply.header('cache-control', webCacheControl(file)),
    })
  // Unknown routes: index.html for page navigations (client-side routes), else 404 problem+json.
  app.setNotFoundHandler((req, reply) => {
    const page = req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/assets/')
    if (web && page && (req.headers.accept ?? '').includes('text/html')) return reply.sendFile('index.html')
    return sendProblem(reply, 404, 'not_found', `No route ${req.method} ${req.url}`)
  })
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id)
  })

  await app.register(cookie)
  // Helmet's headers from one middleware built here: @fastify/helmet built it again for every request,
  // parsing the policy each time (2–6% of a request's CPU in the bench's profiles).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
      },
    },
    hsts: false,
  })
  app.addHook('onRequest', (req, reply, done) =>
    securityHeaders(req.raw, reply.raw, (err) => done(err as Error | undefined)),
  )
  await app.register(rateLimit, { global: false })
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'OpenKAM API',
        version: opts.version,
        description:
          'Key-account management. Errors are application/problem+json; lists are cursor-paginated.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'Session token from /auth/login, or an API token',
          },
          cookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
    // Errors as the kernel answers them: problem+json, with the statuses it adds (openapi-errors.ts).
    transformObject: (o) => documentErrors(jsonSchemaTransformObject(o)),
  })

  app.decorateRequest('ctx', null as never)
  app.addHook('onRequest', originCheck(config.allowedOrigins ?? []))
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/v1/') || req.routeOptions.config?.public) return
    const token = tokenOf(req)
    const principal = token ? await opts.resolvePrincipal(token, req) : null
    if (!principal) {
      throw new AppError(
        'unauthenticated',
        'unauthenticated',
        token
          ? 'Your session has expired or the token is not valid; sign in again'
          : 'Sign in first: send the session cookie or an Authorization: Bearer token',
      )
    }
    req.ctx = { ws: principal.workspaceId, principal, requestId: req.id, events: opts.events }
    // An API token's scopes (SPEC R-22), checked here so that every route is covered.
    const scopes = principal.tokenScopes
    const pattern = req.routeOptions.url
    const refusal =
      scopes &&
      pattern &&
      tokenScopeRefusal(scopes, req.method, pattern, req.params as never, BUILTIN_OBJECTS)
    if (refusal) throw new AppError('forbidden', 'token_scope', refusal, { scopes })
  })

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }))
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const ready = await opts.isReady().catch(() => false)
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'starting' })
  })
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger())

  return app as unknown as App
}
