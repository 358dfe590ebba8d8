import { describe, expect, it } from 'vitest'
import { AppError } from '../errors'
import { cursorValue, decodeCursor, encodeCursor, fromCursorValue, parseSort } from './cursor'

describe('cursor', () => {
  it('round-trips a cursor for the same sort', () => {
    const c = { s: '-updatedAt', v: '2026-01-01T00:00:00.000Z', id: 'x' }
    expect(decodeCursor(encodeCursor(c), '-updatedAt')).toEqual(c)
  })
  it('refuses a cursor made for another sort', () => {
    const raw = encodeCursor({ s: 'name', v: 'a', id: 'x' })
    expect(() => decodeCursor(raw, '-name')).toThrow(AppError)
  })
  it('refuses garbage with the field named', () => {
    try {
      decodeCursor('not-a-cursor', 'name')
      expect.unreachable()
    } catch (e) {
      expect((e as AppError).extra.errors?.[0]?.path).toBe('cursor')
    }
  })
  it('keeps dates to the millisecond', () => {
    const d = new Date('2026-03-04T05:06:07.089Z')
    expect(fromCursorValue('date', cursorValue(d))).toEqual(d)
    expect(cursorValue(null)).toBeNull()
  })
  it.each([
    ['-updatedAt', 'updatedAt', 'desc'],
    ['name', 'name', 'asc'],
  ])('parses sort %s', (raw, key, dir) => expect(parseSort(raw)).toEqual({ key, dir }))
})
