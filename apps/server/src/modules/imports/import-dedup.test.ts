import { describe, expect, it } from 'vitest'
import { AccountIndex, ContactIndex, LeadIndex, sameAccount, type AccountKey } from './import-dedup'

const A = '91110000000000000A'
const B = '91110000000000000B'

describe('sameAccount', () => {
  it.each<[AccountKey, AccountKey, string | null]>([
    [{ name: 'Acme', creditCode: A }, { name: 'Other', creditCode: A }, 'creditCode'],
    [{ name: 'Acme', creditCode: A }, { name: 'Acme', creditCode: B }, null],
    [{ name: 'Acme', domain: 'acme.cn' }, { name: 'Acme Ltd', domain: 'acme.cn' }, 'domain'],
    [{ name: 'Acme', domain: 'acme.cn', creditCode: A }, { name: 'X', domain: 'acme.cn' }, 'domain'],
    [{ name: 'Acme', domain: 'acme.cn' }, { name: 'Acme', domain: 'acme.com' }, null],
    [{ name: ' ACME ' }, { name: 'acme', creditCode: A }, 'name'],
    [{ name: '华锐' }, { name: '华锐精密' }, null],
  ])('compares %o and %o on the first key both carry → %s', (a, b, on) => {
    expect(sameAccount(a, b)).toBe(on)
    expect(sameAccount(b, a)).toBe(on)
  })
})

describe('AccountIndex', () => {
  it('finds what sameAccount would find, preferring credit code over domain over name', () => {
    const index = new AccountIndex()
    index.add({ name: 'Acme', creditCode: A }, { row: 2 })
    index.add({ name: 'Beta', domain: 'beta.cn' }, { row: 3 })
    index.add({ name: 'Gamma' }, { id: 'g', name: 'Gamma' })
    expect(index.find({ name: 'Zeta', creditCode: A })).toEqual({ on: 'creditCode', of: { row: 2 } })
    expect(index.find({ name: 'Acme', creditCode: B })).toBeNull()
    expect(index.find({ name: 'acme' })).toEqual({ on: 'name', of: { row: 2 } })
    expect(index.find({ name: 'Beta 2', domain: 'beta.cn', creditCode: B })).toEqual({
      on: 'domain',
      of: { row: 3 },
    })
    expect(index.find({ name: 'beta', domain: 'beta.com' })).toBeNull()
    expect(index.find({ name: 'GAMMA', domain: 'g.cn', creditCode: B })).toEqual({
      on: 'name',
      of: { id: 'g', name: 'Gamma' },
    })
  })
})

describe('ContactIndex', () => {
  it('matches contacts of the same account on e-mail when both have one, else on name', () => {
    const index = new ContactIndex()
    index.add({ accountId: 'a', name: 'Li Wei', email: 'li@x.cn' }, { row: 2 })
    index.add({ accountId: 'a', name: 'Wang' }, { row: 3 })
    expect(index.find({ accountId: 'a', name: 'Someone', email: 'LI@x.cn' })?.on).toBe('email')
    expect(index.find({ accountId: 'b', name: 'Li Wei', email: 'li@x.cn' })).toBeNull()
    expect(index.find({ accountId: 'a', name: 'li wei' })?.on).toBe('name')
    expect(index.find({ accountId: 'a', name: 'Li Wei', email: 'other@x.cn' })).toBeNull()
    expect(index.find({ accountId: 'a', name: 'wang', email: 'wang@x.cn' })).toEqual({
      on: 'name',
      of: { row: 3 },
    })
  })
})

describe('LeadIndex', () => {
  it('matches leads on e-mail when both have one, else on company and name', () => {
    const index = new LeadIndex()
    index.add({ name: 'Li Wei', company: 'Acme', email: 'li@acme.cn' }, { row: 2 })
    index.add({ name: 'Wang', company: null }, { id: 'w', name: 'Wang' })
    expect(index.find({ name: 'Someone', company: 'Other', email: 'LI@acme.cn' })).toEqual({
      on: 'email',
      of: { row: 2 },
    })
    expect(index.find({ name: 'li wei', company: 'ACME' })?.on).toBe('name')
    expect(index.find({ name: 'Li Wei', company: 'Acme', email: 'other@acme.cn' })).toBeNull()
    expect(index.find({ name: 'Li Wei', company: 'Beta' })).toBeNull()
    expect(index.find({ name: 'WANG', email: 'wang@x.cn' })).toEqual({
      on: 'name',
      of: { id: 'w', name: 'Wang' },
    })
    expect(index.find({ name: 'Wang', company: 'Acme' })).toBeNull()
  })
})
