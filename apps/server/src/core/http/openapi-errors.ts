// How the OpenAPI document describes errors: as the kernel really answers them. Every error is
// application/problem+json (problem.ts), whatever a route's success type is (JSON, CSV, a file), and some
// statuses come from the kernel for every route of a kind rather than from the route itself.

type Response = { description?: string; content?: Record<string, { schema?: unknown }> }
type Operation = {
  security?: unknown[]
  parameters?: { in: string }[]
  requestBody?: unknown
  responses?: Record<string, Response>
}
type Document = { paths?: Record<string, Record<string, Operation>> }

const PROBLEM_SCHEMA = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { path: { type: 'string' }, message: { type: 'string' } },
        required: ['path', 'message'],
      },
    },
  },
  required: ['type', 'title', 'status', 'detail', 'code'],
}

const DESCRIPTIONS: Record<string, string> = {
  '400':
    'Invalid input: a parameter or body field out of its domain, an unknown query parameter, malformed JSON, NUL or a lone surrogate in text',
  '401': 'Not signed in: no session or token, or it has expired',
  '403': 'Not allowed: the role, the token’s scopes, or a cookie-authenticated write from another site',
  '404': 'Not found (or not visible to the caller)',
  '409': 'Conflict: a stale version, or a value that must be unique',
  '410': 'Gone',
  '413': 'The body is larger than the server accepts',
  '414': 'A path parameter is longer than the server accepts',
  '415': 'The body is not of a type the operation accepts (JSON unless stated otherwise)',
  '422': 'Refused by a business rule',
  '429': 'Too many requests: try again later',
  '503': 'Unavailable: try again later',
}

/**
 * The statuses the kernel itself may answer for an operation: 400 for any input (every query string is
 * checked: unknown parameters, NUL, lone surrogates), 401 and 403 behind sign-in, 404 and 414 with a path
 * parameter, 413 and 415 with a body.
 */
function kernelStatuses(path: string, op: Operation): string[] {
  const out = ['400']
  const signedIn = path.startsWith('/api/v1/') && !(Array.isArray(op.security) && op.security.length === 0)
  if (signedIn) out.push('401', '403')
  if (path.includes('{')) out.push('404', '414')
  if (op.requestBody) out.push('413', '415')
  return out
}

/** Rewrites every error response as application/problem+json and adds the statuses the kernel answers. */
export function documentErrors<T>(doc: T): T {
  const d = doc as Document
  for (const [path, ops] of Object.entries(d.paths ?? {})) {
    for (const op of Object.values(ops)) {
      const responses = (op.responses ??= {})
      for (const status of kernelStatuses(path, op)) responses[status] ??= {}
      for (const [status, res] of Object.entries(responses)) {
        if (!/^[45]/.test(status)) continue
        const schema = Object.values(res.content ?? {}).find((c) => c.schema)?.schema ?? PROBLEM_SCHEMA
        res.content = { 'application/problem+json': { schema } }
        if (!res.description || res.description === 'Default Response')
          res.description = DESCRIPTIONS[status] ?? 'Error'
      }
    }
  }
  return doc
}
