import type { FastifyRequest } from 'fastify'
import { AppError, type FieldError } from '../errors'

/** How deep a request's JSON may nest (objects and arrays); rule trees and report definitions stay far below. */
export const MAX_INPUT_DEPTH = 64

// A NUL cannot be stored in PostgreSQL text; a lone surrogate is no character and would be stored altered.
// eslint-disable-next-line no-control-regex
const BAD_CHAR = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/**
 * What is wrong with a parsed input anywhere inside it: a string (value or key) holding a NUL character or
 * a lone UTF-16 surrogate, or nesting deeper than MAX_INPUT_DEPTH — each with its path.
 * @example inputProblems({ name: 'a\u0000b' }) // → [{ path: 'name', message: 'must not contain …' }]
 */
export function inputProblems(value: unknown, path = ''): FieldError[] {
  const out: FieldError[] = []
  walk(value, path, 0, out)
  return out
}

const at = (base: string, key: string | number) => (base ? `${base}.${key}` : String(key))

function walk(v: unknown, path: string, depth: number, out: FieldError[]) {
  if (out.length >= 20) return
  if (typeof v === 'string') {
    if (BAD_CHAR.test(v))
      out.push({
        path,
        message: 'must not contain a NUL character (\\u0000) or a lone surrogate (invalid UTF-16)',
      })
    return
  }
  if (v === null || typeof v !== 'object') return
  // Not uploads' bytes or streams: only what JSON and query parsing make.
  if (ArrayBuffer.isView(v) || typeof (v as { pipe?: unknown }).pipe === 'function') return
  if (depth >= MAX_INPUT_DEPTH) {
    out.push({ path, message: `nests deeper than ${MAX_INPUT_DEPTH} levels` })
    return
  }
  if (Array.isArray(v)) {
    v.forEach((item, i) => walk(item, at(path, i), depth + 1, out))
    return
  }
  for (const [k, item] of Object.entries(v)) {
    if (BAD_CHAR.test(k))
      out.push({ path: at(path, k), message: 'a key must not contain a NUL character or a lone surrogate' })
    walk(item, at(path, k), depth + 1, out)
  }
}

/** preValidation hook: refuses such input in the body, the query and the path with 400 before any route runs. */
export async function inputGuard(req: FastifyRequest) {
  const errors = [...inputProblems(req.params), ...inputProblems(req.query), ...inputProblems(req.body)]
  if (errors.length)
    throw new AppError(
      'invalid',
      'invalid_input',
      `Invalid ${errors.map((e) => e.path || 'body').join(', ')}`,
      {
        errors,
      },
    )
}
