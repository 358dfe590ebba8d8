import { AppError } from '../errors'

export type SortKind = 'string' | 'number' | 'date' | 'boolean'
export type Cursor = { s: string; v: string | number | boolean | null; id: string }

/** An opaque page cursor: the sort key, the last row's sort value and id. */
export const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify(c)).toString('base64url')

export function decodeCursor(raw: string, sort: string): Cursor {
  let c: unknown
  try {
    c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'))
  } catch {
    c = null
  }
  const ok =
    typeof c === 'object' &&
    c !== null &&
    typeof (c as Cursor).s === 'string' &&
    typeof (c as Cursor).id === 'string' &&
    'v' in c
  if (!ok) {
    throw new AppError('invalid', 'invalid_cursor', 'The cursor is not valid; start again without one', {
      errors: [{ path: 'cursor', message: 'not a cursor returned by this API' }],
    })
  }
  if ((c as Cursor).s !== sort) {
    throw new AppError(
      'invalid',
      'invalid_cursor',
      'The cursor belongs to another sort order; start again without one',
      {
        errors: [{ path: 'cursor', message: `made for sort=${(c as Cursor).s}, not ${sort}` }],
      },
    )
  }
  return c as Cursor
}

/** A sort value as stored in a cursor. Dates keep millisecond precision, which is what we write. */
export const cursorValue = (v: unknown): Cursor['v'] =>
  v === null || v === undefined
    ? null
    : v instanceof Date
      ? v.toISOString()
      : (v as string | number | boolean)

export const fromCursorValue = (kind: SortKind, v: Cursor['v']): unknown =>
  v === null ? null : kind === 'date' ? new Date(String(v)) : v

/** Parses `sort` like "-updatedAt" into key and direction. */
export function parseSort(sort: string): { key: string; dir: 'asc' | 'desc' } {
  return sort.startsWith('-') ? { key: sort.slice(1), dir: 'desc' } : { key: sort, dir: 'asc' }
}
