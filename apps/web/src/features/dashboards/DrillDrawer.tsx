import { useMemo } from 'react'
import { useQuery } from '@tanstack/react-query'
import type { ReportQuery, ReportResult, SavedReport } from '@openkam/contract'
import { get } from '../../shared/api/client'
import { groupLabel, useFormatContext } from '../report-builder'
import { DrillDrawer as RecordsDrawer } from '../report-builder/DrillDrawer'
import { useReportFields } from '../report-builder/report-builder.queries'
import { drillOf } from './drill'
import type { DashboardFilters } from './dashboards.queries'

export type DrillTarget = {
  report: SavedReport
  /** The widget's answer, to name the clicked group. */
  result?: ReportResult
  group: Record<string, unknown>
  measureIndex?: number
  filters: DashboardFilters
}

/**
 * The report builder's drill-down drawer for a report widget: the records behind the clicked bar, slice
 * or cell, with the dashboard's filters applied as the widget applies them.
 */
export function DrillDrawer({ target, onClose }: { target: DrillTarget | null; onClose: () => void }) {
  const ctx = useFormatContext()
  const fields = useReportFields(target?.report.object)
  const teamId = target?.filters.teamId
  const team = useQuery({
    queryKey: ['teams', 'one', teamId ?? ''],
    queryFn: () => get<{ memberIds: string[] }>(`/teams/${teamId}`),
    enabled: !!teamId,
  })
  const query = useMemo<ReportQuery | null>(() => {
    if (!target || !fields.data || (teamId && !team.data)) return null
    const {
      group: _g,
      measure: _m,
      limit: _l,
      ...q
    } = drillOf(
      target.report,
      target.filters,
      fields.data.fields.map((f) => f.path),
      team.data?.memberIds,
      {},
    )
    return q
  }, [target, fields.data, teamId, team.data])
  const label = useMemo(() => {
    if (!target?.result) return ''
    const result = target.result
    return result.columns
      .filter((c) => c.role === 'group' && c.field && c.field in target.group)
      .map((c) => groupLabel(result, c, target.group[c.field!], ctx))
      .join(' · ')
  }, [target, ctx])
  return (
    <RecordsDrawer
      query={query}
      target={query && target ? { group: target.group, measureIndex: target.measureIndex, label } : null}
      fields={fields.data?.fields}
      onClose={onClose}
    />
  )
}
