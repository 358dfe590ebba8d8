import { describe, expect, it } from 'vitest'
import { evaluate, evaluateCondition, render, resolve, type RuleScope } from './conditions'
import { textLanguage } from './option-words'

const now = new Date('2026-06-15T12:00:00Z')
const scope: RuleScope = {
  record: {
    name: 'Deal A',
    stage: 'negotiation',
    amount: '1200000.00',
    annualSpend: { amount: '250000.00', currency: 'CNY' },
    tags: ['vip', 'east'],
    description: null,
    endDate: '2026-08-01',
    dueAt: '2026-06-10T12:00:00.000Z',
  },
  before: { stage: 'solution' },
  changed: ['stage'],
  account: { name: 'Acme', tier: 'strategic' },
  payload: { source: 'web' },
  now,
}
const ok = (field: string, op: any, value?: unknown) => evaluateCondition({ field, op, value }, scope).result

describe('field paths', () => {
  it('reads the record by bare name and other roots by prefix', () => {
    expect(resolve(scope, 'stage')).toBe('negotiation')
    expect(resolve(scope, 'record.stage')).toBe('negotiation')
    expect(resolve(scope, 'account.tier')).toBe('strategic')
    expect(resolve(scope, 'before.stage')).toBe('solution')
    expect(resolve(scope, 'payload.source')).toBe('web')
    expect(resolve(scope, 'annualSpend.amount')).toBe('250000.00')
    expect(resolve(scope, 'account.missing.deep')).toBeUndefined()
  })
})

describe('comparisons', () => {
  it('compares equal values across types, money by amount', () => {
    expect(ok('stage', 'eq', 'negotiation')).toBe(true)
    expect(ok('stage', 'ne', 'negotiation')).toBe(false)
    expect(ok('amount', 'eq', 1200000)).toBe(true)
    expect(ok('annualSpend', 'gte', 250000)).toBe(true)
    expect(ok('annualSpend', 'gt', 250000)).toBe(false)
    expect(ok('amount', 'lt', '1200000.01')).toBe(true)
    expect(ok('amount', 'lte', 1199999)).toBe(false)
  })
  it('compares dates', () => {
    expect(ok('endDate', 'gt', '2026-07-31')).toBe(true)
    expect(ok('endDate', 'lt', '2026-07-31')).toBe(false)
  })
  it('handles lists, text and emptiness', () => {
    expect(ok('stage', 'in', ['solution', 'negotiation'])).toBe(true)
    expect(ok('stage', 'not_in', ['solution', 'negotiation'])).toBe(false)
    expect(ok('tags', 'in', ['east'])).toBe(true)
    expect(ok('tags', 'contains', 'vip')).toBe(true)
    expect(ok('name', 'contains', 'deal')).toBe(true)
    expect(ok('description', 'is_empty')).toBe(true)
    expect(ok('name', 'is_empty')).toBe(false)
    expect(ok('missing', 'is_empty')).toBe(true)
    expect(ok('name', 'is_not_empty')).toBe(true)
    expect(ok('description', 'eq', null)).toBe(true)
  })
  it('knows what changed, from what and to what', () => {
    expect(ok('stage', 'changed')).toBe(true)
    expect(ok('amount', 'changed')).toBe(false)
    expect(ok('stage', 'changed_to', 'negotiation')).toBe(true)
    expect(ok('stage', 'changed_to', 'solution')).toBe(false)
    expect(ok('stage', 'changed_from', 'solution')).toBe(true)
    expect(ok('record.stage', 'changed_from', 'discovery')).toBe(false)
  })
  it('evaluates relative dates against now', () => {
    expect(ok('dueAt', 'within_last_days', 7)).toBe(true)
    expect(ok('dueAt', 'within_last_days', 4)).toBe(false)
    expect(ok('dueAt', 'more_than_days_ago', 4)).toBe(true)
    expect(ok('dueAt', 'more_than_days_ago', 5)).toBe(false)
    expect(ok('endDate', 'within_next_days', 60)).toBe(true)
    expect(ok('endDate', 'within_next_days', 30)).toBe(false)
    expect(ok('endDate', 'more_than_days_ahead', 30)).toBe(true)
    expect(ok('name', 'within_last_days', 7)).toBe(false)
  })
})

describe('groups', () => {
  it('needs every item of all and one of any, and traces every comparison', () => {
    const r = evaluate(
      {
        all: [
          { field: 'stage', op: 'eq', value: 'negotiation' },
          {
            any: [
              { field: 'account.tier', op: 'eq', value: 'growth' },
              { field: 'account.tier', op: 'eq', value: 'strategic' },
            ],
          },
        ],
      },
      scope,
    )
    expect(r.matched).toBe(true)
    expect(r.trace.map((t) => t.result)).toEqual([true, false, true])
    expect(r.trace[2]).toEqual({
      field: 'account.tier',
      op: 'eq',
      expected: 'strategic',
      actual: 'strategic',
      result: true,
    })
  })
  it('fails when any item of all fails, and holds when empty', () => {
    expect(evaluate({ all: [{ field: 'stage', op: 'eq', value: 'x' }] }, scope).matched).toBe(false)
    expect(evaluate({ any: [{ field: 'stage', op: 'eq', value: 'x' }] }, scope).matched).toBe(false)
    expect(evaluate({ all: [] }, scope).matched).toBe(true)
    expect(evaluate({}, scope).matched).toBe(true)
  })
})

describe('templates', () => {
  it('renders placeholders from every root', () => {
    expect(render('Draft the contract for {{record.name}} ({{ account.name }})', scope)).toBe(
      'Draft the contract for Deal A (Acme)',
    )
    expect(render('{{annualSpend}} / {{before.stage}} / {{nothing.here}}!', scope)).toBe(
      '250000.00 CNY / solution / !',
    )
  })

  it('writes moments as people read them, not in their stored ISO form', () => {
    const at = {
      record: { dueAt: '2026-12-04T22:45:17.480Z', day: '2026-12-04', sentAt: '2026-12-05T08:00:00+00:00' },
    }
    expect(render('due {{record.dueAt}} ({{record.day}}), sent {{record.sentAt}}', at as never)).toBe(
      'due 2026-12-04 22:45 UTC (2026-12-04), sent 2026-12-05 08:00 UTC',
    )
  })

  it('puts option values into words when given them, on every root and in lists', () => {
    const words = (root: string, parts: string[], v: unknown) =>
      root === 'account' && parts.join('.') === 'tier'
        ? ({ strategic: 'Strategic' } as Record<string, string>)[String(v)]
        : parts.join('.') === 'stage'
          ? ({ negotiation: 'Negotiation', solution: 'Solution' } as Record<string, string>)[String(v)]
          : undefined
    const s = { ...scope, record: { ...scope.record, tags: ['solution', 'other'] } }
    expect(render('{{stage}} / {{before.stage}} / {{account.tier}} / {{record.name}}', s, words)).toBe(
      'Negotiation / Solution / Strategic / Deal A',
    )
    // A value that is not an option of its field stays as it is.
    expect(render('{{record.tags}}', s, words)).toBe('solution, other')
  })
})

describe('the language of a rule text', () => {
  it('is Chinese with Chinese words, English with Latin ones, undecided with placeholders only', () => {
    expect(textLanguage('客户预警（{{record.severity}}）')).toBe('zh-CN')
    expect(textLanguage('{{record.priority}} ticket from {{account.name}}')).toBe('en')
    expect(textLanguage('{{record.name}} {{record.status}}')).toBeNull()
    expect(textLanguage('「{{record.name}}」 OK')).toBe('en')
  })
})
