import { describe, expect, it } from 'vitest'
import { Currency, Day, Decimal, Money, Month, SignedDecimal, Timestamp, currencyDecimals } from './common'
import { MetricPost } from './health'
import { LeadConvert } from './records'
import { UserCreate } from './auth'

const ok = (s: { safeParse(v: unknown): { success: boolean } }, v: unknown) => s.safeParse(v).success

describe('input domains', () => {
  it.each([
    ['CNY', true],
    ['USD', true],
    ['JPY', true],
    ['QQQ', false],
    ['cny', false],
    ['EURO', false],
  ])('takes %s as a currency: %s', (c, want) => expect(ok(Currency, c)).toBe(want))

  it('knows each currency’s decimals', () => {
    expect([currencyDecimals('JPY'), currencyDecimals('CNY'), currencyDecimals('KWD')]).toEqual([0, 2, 3])
  })

  it.each([
    ['0', true],
    ['1200.50', true],
    ['-0.00', true],
    ['-5', false],
    [-5, false],
    ['12345678901234567', false],
    ['1.234', false],
  ])('takes %s as a money amount: %s', (v, want) => expect(ok(Decimal, v)).toBe(want))

  it('names a malformed amount once', () => {
    const r = Money.safeParse({ amount: '12.345', currency: 'CNY' })
    expect(r.error?.issues.map((i) => i.message)).toEqual([
      'must be a decimal amount with at most 2 decimals',
    ])
  })

  it('lets a field that says so take a negative amount', () => expect(ok(SignedDecimal, '-5.25')).toBe(true))

  it.each([
    [{ amount: '500', currency: 'JPY' }, true],
    [{ amount: '500.00', currency: 'JPY' }, true],
    [{ amount: '500.50', currency: 'JPY' }, false],
    [{ amount: '5.5', currency: 'CNY' }, true],
    [{ amount: '5', currency: 'QQQ' }, false],
    [{ amount: '-5', currency: 'CNY' }, false],
    [{ amount: '12.345', currency: 'CNY' }, false],
  ])('takes %j as money: %s', (v, want) => expect(ok(Money, v)).toBe(want))

  it.each([
    [Timestamp, '2026-01-31T09:30:00Z', true],
    [Timestamp, '0020-01-01T00:00:00Z', false],
    [Day, '2026-01-31', true],
    [Day, '0020-01-31', false],
    [Month, '2026-07', true],
    [Month, '0000-01', false],
  ])('%#: takes %s as a date: %s', (s, v, want) => expect(ok(s, v)).toBe(want))

  it.each([
    [{ metric: 'feature_usage', value: 100 }, true],
    [{ metric: 'feature_usage', value: 100.5 }, false],
    [{ metric: 'nps', value: -100 }, true],
    [{ metric: 'nps', value: -101 }, false],
    [{ metric: 'meeting_minutes', value: -1 }, false],
    [{ metric: 'credit_usage', value: -50 }, true],
    [{ metric: 'credit_usage', value: 10_000_000_000_000_000 }, false],
  ])('takes %j as a metric value: %s', (v, want) => expect(ok(MetricPost, v)).toBe(want))

  it('refuses an empty opportunity name on lead conversion and a user with a role twice', () => {
    expect(ok(LeadConvert, { opportunityName: '  ' })).toBe(false)
    expect(ok(UserCreate, { email: 'a@b.test', name: 'A', roles: ['sales', 'sales'] })).toBe(false)
    expect(ok(UserCreate, { email: 'a@b.test', name: 'A', phone: 'call me' })).toBe(false)
    expect(ok(UserCreate, { email: 'a@b.test', name: 'A', phone: '+86 138-0000-0000' })).toBe(true)
  })
})
