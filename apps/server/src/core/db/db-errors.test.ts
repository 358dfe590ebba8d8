import { describe, expect, it } from 'vitest'
import { dbErrorToAppError, markDatabaseConnectError } from './db-errors'

describe('dbErrorToAppError', () => {
  it('maps a unique violation to 409 naming the columns (not the values), also when wrapped', () => {
    const pg = { code: '23505', detail: 'Key (workspace_id, external_id)=(w1, secret-value) already exists.' }
    const e = dbErrorToAppError(new Error('Failed query', { cause: pg }))!
    expect([e.status, e.code, e.message]).toEqual([
      409,
      'duplicate',
      'A record with the same externalId already exists',
    ])
    expect(JSON.stringify(e.extra)).not.toContain('secret-value')
  })
  it.each([
    [{ code: '23502', column: 'due_at' }, 400, 'dueAt'],
    [{ code: '22P02' }, 400, ''],
    [{ code: '22003', column: 'value' }, 400, 'value'],
    [{ code: '22021' }, 400, ''],
  ])('maps %j to %d', (pg, status, path) => {
    const e = dbErrorToAppError(pg)!
    expect(e.status).toBe(status)
    expect(e.extra.errors?.[0]?.path).toBe(path)
  })
  it('leaves other errors alone', () => {
    expect(dbErrorToAppError(new Error('boom'))).toBeUndefined()
    expect(dbErrorToAppError({ code: '40001' })).toBeUndefined()
    expect(dbErrorToAppError({ code: 'ECONNRESET' })).toBeUndefined()
  })
  it.each([
    ['a refused connection to the database', markDatabaseConnectError({ code: 'ECONNREFUSED' })],
    ['PostgreSQL shutting down', new Error('Failed query', { cause: { code: '57P01' } })],
    ['PostgreSQL starting up', { code: '57P03' }],
    [
      'a connection closed in a query',
      new Error('x', { cause: new Error('Connection terminated unexpectedly') }),
    ],
  ])('answers 503 for %s', (_, err) => {
    const e = dbErrorToAppError(err)!
    expect([e.status, e.code]).toEqual([503, 'database_unavailable'])
  })
  it('leaves a refused connection elsewhere (a webhook, a finance system) alone', () => {
    expect(dbErrorToAppError({ code: 'ECONNREFUSED' })).toBeUndefined()
  })
})
