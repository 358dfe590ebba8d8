import {
  alertRuleResource,
  BusinessCalendarUpdate,
  ApprovalFlowCreate,
  DashboardCreate,
  EffortCosts,
  NorthStar,
  healthModelResource,
  icpResource,
  ObjectDefinitionFile,
  PipelineCreate,
  PlaybookCreate,
  RuleCreate,
  SavedReportCreate,
  scoringModelResource,
  TicketRoutingRuleCreate,
  TierRulesUpdate,
} from '@openkam/contract'
import type { z } from 'zod'
import { alertRuleCollection } from '../alerts'
import { approvalFlowCollection } from '../approvals'
import { exportDefinitionFile, importDefinitionFile, loadCustomObjects, objectKeys } from '../fields'
import { healthModelCollection } from '../health'
import { createPipeline, pipelineCollection, updatePipeline } from '../pipelines'
import { icpCollection, scoringModelCollection } from '../qualification'
import {
  dashboardCollection,
  getEffortCosts,
  getNorthStar,
  savedReportCollection,
  setEffortCosts,
  setNorthStar,
} from '../reports'
import { playbookCollection, ruleCollection } from '../rules'
import { loadBusinessCalendar, routingRuleCollection, saveBusinessCalendar } from '../tickets'
import { evaluateTiers, loadTierRules, saveTierRules } from '../tiers'
import { AppError } from '../../core/errors'
import {
  collectionKind,
  issuesOf,
  settingsKind,
  singletonKind,
  type Item,
  type KindDef,
} from './template-kind'

type Shape = z.ZodObject<z.ZodRawShape>
const shape = (s: unknown) => s as Shape

/** Each object's custom fields and form layout, and the custom objects themselves (the fields module's file). */
const objects: KindDef = {
  kind: 'objects',
  async read(tx, ctx) {
    const custom = await loadCustomObjects(tx, ctx.ws)
    const out = []
    for (const key of await objectKeys(tx, ctx.ws)) {
      const f = await exportDefinitionFile(tx, ctx, key)
      if (!custom.has(key) && !f.fields.length && !f.layout) continue
      out.push({
        key,
        id: custom.get(key)?.id ?? key,
        version: 0,
        item: { key, object: f.object, fields: f.fields, layout: f.layout },
      })
    }
    return out
  },
  check(item) {
    const { key: _k, ...rest } = item
    const r = ObjectDefinitionFile.safeParse({ format: 'openkam.object.v1', ...rest })
    const errors = r.success ? [] : issuesOf(r.error)
    if (r.success && r.data.object.key !== item.key)
      errors.push({ path: 'object.key', message: `must be the item's key (${item.key})` })
    return errors
  },
  async write(tx, ctx, deps, item) {
    if (!deps.jobs) throw new Error('field definitions need the job queue')
    const { key, ...rest } = item
    await importDefinitionFile(tx, ctx, deps.jobs, { format: 'openkam.object.v1', ...rest } as never)
    return (await loadCustomObjects(tx, ctx.ws)).get(key)?.id ?? key
  },
}

const defaultFirst = (items: Item[]) =>
  [...items].sort((a, b) => Number(!!b.isDefault) - Number(!!a.isDefault))

/**
 * Every kind a template file carries, in the order an import applies them: a kind comes after the kinds
 * its items refer to (rules after pipelines and playbooks, dashboards after reports).
 */
export const templateKindDefs: KindDef[] = [
  objects,
  collectionKind({
    kind: 'pipelines',
    collection: pipelineCollection,
    schema: shape(PipelineCreate),
    create: createPipeline as never,
    update: updatePipeline,
    order: defaultFirst,
  }),
  collectionKind({ kind: 'playbooks', collection: playbookCollection, schema: shape(PlaybookCreate) }),
  collectionKind({
    kind: 'rules',
    collection: ruleCollection,
    schema: shape(RuleCreate),
    // A pipeline's SOP rules follow its stages: the pipeline brings them, the file does not carry them.
    include: (r) => !String(r.template ?? '').startsWith('sop_'),
  }),
  collectionKind({
    kind: 'health_models',
    collection: healthModelCollection,
    schema: shape(healthModelResource.Create),
    order: defaultFirst,
  }),
  collectionKind({
    kind: 'scoring_models',
    collection: scoringModelCollection,
    schema: shape(scoringModelResource.Create),
  }),
  collectionKind({ kind: 'icps', collection: icpCollection, schema: shape(icpResource.Create) }),
  collectionKind({
    kind: 'alert_rules',
    collection: alertRuleCollection,
    schema: shape(alertRuleResource.Create),
  }),
  collectionKind({
    kind: 'approval_flows',
    collection: approvalFlowCollection,
    schema: shape(ApprovalFlowCreate),
  }),
  singletonKind({
    kind: 'tier_rules',
    load: loadTierRules,
    schema: shape(TierRulesUpdate),
    save: saveTierRules,
    after: (tx, ctx) => evaluateTiers(tx, ctx, { reason: 'rules_changed' }),
  }),
  singletonKind({
    kind: 'business_calendar',
    load: loadBusinessCalendar,
    schema: shape(BusinessCalendarUpdate),
    save: saveBusinessCalendar,
  }),
  collectionKind({ kind: 'reports', collection: savedReportCollection, schema: shape(SavedReportCreate) }),
  collectionKind({ kind: 'dashboards', collection: dashboardCollection, schema: shape(DashboardCreate) }),
  collectionKind({
    kind: 'ticket_routing_rules',
    collection: routingRuleCollection,
    schema: shape(TicketRoutingRuleCreate),
  }),
  settingsKind({
    kind: 'north_star',
    load: async (tx, ctx) => {
      const s = await getNorthStar(tx, ctx)
      return s.metrics.length ? s : null
    },
    schema: shape(NorthStar),
    save: setNorthStar,
  }),
  settingsKind({
    kind: 'effort_costs',
    load: async (tx, ctx) => {
      const c = await getEffortCosts(tx, ctx)
      return Object.keys(c.hourlyRates).length || Object.keys(c.campaignSpend).length ? c : null
    },
    schema: shape(EffortCosts),
    save: setEffortCosts,
  }),
]

export const kindDef = (kind: string) => {
  const d = templateKindDefs.find((k) => k.kind === kind)
  if (!d) throw new AppError('invalid', 'invalid_input', `Unknown kind ${kind}`)
  return d
}
