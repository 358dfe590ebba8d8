import { describe, expect, it } from 'vitest'
import { filterQuery, filtersFromSearch, searchWithFilters } from './dashboard-filters'

describe('dashboard filters in the URL', () => {
  it('reads the known filters and drops a period that is not relative', () => {
    expect(filtersFromSearch(new URLSearchParams('ownerId=u1&period=this_quarter&tier=growth&x=1'))).toEqual({
      ownerId: 'u1',
      period: 'this_quarter',
      tier: 'growth',
    })
    expect(filtersFromSearch(new URLSearchParams('period=2020-01-01'))).toEqual({})
    expect(filtersFromSearch(new URLSearchParams('period=last_90_days')).period).toBe('last_90_days')
  })

  it('takes the saved filters the URL does not name, and an empty value clears one', () => {
    const saved = { period: 'this_month', tier: 'growth' }
    expect(filtersFromSearch(new URLSearchParams(''), saved)).toEqual(saved)
    expect(filtersFromSearch(new URLSearchParams('tier=&ownerId=u1'), saved)).toEqual({
      ownerId: 'u1',
      period: 'this_month',
    })
  })

  it('writes the filters, keeps other parameters and marks a cleared saved filter', () => {
    const s = searchWithFilters(
      new URLSearchParams('edit=1&tier=growth'),
      { period: 'this_year' },
      { ownerId: 'u1' },
    )
    expect(s.get('edit')).toBe('1')
    expect(s.has('tier')).toBe(false)
    expect(s.get('period')).toBe('this_year')
    expect(s.get('ownerId')).toBe('')
    expect(filterQuery({ tier: 'growth' })).toEqual({
      ownerId: '',
      teamId: '',
      period: '',
      tier: 'growth',
      segment: '',
    })
  })
})
