import type { DashboardFilters, ReportQueryParsed, ReportResult } from '@openkam/contract'
import type { Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
import { AppError } from '../../../core/errors'

export type Lang = 'en' | 'zh-CN'
export type RunOptions = {
  lang?: Lang
  /** A dashboard's filters, mapped onto the report's own fields. */
  dashboard?: DashboardFilters
  /** The field the dashboard's period applies to (the saved report's `dateField`). */
  dateField?: string | null
}

/** Runs a report query over the rows the caller may see. */
export async function runReport(
  _tx: Executor,
  _ctx: Ctx,
  query: ReportQueryParsed,
  _opts: RunOptions = {},
): Promise<ReportResult> {
  throw new AppError('unprocessable', 'report_unavailable', `Reports on ${query.object} are being written`)
}
