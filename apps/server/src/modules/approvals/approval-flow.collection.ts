import { sql } from 'drizzle-orm'
import type { ApprovalFlow, ApprovalFlowStep, Condition, ConditionGroup } from '@openkam/contract'
import { systemPrincipal } from '../../core/access/permissions'
import { Collection } from '../../core/crud/collection'
import { baseRecord } from '../../core/crud/mapping'
import type { Executor } from '../../core/db/types'
import type { FieldError } from '../../core/errors'
import { getObject, objectExists } from '../fields'
import { missingUsers } from '../users'
import { forgetGoverned } from './approval-guard'
import { approvalFlows } from './approval.table'

type Row = Record<string, any>

export const flowRecord = (r: Row): ApprovalFlow => ({
  ...baseRecord(r),
  name: r.name,
  description: r.description ?? null,
  object: r.object,
  enabled: r.enabled,
  condition: r.condition ?? null,
  steps: r.steps ?? [],
  lockedFields: r.lockedFields ?? [],
  outcome: r.outcome ?? null,
  priority: r.priority ?? 100,
})

const pick = (input: Row, keys: string[]) =>
  Object.fromEntries(keys.filter((k) => k in input).map((k) => [k, input[k] ?? null]))

const conditionsOf = (g: ConditionGroup | null | undefined): Condition[] =>
  [...(g?.all ?? []), ...(g?.any ?? [])].flatMap((c) =>
    'field' in c ? [c as Condition] : conditionsOf(c as ConditionGroup),
  )

/** The field paths a flow may name on its object: its fields, `custom.<key>` for custom ones. */
async function fieldPaths(tx: Executor, ws: string, object: string): Promise<Set<string>> {
  const desc = await getObject(tx, { ws, principal: systemPrincipal(ws) } as any, object, 'en')
  return new Set(
    desc.fields.flatMap((f) => (f.custom ? [`custom.${f.key}`] : [f.key])).concat(['id', 'ownerId']),
  )
}

const pathHead = (path: string) => {
  const p = path.replace(/^record\./, '')
  return p.startsWith('custom.') ? p.split('.').slice(0, 2).join('.') : p.split('.')[0]!
}

/** Refuses a flow whose object, fields, people, roles or teams do not exist, naming each. */
export async function validateFlow(tx: Executor, ws: string, c: Row): Promise<FieldError[]> {
  const errors: FieldError[] = []
  if (!(await objectExists(tx, ws, c.object)))
    return [{ path: 'object', message: `no such object in this workspace: ${c.object}` }]
  const fields = await fieldPaths(tx, ws, c.object)
  const checkGroup = (g: ConditionGroup | null | undefined, at: string) =>
    conditionsOf(g).forEach((cond) => {
      if (!fields.has(pathHead(cond.field)))
        errors.push({ path: at, message: `${c.object} has no field ${cond.field}` })
    })
  checkGroup(c.condition, 'condition')
  const steps = (c.steps ?? []) as ApprovalFlowStep[]
  steps.forEach((s, i) => checkGroup(s.condition, `steps.${i}.condition`))
  for (const f of (c.lockedFields ?? []) as string[])
    if (!fields.has(pathHead(f)))
      errors.push({ path: 'lockedFields', message: `${c.object} has no field ${f}` })
  if (c.outcome && !fields.has(pathHead(c.outcome.field)))
    errors.push({ path: 'outcome.field', message: `${c.object} has no field ${c.outcome.field}` })
  const users = steps.flatMap((s) => s.approvers.flatMap((a) => (a.kind === 'user' ? [a.userId] : [])))
  const missing = await missingUsers(tx, ws, users)
  if (missing.length)
    errors.push({ path: 'steps', message: `no such user in this workspace: ${missing.join(', ')}` })
  const roles = steps.flatMap((s) => s.approvers.flatMap((a) => (a.kind === 'role' ? [a.role] : [])))
  if (roles.length) {
    const known = new Set(
      (
        (await tx.execute(
          sql`select key from roles where workspace_id = ${ws} and deleted_at is null`,
        )) as unknown as { rows: { key: string }[] }
      ).rows.map((r) => r.key),
    )
    const unknown = [...new Set(roles.filter((r) => !known.has(r)))]
    if (unknown.length) errors.push({ path: 'steps', message: `no such role: ${unknown.join(', ')}` })
  }
  const teams = steps.flatMap((s) =>
    s.approvers.flatMap((a) => (a.kind === 'team_manager' && a.teamId ? [a.teamId] : [])),
  )
  if (teams.length) {
    const found = (
      (await tx.execute(
        sql`select id from teams where workspace_id = ${ws} and deleted_at is null and id in (${sql.join(
          teams.map((t) => sql`${t}::uuid`),
          sql`, `,
        )})`,
      )) as unknown as { rows: { id: string }[] }
    ).rows.map((r) => r.id)
    const unknown = teams.filter((t) => !found.includes(t))
    if (unknown.length) errors.push({ path: 'steps', message: `no such team: ${unknown.join(', ')}` })
  }
  return errors
}

/** Approval flows as a configuration collection: CRUD, soft delete and restore, audit, events. */
export const approvalFlowCollection = new Collection<ApprovalFlow, any, any>({
  name: 'approval-flows',
  entity: 'approval_flow',
  label: 'Approval flow',
  table: approvalFlows,
  toRecord: flowRecord,
  toColumns: (input) => {
    const cols = pick(input, [
      'name',
      'description',
      'object',
      'enabled',
      'condition',
      'steps',
      'lockedFields',
      'outcome',
      'priority',
    ])
    if ('lockedFields' in cols && cols.lockedFields === null) cols.lockedFields = []
    if ('priority' in cols && cols.priority === null) cols.priority = 100
    if ('enabled' in cols && cols.enabled === null) cols.enabled = true
    return cols
  },
  validate: async (tx, ctx, c) => validateFlow(tx, ctx.ws, c),
  onChange: (ctx) => forgetGoverned(ctx.ws),
  sortable: {
    name: { column: approvalFlows.name, kind: 'string' },
    priority: { column: approvalFlows.priority, kind: 'number' },
    updatedAt: { column: approvalFlows.updatedAt, kind: 'date' },
    createdAt: { column: approvalFlows.createdAt, kind: 'date' },
  },
  filterable: {
    object: { column: approvalFlows.object, kind: 'string' },
    enabled: { column: approvalFlows.enabled, kind: 'boolean' },
  },
  search: [approvalFlows.name, approvalFlows.description],
  defaultSort: 'priority',
})
