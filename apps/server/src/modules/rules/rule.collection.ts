import { randomBytes } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { PlaybookStep, type Playbook, type Rule } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { baseRecord, iso } from '../../core/crud/mapping'
import { missingUsers } from '../users'
import { playbooks, rules, ruleVersions } from './rule.table'
import { validateRule } from './validation'

type Row = Record<string, any>
const base = baseRecord

export const ruleRecord = (r: Row): Rule => ({
  ...base(r),
  name: r.name,
  description: r.description ?? null,
  enabled: r.enabled,
  trigger: r.trigger,
  conditions: r.conditions ?? {},
  actions: r.actions ?? [],
  hookKey: r.hookKey ?? null,
  lastRunAt: iso(r.lastRunAt),
  runCount: r.runCount ?? 0,
  failedCount: r.failedCount ?? 0,
  template: r.template ?? null,
})

/** The definition of a rule as stored per version. */
export const definitionOf = (r: Row) => ({
  name: r.name,
  description: r.description ?? null,
  enabled: r.enabled,
  trigger: r.trigger,
  conditions: r.conditions ?? {},
  actions: r.actions ?? [],
})

const pick = (input: Row, keys: string[]) =>
  Object.fromEntries(keys.filter((k) => k in input).map((k) => [k, input[k] ?? null]))

/** Rules as a configuration collection: CRUD, audit, events, and a version snapshot on every write. */
export const ruleCollection = new Collection<Rule, any, any>({
  name: 'rules',
  entity: 'rule',
  label: 'Rule',
  table: rules,
  toRecord: ruleRecord,
  toColumns: (input) => pick(input, ['name', 'description', 'enabled', 'trigger', 'conditions', 'actions']),
  derive: (patch, before) => {
    if (!patch.trigger) return {}
    const t = patch.trigger
    return {
      triggerKind: t.kind,
      triggerEntity: t.entity ?? null,
      hookKey: before?.hookKey ?? (t.kind === 'webhook' ? randomBytes(18).toString('base64url') : null),
    }
  },
  validate: async (tx, ctx, c, before) => validateRule(tx, ctx.ws, c as any, before as any),
  async afterWrite(tx, ctx, id) {
    const [row] = await tx
      .select()
      .from(rules)
      .where(and(eq(rules.workspaceId, ctx.ws), eq(rules.id, id)))
    await tx
      .insert(ruleVersions)
      .values({
        workspaceId: ctx.ws,
        ruleId: id,
        version: row!.version,
        definition: definitionOf(row!),
        changedBy: ctx.principal.userId,
        changedAt: new Date(),
      })
      .onConflictDoNothing()
  },
  sortable: {
    name: { column: rules.name, kind: 'string' },
    updatedAt: { column: rules.updatedAt, kind: 'date' },
    createdAt: { column: rules.createdAt, kind: 'date' },
  },
  filterable: {
    enabled: { column: rules.enabled, kind: 'boolean' },
    triggerKind: { column: rules.triggerKind, kind: 'string' },
    triggerEntity: { column: rules.triggerEntity, kind: 'string' },
    template: { column: rules.template, kind: 'string' },
  },
  search: [rules.name, rules.description],
  defaultSort: 'name',
})

export const playbookRecord = (r: Row): Playbook => ({
  ...base(r),
  name: r.name,
  description: r.description ?? null,
  steps: r.steps ?? [],
  template: r.template ?? null,
})

export const playbookCollection = new Collection<Playbook, any, any>({
  name: 'playbooks',
  entity: 'playbook',
  label: 'Playbook',
  table: playbooks,
  toRecord: playbookRecord,
  toColumns: (input) => pick(input, ['name', 'description', 'steps']),
  validate: async (tx, ctx, c) => {
    const steps = (c.steps ?? []) as PlaybookStep[]
    const ids = steps.flatMap((s) => (s.assignee.kind === 'user' ? [s.assignee.userId] : []))
    const missing = await missingUsers(tx, ctx.ws, ids)
    return missing.length
      ? [{ path: 'steps', message: `no such user in this workspace: ${missing.join(', ')}` }]
      : []
  },
  sortable: {
    name: { column: playbooks.name, kind: 'string' },
    updatedAt: { column: playbooks.updatedAt, kind: 'date' },
  },
  filterable: {},
  search: [playbooks.name, playbooks.description],
  defaultSort: 'name',
})
