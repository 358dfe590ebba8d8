import { AppError } from '../errors'

type PgError = { code: string; column?: string; constraint?: string; detail?: string; table?: string }

/** The PostgreSQL error inside what a driver or Drizzle threw (they wrap it in `cause`), if any. */
function pgErrorOf(err: unknown): PgError | undefined {
  for (let e = err, i = 0; e && typeof e === 'object' && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return e as PgError
  }
  return undefined
}

/**
 * Marks an error of connecting to the database (postgres.ts's pools do), so that a refused connection
 * there is told apart from one of an outbound request (a webhook, a finance system), which is no 503.
 */
export const markDatabaseConnectError = (err: unknown) => {
  if (err && typeof err === 'object')
    (err as { openkamDatabaseConnect?: boolean }).openkamDatabaseConnect = true
  return err
}

/**
 * Whether `err` (or what it wraps) says the database cannot be reached now: a connection to it refused
 * or dropped, or PostgreSQL shutting down, starting up or in recovery (57P01–57P03, class 08).
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, i = 0; e && typeof e === 'object' && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    const { code, message, openkamDatabaseConnect } = e as Record<string, unknown>
    if (openkamDatabaseConnect === true) return true
    if (typeof code === 'string' && /^(08...|57P0[123])$/.test(code)) return true
    // node-postgres's words for a connection the server closed during a query.
    if (typeof message === 'string' && /^Connection terminated/.test(message)) return true
  }
  return false
}

/** Seconds a client is told to wait (`Retry-After`) when the database cannot be reached. */
export const DATABASE_RETRY_AFTER_SECONDS = 5

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())

/** The columns a unique or foreign-key violation names in its detail: `Key (workspace_id, external_id)=(…)`. */
const keyColumns = (detail?: string) =>
  (/Key \(([^)]+)\)=/.exec(detail ?? '')?.[1] ?? '')
    .split(',')
    .map((c) => camel(c.trim().replace(/^lower\(|\)$/g, '')))
    .filter((c) => c && c !== 'workspaceId')

/**
 * The one mapping of database errors to answers: a unique violation is 409, a value the database refuses
 * (null where a value is required, a foreign key to nothing, a check, a malformed or out-of-range value)
 * is 400 naming the field where the database names it; a database that cannot be reached (restarting,
 * failing over) is 503 with `Retry-After`; anything else stays a 500. The values themselves
 * are never echoed (they may be secrets).
 * @example dbErrorToAppError({ code: '23505', detail: 'Key (workspace_id, external_id)=(…) already exists.' })
 * // → AppError('conflict', 'duplicate', 'A record with the same externalId already exists')
 */
export function dbErrorToAppError(err: unknown): AppError | undefined {
  if (isDatabaseUnavailable(err))
    return new AppError(
      'unavailable',
      'database_unavailable',
      'The database cannot be reached right now; try again in a few seconds',
    )
  const pg = pgErrorOf(err)
  if (!pg) return undefined
  const field = pg.column ? camel(pg.column) : undefined
  const errors = (message: string) => ({ errors: [{ path: field ?? '', message }] })
  switch (pg.code) {
    case '23505': {
      const cols = keyColumns(pg.detail)
      return new AppError(
        'conflict',
        'duplicate',
        `A record with the same ${cols.length ? cols.join(', ') : 'unique value'} already exists`,
        cols.length ? { errors: cols.map((c) => ({ path: c, message: 'already taken' })) } : {},
      )
    }
    case '23502':
      return new AppError(
        'invalid',
        'invalid_input',
        `Invalid ${field ?? 'input'}: must not be null`,
        errors('must not be null'),
      )
    case '23503': {
      const cols = keyColumns(pg.detail)
      return new AppError(
        'invalid',
        'invalid_reference',
        'The input refers to a record that does not exist',
        {
          errors: cols.map((c) => ({ path: c, message: 'no such record' })),
        },
      )
    }
    case '23514':
      return new AppError(
        'invalid',
        'invalid_input',
        'A value is outside what the field allows',
        errors('out of range'),
      )
    case '54001': // statement too complex (e.g. a deeply nested JSON value)
      return new AppError('invalid', 'invalid_input', 'The input nests too deeply')
  }
  // Class 22: data exceptions (malformed date or number, numeric overflow, text too long, invalid characters).
  if (pg.code.startsWith('22'))
    return new AppError(
      'invalid',
      'invalid_input',
      'A value is malformed or out of range for its field',
      errors('malformed or out of range'),
    )
  return undefined
}
