import { describe, expect, it } from 'vitest'
import type { TicketRoutingRule } from '@openkam/contract'
import { moved, newRoutingDraft, routingBody, routingDraft } from './routing-draft'

const rule = (assign: TicketRoutingRule['assign'], condition = {}): TicketRoutingRule =>
  ({ id: 'r', version: 1, name: 'R', order: 1, enabled: true, condition, assign }) as TicketRoutingRule

describe('routing rule drafts', () => {
  it('sends a team with its strategy, and a person with the ticket’s team only when chosen', () => {
    expect(routingBody({ ...newRoutingDraft(), name: 'A', teamId: 't', strategy: 'least_open' })).toEqual({
      name: 'A',
      enabled: true,
      condition: {},
      assign: { kind: 'team', teamId: 't', strategy: 'least_open' },
    })
    expect(routingBody({ ...newRoutingDraft(), kind: 'user', userId: 'u' }).assign).toEqual({
      kind: 'user',
      userId: 'u',
    })
    expect(routingBody({ ...newRoutingDraft(), kind: 'user', userId: 'u', teamId: 't' }).assign).toEqual({
      kind: 'user',
      userId: 'u',
      teamId: 't',
    })
  })

  it('reads a stored rule back into the same body', () => {
    const cond = { all: [{ field: 'priority', op: 'eq' as const, value: 'urgent' }] }
    const r = rule({ kind: 'team', teamId: 't', strategy: 'round_robin' }, cond)
    expect(routingBody(routingDraft(r))).toEqual({
      name: 'R',
      enabled: true,
      condition: cond,
      assign: r.assign,
    })
  })

  it('moves a rule one place, and not past either end', () => {
    expect(moved(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c'])
    expect(moved(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b'])
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c'])
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c'])
  })
})
