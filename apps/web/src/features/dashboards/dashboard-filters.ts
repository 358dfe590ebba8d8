import type { DashboardFilters } from '@openkam/contract'
import { RELATIVE_DATE } from '@openkam/contract'

// Apart from the grid's layout (dashboard-layout.ts): Home's north-star strip reads the filters without
// loading react-grid-layout.

/** The filter keys a dashboard keeps in the URL query, in the order the bar shows them. */
export const filterKeys = ['ownerId', 'teamId', 'period', 'tier', 'segment'] as const

/**
 * The filters in force: each one the URL names (an empty value clears the dashboard's saved one), else the
 * dashboard's saved default. A period that is not a relative period is dropped (a hand-edited link must not
 * make every widget fail).
 * @example filtersFromSearch(new URLSearchParams('tier=&period=this_year'), { tier: 'growth' }) // → { period: 'this_year' }
 */
export function filtersFromSearch(search: URLSearchParams, saved: DashboardFilters = {}): DashboardFilters {
  const out: DashboardFilters = {}
  for (const key of filterKeys) {
    const v = search.has(key) ? search.get(key)?.trim() : saved[key]
    if (!v) continue
    if (key === 'period' && !RELATIVE_DATE.test(v)) continue
    out[key] = v
  }
  return out
}

/**
 * The query with the filters set and every other parameter kept: a filter the dashboard saves but the
 * person cleared stays as an empty value, one equal to nothing saved is left out.
 */
export function searchWithFilters(
  search: URLSearchParams,
  filters: DashboardFilters,
  saved: DashboardFilters = {},
): URLSearchParams {
  const next = new URLSearchParams(search)
  for (const key of filterKeys) {
    const v = filters[key]
    if (v) next.set(key, v)
    else if (saved[key]) next.set(key, '')
    else next.delete(key)
  }
  return next
}

/** Every filter key with its value or empty (the data query overrides each saved filter). */
export const filterQuery = (filters: DashboardFilters): Record<string, string> =>
  Object.fromEntries(filterKeys.map((k) => [k, filters[k] ?? '']))
