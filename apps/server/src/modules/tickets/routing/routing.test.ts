import { describe, expect, it } from 'vitest'
import { leastOpen, nextInTurn, reasonIn, reasonOf, type Member } from './routing'

const m = (id: string, name: string, open = 0, available = true): Member => ({ id, name, open, available })
const ann = m('a', 'Ann', 2)
const bob = m('b', 'Bob', 1)
const cat = m('c', 'Cat', 3)

describe('round robin', () => {
  it.each([
    [null, 'a'],
    ['a', 'b'],
    ['b', 'c'],
    ['c', 'a'],
    ['gone', 'a'],
  ])('after %s comes %s, in name order whatever the input order', (last, next) =>
    expect(nextInTurn([cat, ann, bob], last)?.id).toBe(next),
  )

  it('skips members who are not available, and finds nobody when none is', () => {
    expect(nextInTurn([ann, { ...bob, available: false }, cat], 'a')?.id).toBe('c')
    expect(nextInTurn([ann, { ...bob, available: false }, cat], 'b')?.id).toBe('c')
    expect(nextInTurn([{ ...ann, available: false }], null)).toBeNull()
    expect(nextInTurn([], null)).toBeNull()
  })
})

describe('least open tickets', () => {
  it('picks the available member with the fewest, ties by name then id', () => {
    expect(leastOpen([ann, bob, cat])?.id).toBe('b')
    expect(leastOpen([ann, { ...bob, available: false }, cat])?.id).toBe('a')
    expect(leastOpen([m('z', 'Same', 1), m('y', 'Same', 1), m('x', 'Zed', 1)])?.id).toBe('y')
    expect(leastOpen([{ ...ann, available: false }])).toBeNull()
  })
})

describe('reasons', () => {
  it.each([
    [{ kind: 'no_rule' } as const, '没有匹配的分派规则：未分派'],
    [{ kind: 'least_open', open: 2 } as const, '未结工单最少（2）'],
    [{ kind: 'round_robin', available: 3 } as const, '轮流分派（3 位可用成员中的下一位）'],
    [{ kind: 'named', available: true } as const, '指定人员'],
    [{ kind: 'kept', teamSet: true } as const, '保留创建时指定的处理人；团队由规则设定'],
    [{ kind: 'nobody_available' } as const, '团队中没有可用成员：未分派'],
  ])('are stored in English and read in Chinese: %j', (o, zh) => {
    expect(reasonIn(reasonOf(o), 'en')).toBe(reasonOf(o))
    expect(reasonIn(reasonOf(o), 'zh-CN')).toBe(zh)
  })
})
