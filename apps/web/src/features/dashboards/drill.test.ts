import { describe, expect, it } from 'vitest'
import type { SavedReport } from '@openkam/contract'
import { drillOf } from './drill'

const report = {
  id: '00000000-0000-0000-0000-000000000001',
  name: 'ARR by tier',
  object: 'opportunities',
  filters: [{ field: 'status', op: 'eq', value: 'won' }],
  groupBy: [{ field: 'accountId.tier' }],
  measures: [{ fn: 'sum', field: 'amount' }],
  dateField: 'closeDate',
} as unknown as SavedReport

describe('a dashboard widget drill-down', () => {
  it('adds the dashboard filters the object has fields for', () => {
    const d = drillOf(
      report,
      { ownerId: 'u1', period: 'this_quarter', tier: 'growth', segment: 'Retail' },
      ['ownerId', 'closeDate', 'accountId.tier', 'accountId.segment'],
      undefined,
      { 'accountId.tier': 'growth' },
      0,
    )
    expect(d.filters).toEqual([
      { field: 'status', op: 'eq', value: 'won' },
      { field: 'ownerId', op: 'eq', value: 'u1' },
      { field: 'closeDate', op: 'eq', value: 'this_quarter' },
      { field: 'accountId.tier', op: 'eq', value: 'growth' },
      { field: 'accountId.segment', op: 'eq', value: 'Retail' },
    ])
    expect(d.group).toEqual({ 'accountId.tier': 'growth' })
    expect(d.measure).toBe(0)
  })

  it('prefers the record’s own tier, maps a team to its members and leaves out what the object lacks', () => {
    const d = drillOf(
      { ...report, object: 'accounts', dateField: null, filters: [] },
      { teamId: 't1', tier: 'growth', period: 'this_year' },
      ['ownerId', 'tier', 'accountId.tier'],
      ['u1', 'u2'],
      {},
    )
    expect(d.filters).toEqual([
      { field: 'ownerId', op: 'in', value: ['u1', 'u2'] },
      { field: 'tier', op: 'eq', value: 'growth' },
    ])
    expect('measure' in d).toBe(false)
  })
})
