import { z } from 'zod'
import { ConditionGroup } from './automation'
import { Id, RecordBase, Version } from './common'

/**
 * Ticket routing (service desk): ordered rules that send every new ticket to a team or a person. The
 * first enabled rule whose condition the ticket (and its account) meets decides.
 */

/** How a team's ticket goes to one of its available members: in turn, or to whoever has the fewest open. */
export const ticketRoutingStrategies = ['round_robin', 'least_open'] as const
export type RoutingStrategy = (typeof ticketRoutingStrategies)[number]

/**
 * Where a matching ticket goes: a team (`teamId`, with a `strategy` choosing the member), or a named
 * person (`userId`; a `teamId` beside it sets the ticket's team too).
 */
export const RoutingAssign = z
  .object({
    kind: z.enum(['team', 'user']),
    teamId: Id.nullable().optional(),
    userId: Id.nullable().optional(),
    strategy: z.enum(ticketRoutingStrategies).nullable().optional(),
  })
  .strict()
  .meta({ id: 'RoutingAssign' })
export type RoutingAssign = z.infer<typeof RoutingAssign>

const ruleFields = {
  name: z.string().trim().min(1, 'must not be empty').max(200),
  /** Position in the list (1 first); a new rule goes last unless given. */
  order: z.number().int().min(1).max(10_000),
  enabled: z.boolean(),
  /**
   * The rule engine's condition language on the ticket (`type`, `priority`, `channel`, `custom.<key>`)
   * and its account (`account.tier`, `account.segment`, `account.custom.<key>`); empty = every ticket.
   */
  condition: ConditionGroup,
  assign: RoutingAssign,
}
export const TicketRoutingRule = RecordBase.extend(ruleFields).meta({ id: 'TicketRoutingRule' })
export type TicketRoutingRule = z.infer<typeof TicketRoutingRule>
export const TicketRoutingRuleCreate = z
  .object({
    ...ruleFields,
    order: ruleFields.order.optional(),
    enabled: ruleFields.enabled.default(true),
    condition: ConditionGroup.default({}),
    ownerId: Id.nullable().optional(),
  })
  .strict()
  .meta({ id: 'TicketRoutingRuleCreate' })
export const TicketRoutingRuleUpdate = z
  .object({
    version: Version,
    name: ruleFields.name.optional(),
    order: ruleFields.order.optional(),
    enabled: ruleFields.enabled.optional(),
    condition: ConditionGroup.optional(),
    assign: RoutingAssign.optional(),
    ownerId: Id.nullable().optional(),
  })
  .strict()
  .meta({ id: 'TicketRoutingRuleUpdate' })
export const ticketRoutingRuleResource = {
  Record: TicketRoutingRule,
  Create: TicketRoutingRuleCreate,
  Update: TicketRoutingRuleUpdate,
}

/** Puts the rules in this order (every rule of the workspace, each once). */
export const TicketRoutingReorder = z
  .object({ ids: z.array(Id).min(1, 'list the rules in their new order').max(500) })
  .strict()
  .meta({ id: 'TicketRoutingReorder' })
