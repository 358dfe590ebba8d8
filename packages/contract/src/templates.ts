import { z } from 'zod'

/**
 * Workspace template files (SPEC R-32, docs/templates.md): a workspace's whole configuration as one
 * versioned JSON file — exported, previewed, imported; the built-in templates are such files too.
 */

export const TEMPLATE_FORMAT = 'openkam-template'
export const TEMPLATE_VERSION = 1

/** The kinds of configuration a template file carries, in the order an import applies them. */
export const templateKinds = [
  'objects',
  'pipelines',
  'playbooks',
  'rules',
  'health_models',
  'scoring_models',
  'icps',
  'alert_rules',
  'approval_flows',
  'tier_rules',
  'business_calendar',
  'reports',
  'dashboards',
  'ticket_routing_rules',
  'north_star',
  'effort_costs',
] as const
export type TemplateKind = (typeof templateKinds)[number]

/** One configuration item: its stable key and the fields its kind's create schema takes (checked on import). */
export const TemplateItem = z
  .looseObject({ key: z.string().trim().min(1, 'every item needs a key').max(300) })
  .meta({ id: 'TemplateItem' })

/** A reference the export could not keep (a user, a team): the value was removed, and this says where. */
export const TemplateNote = z
  .object({ kind: z.string(), key: z.string(), path: z.string(), note: z.string() })
  .meta({ id: 'TemplateNote' })

export const TemplateFile = z
  .object({
    format: z.string(),
    version: z.number(),
    exportedAt: z.string().optional(),
    name: z.string().max(200).default(''),
    description: z.string().max(2000).default(''),
    objects: z.record(z.string(), z.array(TemplateItem)),
    notes: z.array(TemplateNote).default([]),
  })
  .meta({ id: 'TemplateFile' })
export type TemplateFile = z.infer<typeof TemplateFile>

/** What an import did (or, for a preview, would do) to one kind: items by key. */
export const TemplateKindPlan = z
  .object({
    kind: z.string(),
    created: z.array(z.string()),
    changed: z.array(z.string()),
    unchanged: z.array(z.string()),
    /** Items the workspace has that the file does not name: an import leaves them as they are. */
    left: z.array(z.string()),
    /** The names of items whose key is not their name (a template key such as `sop`). */
    names: z.record(z.string(), z.string()).default({}),
  })
  .meta({ id: 'TemplateKindPlan' })

export const TemplatePlan = z
  .object({ applied: z.boolean(), kinds: z.array(TemplateKindPlan) })
  .meta({ id: 'TemplatePlan' })
export type TemplatePlan = z.infer<typeof TemplatePlan>

/** The workspace templates a first run (and a new workspace) can start from. */
export const BuiltInTemplate = z
  .object({
    key: z.string(),
    name: z.object({ en: z.string(), 'zh-CN': z.string() }),
    description: z.object({ en: z.string(), 'zh-CN': z.string() }),
  })
  .meta({ id: 'BuiltInTemplate' })
export type BuiltInTemplate = z.infer<typeof BuiltInTemplate>
