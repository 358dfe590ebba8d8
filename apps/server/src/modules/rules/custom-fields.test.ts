import { describe, expect, it } from 'vitest'
import type { FieldDefinition } from '@openkam/contract'
import { evaluateCondition, fieldChanged, render, type RuleScope } from './conditions'
import { customOpProblem, splitFields } from './custom-fields'

const scope: RuleScope = {
  record: { name: 'Acme', custom: { erp: 'sap', credit: 5000, regions: ['east', 'north'] } },
  before: { custom: { erp: 'kingdee', credit: 5000 } },
  changed: ['custom'],
  account: null,
  now: new Date('2026-06-15T12:00:00Z'),
}
const ok = (field: string, op: any, value?: unknown) => evaluateCondition({ field, op, value }, scope).result

describe('custom fields in conditions', () => {
  it.each([
    ['custom.erp', 'eq', 'sap', true],
    ['record.custom.erp', 'in', ['sap', 'yonyou'], true],
    ['custom.credit', 'gte', 5000, true],
    ['custom.credit', 'lt', '4000', false],
    ['custom.regions', 'contains', 'east', true],
    ['custom.missing', 'is_empty', undefined, true],
    ['custom.erp', 'changed', undefined, true],
    ['custom.credit', 'changed', undefined, false],
    ['custom.erp', 'changed_from', 'kingdee', true],
    ['custom.erp', 'changed_to', 'sap', true],
    ['custom.credit', 'changed_to', 5000, false],
  ])('%s %s %j is %s', (field, op, value, expected) => expect(ok(field, op, value)).toBe(expected))

  it('says a nested path changed only when its own value differs', () => {
    const before = { custom: { erp: 'kingdee', note: 'a' } }
    const after = { custom: { erp: 'kingdee', note: 'b' } }
    expect(fieldChanged(['custom', 'note'], ['custom'], before, after)).toBe(true)
    expect(fieldChanged(['custom', 'erp'], ['custom'], before, after)).toBe(false)
    expect(fieldChanged(['custom', 'erp'], ['name'], before, { custom: { erp: 'sap' } })).toBe(false)
    expect(fieldChanged(['custom', 'erp'], ['custom'], { custom: {} }, { custom: { erp: 'sap' } })).toBe(true)
    expect(fieldChanged(['stage'], ['stage'], {}, {})).toBe(true)
  })

  it('renders custom values in texts', () => {
    expect(render('{{record.custom.erp}} / {{ custom.regions }} / {{before.custom.erp}}', scope)).toBe(
      'sap / east, north / kingdee',
    )
  })

  it('splits update_fields keys into built-in fields and custom values', () => {
    expect(splitFields({ name: 'x', 'custom.erp': 'sap' })).toEqual({
      builtIn: { name: 'x' },
      custom: { erp: 'sap' },
    })
  })
})

const def = (over: Partial<FieldDefinition>) =>
  ({ key: 'f', type: 'text', options: [], resultType: null, ...over }) as FieldDefinition

describe('operators by custom field type', () => {
  const erp = def({ key: 'erp', type: 'select', options: [{ value: 'sap', label: 'SAP' }] as any })
  it.each([
    [def({ type: 'date' }), 'within_last_days', 3, null],
    [def({ type: 'formula', resultType: 'date' }), 'more_than_days_ago', 3, null],
    [def({ type: 'text' }), 'within_next_days', 3, /not a date/],
    [def({ type: 'number' }), 'gt', 1, null],
    [def({ type: 'boolean' }), 'gt', 1, /greater or less/],
    [erp, 'in', ['sap'], null],
    [erp, 'eq', 'oracle', /oracle is not an option of erp/],
    [erp, 'is_empty', undefined, null],
  ])('%#: %s', (d, op, value, problem) => {
    const got = customOpProblem(d, op as any, value)
    if (problem === null) expect(got).toBeNull()
    else expect(got).toMatch(problem)
  })
})
