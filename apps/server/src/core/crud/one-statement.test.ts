import { describe, expect, it } from 'vitest'
import { integer, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { predictRow, storedNumeric } from './one-statement'

describe('storedNumeric', () => {
  it.each([
    ['1200', 2, '1200.00'],
    ['30.5', 2, '30.50'],
    ['007.25', 2, '7.25'],
    ['0', 2, '0.00'],
    ['-4.1', 2, '-4.10'],
    [12, 2, '12.00'],
    ['1.5', undefined, '1.5'],
    ['00', undefined, '0'],
    ['3', 0, '3'],
  ])('writes %s at scale %s as %s', (v, scale, out) => expect(storedNumeric(v, scale)).toBe(out))

  it.each([
    ['1.005', 2],
    ['1e3', 2],
    ['-0', 2],
    ['-0.00', undefined],
    ['abc', 2],
    [Number.NaN, 2],
    [null, 2],
  ])('does not predict %s at scale %s (PostgreSQL would round or rewrite it)', (v, scale) =>
    expect(storedNumeric(v, scale)).toBeUndefined(),
  )
})

describe('predictRow', () => {
  const t = pgTable('t', {
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    currency: text('currency').notNull().default('CNY'),
    amount: numeric('amount', { precision: 18, scale: 2 }),
    count: integer('count'),
    at: timestamp('at', { withTimezone: true }),
  })
  const id = '0193b2c4-0000-7000-8000-000000000001'

  it('fills plain defaults and nulls and writes numbers as PostgreSQL stores them', () =>
    expect(predictRow(t, { id, name: 'A', amount: '5' })).toEqual({
      id,
      name: 'A',
      currency: 'CNY',
      amount: '5.00',
      count: null,
      at: null,
    }))

  it('gives up on what the database would decide or rewrite', () => {
    expect(predictRow(t, { id: id.toUpperCase(), name: 'A' })).toBeNull()
    expect(predictRow(t, { id, name: 'A', amount: '1.234' })).toBeNull()
    expect(predictRow(t, { id, name: 'A', at: '2024-01-01' })).toBeNull()
    const d = pgTable('d', { id: uuid('id').notNull(), at: timestamp('at').default(sql`now()`) })
    expect(predictRow(d, { id })).toBeNull()
  })
})
