import type { FastifyRequest } from 'fastify'
import { AppError } from '../errors'

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

const originOf = (value: string | undefined): string | null => {
  if (!value) return null
  try {
    const u = new URL(value)
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : 'null'
  } catch {
    return 'null'
  }
}

/**
 * Cross-site request forgery guard for cookie-authenticated writes (on top of the SameSite=Lax cookie):
 * a POST, PUT, PATCH or DELETE that carries cookies and no `Authorization` header must come from a page
 * of this server (its own origin, as the request names it — behind a proxy with OPENKAM_TRUST_PROXY — the
 * origin of OPENKAM_PUBLIC_URL, or one of OPENKAM_ALLOWED_ORIGINS). The `Origin` header is read, else the
 * `Referer`'s origin; a request with neither comes from no page (scripts, command-line clients) and passes.
 * Requests with a bearer token and requests without cookies (inbound e-mail, links in e-mails) pass.
 * @example app.addHook('onRequest', originCheck(config.allowedOrigins))
 */
export function originCheck(allowed: readonly string[]) {
  const extra = new Set(allowed)
  return async (req: FastifyRequest) => {
    if (!UNSAFE.has(req.method) || !req.url.startsWith('/api/')) return
    if (!req.headers.cookie || req.headers.authorization) return
    const origin = originOf(req.headers.origin) ?? originOf(req.headers.referer)
    if (origin === null) return
    const own = `${req.protocol}://${req.host}`
    if (origin === own || extra.has(origin)) return
    throw new AppError(
      'forbidden',
      'cross_origin',
      'This change was sent from another site; changes with the session cookie are accepted only from OpenKAM’s own pages',
      { origin },
    )
  }
}
