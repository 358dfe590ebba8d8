import type { DashboardFilters, ReportDrill, ReportFilter, SavedReport } from '@openkam/contract'

/**
 * A report widget's drill-down with the dashboard's filters included, as the server applies them to the
 * widget: owner and team on the record's owner, the period on the report's date field (its creation time
 * by default), tier and segment on the record's own field or its account's. A filter the object has no
 * field for is left out, as on the dashboard.
 * @example drillOf(report, { tier: 'growth' }, ['ownerId', 'accountId.tier'], [], { tier: 'strategic' })
 *   // → { …report's query, filters: [...report.filters, { field: 'accountId.tier', op: 'eq', value: 'growth' }], group: { tier: 'strategic' } }
 */
export function drillOf(
  report: SavedReport,
  filters: DashboardFilters,
  fields: readonly string[],
  teamMemberIds: readonly string[] | undefined,
  group: Record<string, unknown>,
  measure?: number,
): ReportDrill {
  const has = new Set(fields)
  const extra: ReportFilter[] = []
  if (has.has('ownerId')) {
    if (filters.ownerId) extra.push({ field: 'ownerId', op: 'eq', value: filters.ownerId })
    // Nobody in the team: a value no owner has, so nothing matches (as on the dashboard).
    if (filters.teamId && teamMemberIds)
      extra.push({
        field: 'ownerId',
        op: 'in',
        value: teamMemberIds.length ? [...teamMemberIds] : ['00000000-0000-0000-0000-000000000000'],
      })
  }
  const dateField = report.dateField ?? 'createdAt'
  if (filters.period && has.has(dateField)) extra.push({ field: dateField, op: 'eq', value: filters.period })
  for (const key of ['tier', 'segment'] as const) {
    const v = filters[key]
    if (!v) continue
    const field = has.has(key) ? key : has.has(`accountId.${key}`) ? `accountId.${key}` : null
    if (field) extra.push({ field, op: 'eq', value: v })
  }
  const scalar = (v: unknown) =>
    v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v)
  return {
    object: report.object,
    filters: [...report.filters, ...extra],
    groupBy: report.groupBy,
    measures: report.measures,
    group: Object.fromEntries(Object.entries(group).map(([k, v]) => [k, scalar(v)])),
    ...(measure !== undefined ? { measure } : {}),
    limit: 50,
  }
}
