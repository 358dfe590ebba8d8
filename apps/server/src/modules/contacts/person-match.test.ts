import { describe, expect, it } from 'vitest'
import { PersonIndex, phoneKey, samePerson, type PersonKeys } from './person-match'

describe('phoneKey', () => {
  it.each([
    ['+86 139 1234 5678', '13912345678'],
    ['0086-139-1234-5678', '13912345678'],
    ['8613912345678', '13912345678'],
    ['139 1234 5678', '13912345678'],
    ['025-8456 7700', '02584567700'],
    ['+86 (25) 8456-7700', '02584567700'],
    ['+1 415 555 0100', '14155550100'],
    ['001 415 555 0100', '14155550100'],
    ['12-34', null],
    ['', null],
    [null, null],
  ])('reads %s as %s', (raw, key) => expect(phoneKey(raw)).toBe(key))
})

const p = (email: string | null, phone: string | null, name: string | null): PersonKeys => ({
  email,
  phone,
  name,
})

describe('samePerson', () => {
  it.each<[PersonKeys, PersonKeys, string | null]>([
    [p('li@x.cn', null, 'a'), p('li@x.cn', null, 'b'), 'email'],
    [p('li@x.cn', '139', 'a'), p('wang@x.cn', '139', 'a'), null],
    [p(null, '139', 'a'), p('wang@x.cn', '139', 'b'), 'phone'],
    [p('li@x.cn', null, 'a'), p(null, null, 'a'), 'name'],
    [p(null, '139', 'a'), p(null, '138', 'a'), 'name'],
    [p(null, null, null), p(null, null, null), null],
    [p(null, null, 'a'), p(null, null, 'b'), null],
  ])('compares %o and %o → %s', (a, b, on) => {
    expect(samePerson(a, b)).toBe(on)
    expect(samePerson(b, a)).toBe(on)
  })

  it('agrees with the importer’s index where no phone is given', () => {
    const people: [string | null, string][] = [
      ['li@x.cn', 'a'],
      [null, 'b'],
      ['wang@x.cn', 'b'],
      [null, 'c'],
    ]
    const probes: [string | null, string][] = [
      ['li@x.cn', 'z'],
      ['other@x.cn', 'a'],
      [null, 'a'],
      ['new@x.cn', 'b'],
      ['new@x.cn', 'c'],
      [null, 'z'],
    ]
    for (const [email, name] of probes) {
      const index = new PersonIndex()
      people.forEach(([e, n], i) => index.add(e, n, { row: i }))
      const found = index.find(email, name)
      const first = people.findIndex(([e, n]) => samePerson(p(email, null, name), p(e, null, n)))
      // The index prefers an e-mail match; otherwise the first person samePerson takes.
      const byMail = people.findIndex(([e]) => email !== null && e === email)
      const expected = byMail >= 0 ? byMail : first
      expect(found ? (found.of as { row: number }).row : -1, `${email} ${name}`).toBe(expected)
    }
  })
})
