import type { ConditionGroup, RoutingAssign } from '@openkam/contract'
import { systemPrincipal } from '../../../core/access/permissions'
import type { Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
import { accountCollection } from '../../accounts'
import { leastOpen, nextInTurn, reasonOf, type Member, type Outcome } from './routing'
import { enabledRules, lockTurn, personState, rememberTurn, teamMembersWithLoad } from './routing.repository'

type Row = Record<string, any>
type RoutedBy = {
  ruleId: string | null
  ruleName: string | null
  strategy: 'round_robin' | 'least_open' | 'named' | null
  reason: string
}

/*
 * The rule engine watches tickets (modules/rules imports this module), and approvals reach the rule
 * engine: both are loaded when a ticket is routed rather than when this module loads, so the import
 * cycle never sees a module half-evaluated.
 */
const ruleEngine = () => import('../../rules')
const approvals = () => import('../../approvals')

/** The ticket's account as conditions see it (`account.tier`, `account.custom.<key>`), or null. */
async function accountOf(tx: Executor, ctx: Ctx, id: unknown): Promise<Row | null> {
  if (typeof id !== 'string') return null
  try {
    const sys: Ctx = { ws: ctx.ws, principal: systemPrincipal(ctx.ws), events: ctx.events }
    return (await accountCollection.get(tx, sys, id)) as unknown as Row
  } catch {
    return null
  }
}

/** The members of a team with who is available now: active and not away (an approval delegation in force). */
async function membersOf(tx: Executor, ws: string, teamId: string, now: Date): Promise<Member[]> {
  const members = await teamMembersWithLoad(tx, ws, teamId)
  const away = await (
    await approvals()
  ).awayUserIds(
    tx,
    ws,
    members.map((m) => m.id),
    now,
  )
  return members.map((m) => ({
    id: m.id,
    name: m.name,
    open: m.open,
    available: m.active && !away.has(m.id),
  }))
}

/**
 * Routes a new ticket in its create transaction (the ticket collection's beforeInsert): the first
 * enabled rule whose condition the ticket and its account meet decides the team and the assignee; an
 * assignee given at creation is kept (the rule may still set the team). Returns the columns to store:
 * `assigneeId`, `teamId` and `routedBy` (which rule, which strategy, why).
 */
export async function routeNewTicket(tx: Executor, ctx: Ctx, row: Row, now = new Date()): Promise<Row> {
  const rules = await enabledRules(tx, ctx.ws)
  const { evaluateConditions } = await ruleEngine()
  const account = rules.length ? await accountOf(tx, ctx, row.accountId) : null
  const rule = rules.find(
    (r) => evaluateConditions((r.condition ?? {}) as ConditionGroup, { record: row, account, now }).matched,
  )
  const routed = (outcome: Outcome, strategy: RoutedBy['strategy'], extra: Row = {}): Row => ({
    ...extra,
    routedBy: {
      ruleId: rule?.id ?? null,
      ruleName: rule?.name ?? null,
      strategy,
      reason: reasonOf(outcome),
    } satisfies RoutedBy,
  })
  if (!rule)
    return row.assigneeId ? routed({ kind: 'kept', teamSet: false }, null) : routed({ kind: 'no_rule' }, null)
  const a = rule.assign as RoutingAssign
  const teamId = row.teamId ?? a.teamId ?? null
  const team: Row = teamId && teamId !== row.teamId ? { teamId } : {}
  const strategy = a.kind === 'user' ? 'named' : (a.strategy ?? 'round_robin')
  if (row.assigneeId) return routed({ kind: 'kept', teamSet: !!team.teamId }, strategy, team)
  if (a.kind === 'user') {
    const person = a.userId ? await personState(tx, ctx.ws, a.userId) : null
    const away = person?.active
      ? (await (await approvals()).awayUserIds(tx, ctx.ws, [a.userId!], now)).size
      : 1
    return away
      ? routed({ kind: 'named', available: false }, strategy, team)
      : routed({ kind: 'named', available: true }, strategy, { ...team, assigneeId: a.userId })
  }
  if (!a.teamId) return routed({ kind: 'nobody_available' }, strategy, team)
  if (strategy === 'least_open') {
    const pick = leastOpen(await membersOf(tx, ctx.ws, a.teamId, now))
    return pick
      ? routed({ kind: 'least_open', open: pick.open }, strategy, { ...team, assigneeId: pick.id })
      : routed({ kind: 'nobody_available' }, strategy, team)
  }
  const last = await lockTurn(tx, ctx.ws, rule.id)
  const members = await membersOf(tx, ctx.ws, a.teamId, now)
  const pick = nextInTurn(members, last)
  if (!pick) return routed({ kind: 'nobody_available' }, strategy, team)
  await rememberTurn(tx, ctx.ws, rule.id, pick.id)
  return routed({ kind: 'round_robin', available: members.filter((m) => m.available).length }, strategy, {
    ...team,
    assigneeId: pick.id,
  })
}
