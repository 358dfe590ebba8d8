import type { Ctx } from '../../core/context'
import { sql } from 'drizzle-orm'
import { systemPrincipal } from '../../core/access/permissions'
import type { Db, Executor } from '../../core/db/types'
import type { EventSink } from '../../core/events/bus'
import { handoffRuleTemplates } from '../handoffs'
import { alertRuleTemplates, installAlertTemplate } from '../alerts'
import { installPipelineTemplate } from '../pipelines'
import { installHealthTemplate } from '../health'
import { installQualificationTemplate } from '../qualification'
import { surveyRuleTemplates } from '../surveys'
import { ticketRatingRuleTemplates } from '../tickets'
import { installTierTemplate } from '../tiers'
import { slaRuleTemplates } from '../tickets'
import { installAutomationTemplate, installRuleTemplates } from '../rules'
import { addMissingRolePermissions } from '../users'
import { installApprovalTemplate } from '../approvals'
import { installDashboardTemplate, installNorthStarTemplate } from '../reports'
import { createWorkspace, workspaces, type NewWorkspace } from '../workspaces'
import type { JobQueue } from '../../core/jobs/jobs'
import type { TemplateFile } from '@openkam/contract'
import { builtInFile } from './builtin-templates'
import { importTemplate } from './template-file.service'

export { registerTemplateRoutes } from './template.routes'
export { builtInTemplates } from './builtin-templates'

type Lang = NewWorkspace['locale']

/**
 * The template parts every workspace has (SPEC R-32), in order. Each installs only what the workspace
 * lacks — it skips template keys the workspace has or had (deleted ones stay deleted) — so the same list
 * fills a new workspace and upgrades an older one when a release adds a part (`upgradeWorkspaces`).
 * A module adds its part here; its install function must be idempotent in that sense.
 */
const templateParts: { key: string; install(tx: Executor, ctx: Ctx, lang: Lang): Promise<unknown> }[] = [
  { key: 'automation', install: installAutomationTemplate },
  { key: 'pipeline', install: installPipelineTemplate },
  { key: 'handoff_rules', install: (tx, ctx, l) => installRuleTemplates(tx, ctx, handoffRuleTemplates(l)) },
  { key: 'survey_rules', install: (tx, ctx, l) => installRuleTemplates(tx, ctx, surveyRuleTemplates(l)) },
  { key: 'health', install: installHealthTemplate },
  { key: 'qualification', install: installQualificationTemplate },
  { key: 'alert_rules', install: installAlertTemplate },
  {
    key: 'alert_notify_rules',
    install: (tx, ctx, l) => installRuleTemplates(tx, ctx, alertRuleTemplates(l)),
  },
  { key: 'tier_rules', install: installTierTemplate },
  { key: 'approvals', install: installApprovalTemplate },
  { key: 'dashboards', install: installDashboardTemplate },
  { key: 'north_star', install: installNorthStarTemplate },
  { key: 'ticket_sla_rules', install: (tx, ctx, l) => installRuleTemplates(tx, ctx, slaRuleTemplates(l)) },
  {
    key: 'ticket_rating_rules',
    install: (tx, ctx, l) => installRuleTemplates(tx, ctx, ticketRatingRuleTemplates(l)),
  },
]

/**
 * A new workspace from the default template (SPEC R-32): the workspace and its built-in roles, then
 * every module's template part (automation rules and playbooks, the pipeline, handoff rules, …).
 * This module sits above the others so that none of them has to know the rest (the workspaces module is
 * imported by nearly every module and must stay a leaf).
 */
export async function createWorkspaceFromTemplate(
  tx: Executor,
  events: EventSink,
  input: NewWorkspace,
): Promise<Ctx> {
  const ctx = await createWorkspace(tx, events, input)
  for (const part of templateParts) await part.install(tx, ctx, input.locale)
  return ctx
}

/**
 * A new workspace from a built-in template: the default template, then (for any other) its template file
 * for the workspace's language imported over it — the same import as an uploaded file (docs/templates.md).
 */
export async function createWorkspaceFromBuiltIn(
  tx: Executor,
  events: EventSink,
  jobs: JobQueue,
  template: string,
  input: NewWorkspace,
): Promise<Ctx> {
  const ctx = await createWorkspaceFromTemplate(tx, events, input)
  const file = builtInFile(template, input.locale)
  if (file) await importTemplate(tx, ctx, { jobs }, file, true)
  return ctx
}

/** A new workspace from the default template with a template file imported over it (an operator's own file). */
export async function createWorkspaceFromFile(
  tx: Executor,
  events: EventSink,
  jobs: JobQueue,
  file: TemplateFile,
  input: NewWorkspace,
): Promise<Ctx> {
  const ctx = await createWorkspaceFromTemplate(tx, events, input)
  await importTemplate(tx, ctx, { jobs }, file, true)
  return ctx
}

const UPGRADE_LOCK = 4_242_003

/**
 * Brings every existing workspace up to the current template: installs the parts it lacks and gives its
 * built-in roles the permissions of collections added since. Runs at start-up after the migrations,
 * one workspace per transaction, serialised across processes by an advisory lock. Returns the number of
 * workspaces visited.
 */
export async function upgradeWorkspaces(db: Db, events: EventSink): Promise<number> {
  const list = await db.select({ id: workspaces.id, locale: workspaces.locale }).from(workspaces)
  for (const w of list) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${UPGRADE_LOCK})`)
      const ctx: Ctx = { ws: w.id, principal: systemPrincipal(w.id), events }
      await addMissingRolePermissions(tx, ctx)
      for (const part of templateParts) await part.install(tx, ctx, w.locale === 'en' ? 'en' : 'zh-CN')
    })
  }
  return list.length
}
