import { describe, expect, it } from 'vitest'
import { dbErrorToAppError } from './db-errors'

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
})
