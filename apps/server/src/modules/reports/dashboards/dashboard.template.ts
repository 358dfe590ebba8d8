import { and, eq, isNotNull } from 'drizzle-orm'
import type { Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
// eslint-disable-next-line no-restricted-imports -- the engine is a folder of this module (reports)
import { savedReportCollection } from '../engine/saved-report.collection'
import { dashboards, savedReports } from '../report.table'
import { dashboardBody, dashboardTemplates, reportBody, reportTemplates } from './dashboard.defaults'
import { dashboardCollection } from './dashboard.collection'

type Lang = 'en' | 'zh-CN'

/** Template keys the workspace has or had (deleted ones too), with the id and whether the row is live. */
async function templateRows(tx: Executor, ws: string, table: typeof savedReports | typeof dashboards) {
  const rows = await tx
    .select({ id: table.id, template: table.template, deletedAt: table.deletedAt })
    .from(table)
    .where(and(eq(table.workspaceId, ws), isNotNull(table.template)))
  return new Map(rows.map((r) => [r.template!, { id: r.id, live: !r.deletedAt }]))
}

/**
 * Installs the built-in reports and dashboards (issue 17.6) a workspace lacks, in its language, shared with
 * everyone: editable copies — a template key the workspace has or had is skipped (deleted ones stay
 * deleted), and a dashboard leaves out the widgets of built-in reports that were deleted.
 */
export async function installDashboardTemplate(tx: Executor, ctx: Ctx, lang: Lang) {
  const reports = await templateRows(tx, ctx.ws, savedReports)
  const ids = new Map<string, string>()
  for (const t of reportTemplates) {
    const had = reports.get(t.key)
    if (had) {
      if (had.live) ids.set(t.key, had.id)
      continue
    }
    ids.set(t.key, (await savedReportCollection.create(tx, ctx, reportBody(t, lang))).id)
  }
  const boards = await templateRows(tx, ctx.ws, dashboards)
  for (const t of dashboardTemplates) {
    if (boards.has(t.key)) continue
    await dashboardCollection.create(tx, ctx, { ...dashboardBody(t, lang, ids), template: t.key })
  }
}
