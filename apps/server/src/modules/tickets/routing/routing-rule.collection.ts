import type { RoutingAssign, TicketRoutingRule } from '@openkam/contract'
import { Collection } from '../../../core/crud/collection'
import { baseRecord } from '../../../core/crud/mapping'
import type { Executor } from '../../../core/db/types'
import type { FieldError } from '../../../core/errors'
import { nextOrder, personState, teamExists } from './routing.repository'
import { ticketRoutingRules as rules } from './routing-rule.table'

type Row = Record<string, any>

export const routingRuleRecord = (r: Row): TicketRoutingRule => ({
  ...baseRecord(r),
  name: r.name,
  order: r.order,
  enabled: r.enabled,
  condition: r.condition ?? {},
  assign: r.assign,
})

const pick = (input: Row, keys: string[]) =>
  Object.fromEntries(keys.filter((k) => k in input).map((k) => [k, input[k] ?? null]))

/** See rules/validation.ts: loaded when a rule is checked, as the rule engine itself watches tickets. */
const ruleEngine = () => import('../../rules')

/**
 * Refuses a rule whose condition names a field tickets (or accounts) do not have, or whose target is
 * not a live team or an active person, or mixes the two kinds; each error names its path.
 */
export async function validateRoutingRule(tx: Executor, ws: string, c: Row): Promise<FieldError[]> {
  const { checkConditionGroup } = await ruleEngine()
  const errors = await checkConditionGroup(tx, ws, 'ticket', c.condition ?? {}, 'condition')
  const a = (c.assign ?? {}) as RoutingAssign
  if (a.kind === 'team') {
    if (!a.teamId) errors.push({ path: 'assign.teamId', message: 'name the team that takes these tickets' })
    if (!a.strategy)
      errors.push({
        path: 'assign.strategy',
        message: 'choose how the team shares them: round_robin or least_open',
      })
    if (a.userId)
      errors.push({
        path: 'assign.userId',
        message: 'a team target names no person; use kind "user" for a person',
      })
  } else {
    if (!a.userId) errors.push({ path: 'assign.userId', message: 'name the person who takes these tickets' })
    if (a.strategy)
      errors.push({
        path: 'assign.strategy',
        message: 'a strategy shares tickets within a team: use kind "team" with a teamId',
      })
  }
  if (a.teamId && !(await teamExists(tx, ws, a.teamId)))
    errors.push({ path: 'assign.teamId', message: 'no such team in this workspace' })
  if (a.userId) {
    const p = await personState(tx, ws, a.userId)
    if (!p) errors.push({ path: 'assign.userId', message: 'no such user in this workspace' })
    else if (!p.active)
      errors.push({ path: 'assign.userId', message: `${p.name} is deactivated: choose an active person` })
  }
  return errors
}

/** Ticket routing rules as a configuration collection: CRUD, soft delete and restore, audit, events. */
export const routingRuleCollection = new Collection<TicketRoutingRule, any, any>({
  name: 'ticket-routing-rules',
  entity: 'ticket_routing_rule',
  label: 'Routing rule',
  table: rules,
  toRecord: routingRuleRecord,
  toColumns: (input) => {
    const cols = pick(input, ['name', 'order', 'enabled', 'condition', 'assign'])
    if ('enabled' in cols && cols.enabled === null) cols.enabled = true
    if ('condition' in cols && cols.condition === null) cols.condition = {}
    if (cols.order === null) delete cols.order
    return cols
  },
  validate: async (tx, ctx, c) => validateRoutingRule(tx, ctx.ws, c),
  // A new rule goes last unless its place is given.
  beforeInsert: async (tx, ctx, row) => (row.order ? {} : { order: await nextOrder(tx, ctx.ws) }),
  sortable: {
    order: { column: rules.order, kind: 'number' },
    name: { column: rules.name, kind: 'string' },
    updatedAt: { column: rules.updatedAt, kind: 'date' },
  },
  filterable: { enabled: { column: rules.enabled, kind: 'boolean' } },
  search: [rules.name],
  defaultSort: 'order',
})
