import { describe, expect, it } from 'vitest'
import { AppError } from '../../core/errors'
import { resolvePeriod } from './period'

const today = new Date('2025-05-20T15:00:00Z')

describe('resolvePeriod', () => {
  it.each([
    ['forecast', {}, '2025-05-01', '2025-10-31'],
    ['history', {}, '2024-06-01', '2025-05-31'],
    ['forecast', { from: '2025-01-15' }, '2025-01-15', '2025-06-30'],
    ['history', { to: '2024-02-10' }, '2023-03-01', '2024-02-10'],
    ['history', { from: '2024-12-01', to: '2024-12-01' }, '2024-12-01', '2024-12-01'],
  ] as const)('fills a %s period %j as %s … %s', (kind, q, from, to) => {
    expect(resolvePeriod(q, kind, today)).toMatchObject({ from, to })
  })

  it('covers whole UTC days: from midnight to the midnight after the last day', () => {
    expect(resolvePeriod({ from: '2024-02-01', to: '2024-02-29' }, 'history', today)).toEqual({
      from: '2024-02-01',
      to: '2024-02-29',
      start: '2024-02-01T00:00:00.000Z',
      end: '2024-03-01T00:00:00.000Z',
    })
  })

  it.each([
    ['2024-03-01', '2024-02-29', 'must not be before from'],
    ['2021-01-01', '2024-01-01', 'the period may span at most 3 years'],
  ])('refuses %s … %s: %s', (from, to, message) => {
    let thrown: unknown
    try {
      resolvePeriod({ from, to }, 'history', today)
    } catch (e) {
      thrown = e
    }
    expect(thrown).toBeInstanceOf(AppError)
    expect((thrown as AppError).extra.errors).toEqual([{ path: 'to', message }])
  })
})
