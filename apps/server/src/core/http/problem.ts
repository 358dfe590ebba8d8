import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod'
import { DATABASE_RETRY_AFTER_SECONDS, dbErrorToAppError } from '../db/db-errors'
import { AppError, type FieldError } from '../errors'
import { messageLanguage } from './language'
import { translateErrors, translateMessage, translateTitle } from './translate-message'

const titles: Record<number, string> = {
  400: 'Invalid input',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Refused by a business rule',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Unavailable',
}

/**
 * Sends an application/problem+json body, its title, detail and field messages in the caller's language
 * (SPEC R-25); `type`, `code` and each error's `path` stay as they are.
 */
export function sendProblem(
  reply: FastifyReply,
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
) {
  const lang = messageLanguage(reply.request)
  if (lang !== 'en') reply.header('content-language', lang)
  return reply
    .code(status)
    .type('application/problem+json')
    .send({
      type: `urn:openkam:problem:${code}`,
      title: translateTitle(status, titles[status] ?? 'Error', lang),
      status,
      detail: translateMessage(detail, lang),
      code,
      ...extra,
      ...('errors' in extra ? { errors: translateErrors(extra.errors, lang) } : {}),
    })
}

function zodErrors(err: FastifyError): FieldError[] {
  const part = (err as FastifyError & { validationContext?: string }).validationContext
  return (err.validation ?? []).flatMap((v) => {
    const keys = (v.params as { keys?: string[] } | undefined)?.keys
    const base = v.instancePath.replace(/^\//, '').replaceAll('/', '.')
    if (v.keyword === 'unrecognized_keys' && keys) {
      return keys.map((k) => ({
        path: [base, k].filter(Boolean).join('.'),
        message: part === 'querystring' ? 'not a known parameter' : 'not a known field',
      }))
    }
    return [{ path: base || part || '', message: v.message ?? 'invalid' }]
  })
}

/** The one error handler: AppError, validation, and framework errors become problem+json. */
export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const fromDb = err instanceof AppError ? undefined : dbErrorToAppError(err)
  if (fromDb) {
    req.log.info({ err }, 'database refused the input')
    return errorHandler(fromDb as never, req, reply)
  }
  if (err instanceof AppError) {
    const { errors, ...rest } = err.extra
    if (err.status >= 500) req.log.error({ err }, err.message)
    // A 503 is temporary by definition: say when to try again (the database restarting, a failover).
    if (err.status === 503 && !reply.hasHeader('retry-after'))
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS))
    return sendProblem(reply, err.status, err.code, err.message, {
      ...(errors ? { errors } : {}),
      ...rest,
      ...(err.status >= 500 ? { requestId: req.id } : {}),
    })
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const errors = zodErrors(err)
    return sendProblem(reply, 400, 'invalid_input', `Invalid ${errors.map((e) => e.path).join(', ')}`, {
      errors,
    })
  }
  // A 500 names its request id: the log line to look for (reqId).
  if (isResponseSerializationError(err)) {
    req.log.error({ err, issues: err.cause?.issues }, 'response does not match its schema')
    const detail = 'The server produced an invalid response; it has been logged'
    return sendProblem(reply, 500, 'internal', detail, { requestId: req.id })
  }
  const status = err.statusCode ?? 500
  if (status === 429) return sendProblem(reply, 429, 'rate_limited', err.message)
  if (status >= 400 && status < 500) {
    const code =
      err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/.test(err.message)
        ? 'invalid_json'
        : 'bad_request'
    return sendProblem(reply, status, code, err.message)
  }
  req.log.error({ err }, 'unhandled error')
  const detail = 'Something went wrong on the server; it has been logged'
  return sendProblem(reply, 500, 'internal', detail, { requestId: req.id })
}
