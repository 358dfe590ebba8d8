import { and, asc, count, eq, inArray, isNull, max } from 'drizzle-orm'
import type { Executor } from '../../../core/db/types'
import { userTables } from '../../users'
import { tickets } from '../ticket.table'
import { ticketRoutingRules as rules } from './routing-rule.table'

const { users, teams, teamMembers } = userTables

/** The workspace's enabled routing rules, first first. */
export const enabledRules = (tx: Executor, ws: string) =>
  tx
    .select()
    .from(rules)
    .where(and(eq(rules.workspaceId, ws), eq(rules.enabled, true), isNull(rules.deletedAt)))
    .orderBy(asc(rules.order), asc(rules.createdAt), asc(rules.id))

/** Every rule of the workspace (not deleted), first first: what a reorder must list. */
export const liveRules = (tx: Executor, ws: string) =>
  tx
    .select({ id: rules.id, order: rules.order, version: rules.version })
    .from(rules)
    .where(and(eq(rules.workspaceId, ws), isNull(rules.deletedAt)))
    .orderBy(asc(rules.order), asc(rules.createdAt), asc(rules.id))

/** The position after the last rule. */
export async function nextOrder(tx: Executor, ws: string): Promise<number> {
  const [r] = await tx
    .select({ last: max(rules.order) })
    .from(rules)
    .where(and(eq(rules.workspaceId, ws), isNull(rules.deletedAt)))
  return Number(r?.last ?? 0) + 1
}

/**
 * Who had the rule's last ticket, reading the rule's row under a lock held until the transaction ends:
 * concurrent tickets routed by the same rule take their turns one after another.
 */
export async function lockTurn(tx: Executor, ws: string, ruleId: string): Promise<string | null> {
  const [r] = await tx
    .select({ last: rules.lastAssigneeId })
    .from(rules)
    .where(and(eq(rules.workspaceId, ws), eq(rules.id, ruleId)))
    .for('update')
  return r?.last ?? null
}

/** Remembers who got the rule's ticket (not a change of the rule: no version, audit or event). */
export const rememberTurn = (tx: Executor, ws: string, ruleId: string, userId: string) =>
  tx
    .update(rules)
    .set({ lastAssigneeId: userId })
    .where(and(eq(rules.workspaceId, ws), eq(rules.id, ruleId)))

/** A team's members with whether they are active, and their open tickets (new, open, pending). */
export async function teamMembersWithLoad(tx: Executor, ws: string, teamId: string) {
  const members = await tx
    .select({ id: users.id, name: users.name, active: users.active, deletedAt: users.deletedAt })
    .from(teamMembers)
    .innerJoin(users, and(eq(users.workspaceId, teamMembers.workspaceId), eq(users.id, teamMembers.userId)))
    .where(and(eq(teamMembers.workspaceId, ws), eq(teamMembers.teamId, teamId)))
  const open = await openTickets(
    tx,
    ws,
    members.map((m) => m.id),
  )
  return members.map((m) => ({
    id: m.id,
    name: m.name,
    active: m.active && !m.deletedAt,
    open: open.get(m.id) ?? 0,
  }))
}

/** Open tickets (new, open, pending) per assignee. */
export async function openTickets(tx: Executor, ws: string, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map()
  const rows = await tx
    .select({ id: tickets.assigneeId, n: count() })
    .from(tickets)
    .where(
      and(
        eq(tickets.workspaceId, ws),
        inArray(tickets.assigneeId, ids),
        inArray(tickets.status, ['new', 'open', 'pending']),
        isNull(tickets.deletedAt),
      ),
    )
    .groupBy(tickets.assigneeId)
  return new Map(rows.map((r) => [r.id!, Number(r.n)]))
}

/** A person of the workspace: whether they exist (not deleted) and are active. */
export async function personState(tx: Executor, ws: string, id: string) {
  const [u] = await tx
    .select({ active: users.active, name: users.name })
    .from(users)
    .where(and(eq(users.workspaceId, ws), eq(users.id, id), isNull(users.deletedAt)))
  return u ?? null
}

/** Whether a team exists in the workspace (not deleted). */
export async function teamExists(tx: Executor, ws: string, id: string): Promise<boolean> {
  const found = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.workspaceId, ws), eq(teams.id, id), isNull(teams.deletedAt)))
  return found.length > 0
}
