import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import type { EventSink } from '../../core/events/bus'
import { handoffRuleTemplates } from '../handoffs'
import { installPipelineTemplate } from '../pipelines'
import { installAutomationTemplate, installRuleTemplates } from '../rules'
import { createWorkspace, type NewWorkspace } from '../workspaces'

/**
 * A new workspace from the default template (SPEC R-32): the workspace and its built-in roles, then
 * every module's template part — today the automation rules and playbooks; later the pipeline, scoring
 * and health models, tiers and dashboards. This module sits above the others so that none of them has to
 * know the rest (the workspaces module is imported by nearly every module and must stay a leaf).
 */
export async function createWorkspaceFromTemplate(
  tx: Executor,
  events: EventSink,
  input: NewWorkspace,
): Promise<Ctx> {
  const ctx = await createWorkspace(tx, events, input)
  await installAutomationTemplate(tx, ctx, input.locale)
  await installPipelineTemplate(tx, ctx, input.locale)
  await installRuleTemplates(tx, ctx, handoffRuleTemplates(input.locale))
  return ctx
}
