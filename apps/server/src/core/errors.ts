export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'unprocessable'
  | 'rate_limited'
  | 'unavailable'
  | 'internal'

/** The one kind → HTTP status map. */
export const statusOf: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
}

export type FieldError = { path: string; message: string }

/**
 * The one error type of OpenKAM. `code` is a stable machine-readable name,
 * `message` says what was wrong and how to fix it.
 * @example throw new AppError('conflict', 'version_conflict', 'The record changed since you read it')
 */
export class AppError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly extra: { errors?: FieldError[]; [key: string]: unknown } = {},
  ) {
    super(message)
    this.name = 'AppError'
  }

  get status(): number {
    return statusOf[this.kind]
  }
}

export const notFound = (what: string) => new AppError('not_found', 'not_found', `${what} was not found`)
