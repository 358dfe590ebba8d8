import { describe, expect, it } from 'vitest'
import { emptyDraft, filterReady, operatorsFor, toQuery, type ReportDraft } from './report-draft'
import type { ReportFieldInfo } from './report-builder.queries'

const fields: ReportFieldInfo[] = [
  { path: 'tier', label: 'Tier', type: 'select', kind: 'text', options: [{ value: 'a', label: 'A' }] },
  { path: 'name', label: 'Name', type: 'text', kind: 'text' },
  { path: 'annualSpend', label: 'ARR', type: 'money', kind: 'number' },
  { path: 'createdAt', label: 'Created', type: 'datetime', kind: 'datetime' },
  { path: 'ownerId', label: 'Owner', type: 'user', kind: 'id' },
  { path: 'accountId', label: 'Account', type: 'relation', kind: 'id', relation: 'accounts' },
]
const byPath = (p: string) => fields.find((f) => f.path === p)

describe('report drafts', () => {
  it.each([
    ['tier', ['eq', 'neq', 'in', 'empty', 'not_empty']],
    ['name', ['eq', 'neq', 'contains', 'empty', 'not_empty']],
    ['annualSpend', ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'empty', 'not_empty']],
    ['accountId', ['empty', 'not_empty']],
    ['ownerId', ['eq', 'neq', 'in', 'empty', 'not_empty']],
  ])('offers the operators that fit %s', (path, ops) => expect(operatorsFor(byPath(path))).toEqual(ops))

  it.each([
    [{ field: 'tier', op: 'eq' as const, value: 'a' }, true],
    [{ field: 'tier', op: 'eq' as const }, false],
    [{ field: 'tier', op: 'in' as const, value: [] }, false],
    [{ field: 'tier', op: 'empty' as const }, true],
    [{ field: 'annualSpend', op: 'between' as const, value: [1, null] }, false],
    [{ field: 'annualSpend', op: 'between' as const, value: [1, 5] }, true],
    [{ field: 'createdAt', op: 'between' as const, value: 'last_30_days' }, true],
  ])('judges %j complete: %s', (f, ready) => expect(filterReady(f, byPath(f.field))).toBe(ready))

  it('sends only finished parts, buckets dates by month and keys clashing measures apart', () => {
    const d: ReportDraft = {
      ...emptyDraft('accounts'),
      filters: [
        { field: 'tier', op: 'eq', value: 'a' },
        { field: 'name', op: 'contains' },
      ],
      groupBy: [{ field: 'createdAt' }],
      measures: [
        { fn: 'sum', field: 'annualSpend' },
        { fn: 'sum', field: 'annualSpend', filters: [{ field: 'tier', op: 'eq', value: 'a' }] },
        { fn: 'sum' },
      ],
    }
    expect(toQuery(d, fields)).toEqual({
      object: 'accounts',
      filters: [{ field: 'tier', op: 'eq', value: 'a' }],
      groupBy: [{ field: 'createdAt', bucket: 'month' }],
      measures: [
        { fn: 'sum', field: 'annualSpend' },
        { fn: 'sum', field: 'annualSpend', filters: [{ field: 'tier', op: 'eq', value: 'a' }], key: 'm2' },
      ],
    })
  })

  it('drops groupings for a KPI and asks for the previous period', () => {
    const d: ReportDraft = {
      ...emptyDraft('accounts'),
      groupBy: [{ field: 'tier' }],
      chart: { type: 'kpi' },
      compare: true,
    }
    expect(toQuery(d, fields)).toMatchObject({ groupBy: [], compare: 'previous_period' })
  })

  it('waits for an object and a complete measure', () => {
    expect(toQuery(emptyDraft(), fields)).toBeNull()
    expect(toQuery({ ...emptyDraft('accounts'), measures: [{ fn: 'avg' }] }, fields)).toBeNull()
  })

  it('sends a field the person cannot see as it is, for the server to name', () => {
    const d: ReportDraft = {
      ...emptyDraft('accounts'),
      filters: [{ field: 'custom.secret', op: 'eq', value: 'x' }],
      groupBy: [{ field: 'custom.hidden' }],
      measures: [{ fn: 'sum', field: 'custom.margin' }],
    }
    expect(toQuery(d, fields)).toMatchObject({
      filters: [{ field: 'custom.secret', op: 'eq', value: 'x' }],
      groupBy: [{ field: 'custom.hidden' }],
      measures: [{ fn: 'sum', field: 'custom.margin' }],
    })
  })
})
