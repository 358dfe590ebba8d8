import {
  opportunityStages,
  RuleCreate,
  type ConditionGroup,
  type PipelineStage,
  type Rule,
} from '@openkam/contract'
import { systemPrincipal } from '../../core/access/permissions'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { ruleCollection } from '../rules'
import { livePipelines, setRuleTemplate } from './pipeline.repository'

type SopPipeline = { id: string; name: string; isDefault: boolean; stages: PipelineStage[] }
type RuleInput = ReturnType<typeof RuleCreate.parse>
export type SopRule = { pipelineId: string; stage: string; template: string; rule: RuleInput }

/** `sop_<stage>` for stage entries; `sop_created` for the first stage's tasks of a new deal. */
export const sopTemplates = [...opportunityStages.map((s) => `sop_${s}`), 'sop_created']

/** The default pipeline's rules also serve opportunities without a pipeline of their own. */
export const pipelineCondition = (p: { id: string; isDefault: boolean }): ConditionGroup =>
  p.isDefault
    ? {
        any: [
          { field: 'pipelineId', op: 'is_empty' },
          { field: 'pipelineId', op: 'eq', value: p.id },
        ],
      }
    : { all: [{ field: 'pipelineId', op: 'eq', value: p.id }] }

/**
 * The rules that create a pipeline's standard tasks: one per stage with tasks, firing when an
 * opportunity of the pipeline enters that stage and creating each task with source `sop`; and one for
 * the first stage, firing when a deal is created in it (a new deal enters its first stage without a
 * stage change). The created-rule's link stage is `<stage>@created`.
 */
export function sopRulesOf(p: SopPipeline): SopRule[] {
  const zh = /[\u4e00-\u9fff]/.test(p.name + p.stages.map((s) => s.name).join(''))
  const describe = (name: string) =>
    zh
      ? `进入「${name}」阶段时创建该阶段的标准任务。由销售流程维护：请在「设置 → 销售流程」中修改。`
      : `Creates the standard tasks of “${name}” when a deal enters it. Kept in step with the pipeline: change it in Settings → Pipelines.`
  const actionsOf = (s: PipelineStage) =>
    s.tasks.map((task) => ({ type: 'create_task', task, source: 'sop' }))
  const entering = p.stages
    .filter((s) => s.tasks.length > 0)
    .map((s) => ({
      pipelineId: p.id,
      stage: s.key,
      template: `sop_${s.key}`,
      rule: RuleCreate.parse({
        name: `SOP · ${p.name} · ${s.name}`.slice(0, 200),
        description: describe(s.name),
        trigger: { kind: 'stage_changed', entity: 'opportunity', to: s.key },
        conditions: pipelineCondition(p),
        actions: actionsOf(s),
      }),
    }))
  const first = p.stages[0]
  if (!first || first.tasks.length === 0) return entering
  const created: SopRule = {
    pipelineId: p.id,
    stage: `${first.key}@created`,
    template: 'sop_created',
    rule: RuleCreate.parse({
      name: `SOP · ${p.name} · ${first.name} · ${zh ? '新商机' : 'new deal'}`.slice(0, 200),
      description: describe(first.name),
      trigger: { kind: 'record_created', entity: 'opportunity' },
      // Renewal drafts come from the renewal scan, which gives them their own re-check task; a deal
      // recorded as already won or lost has no first stage to work.
      conditions: {
        all: [
          { field: 'stage', op: 'eq', value: first.key },
          { field: 'type', op: 'ne', value: 'renewal' },
          { field: 'status', op: 'eq', value: 'open' },
          pipelineCondition(p),
        ],
      },
      actions: actionsOf(first),
    }),
  }
  return [...entering, created]
}

/** JSON with sorted keys and without undefined members: stored JSONB reorders keys. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(
          Object.keys(x)
            .sort()
            .filter((k) => x[k] !== undefined)
            .map((k) => [k, x[k]]),
        )
      : x,
  )

const definition = (r: Pick<Rule, 'name' | 'description' | 'trigger' | 'conditions' | 'actions'>) =>
  canonical({
    name: r.name,
    description: r.description ?? null,
    trigger: r.trigger,
    conditions: r.conditions,
    actions: r.actions,
  })

type SopLink = { pipelineId?: string; stage?: string }
const linkOf = (r: Rule) => ((r.custom as { sop?: SopLink }).sop ?? {}) as SopLink

/**
 * Keeps the SOP rules in step with the workspace's pipelines, through the rules collection (so every
 * change is validated, versioned and audited): creates the missing ones, updates changed ones, enables
 * those a stage needs and disables those of stages without tasks or of deleted pipelines.
 * Runs as the system: the rules follow from a pipeline change the person was allowed to make.
 */
export async function syncSopRules(tx: Executor, ctx: Ctx) {
  const sys: Ctx = {
    ws: ctx.ws,
    principal: systemPrincipal(ctx.ws),
    events: ctx.events,
    requestId: ctx.requestId,
  }
  const existing = (await ruleCollection.list(tx, sys, { limit: 500, template: sopTemplates.join(',') }))
    .data as Rule[]
  const byLink = new Map(existing.map((r) => [`${linkOf(r).pipelineId}:${linkOf(r).stage}`, r]))
  const wanted = new Set<string>()
  for (const p of await livePipelines(tx, ctx.ws)) {
    for (const s of sopRulesOf(p)) {
      const link = `${s.pipelineId}:${s.stage}`
      wanted.add(link)
      const cur = byLink.get(link)
      if (!cur) {
        const rec = await ruleCollection.create(tx, sys, {
          ...s.rule,
          custom: { sop: { pipelineId: s.pipelineId, stage: s.stage } },
        })
        await setRuleTemplate(tx, ctx.ws, rec.id, s.template)
      } else if (!cur.enabled || definition(cur) !== definition(s.rule as Rule)) {
        await ruleCollection.update(tx, sys, cur.id, { version: cur.version, ...s.rule, enabled: true })
      }
    }
  }
  for (const r of existing) {
    if (r.enabled && !wanted.has(`${linkOf(r).pipelineId}:${linkOf(r).stage}`))
      await ruleCollection.update(tx, sys, r.id, { version: r.version, enabled: false })
  }
}
