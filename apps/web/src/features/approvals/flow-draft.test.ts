import { describe, expect, it } from 'vitest'
import type { ApprovalFlow } from '@openkam/contract'
import { entityOfObject, flowBody, flowDraft, groupDraft, move, newFlow } from './flow-draft'

const flow = {
  id: '00000000-0000-4000-8000-000000000001',
  version: 3,
  name: 'Contract approval',
  description: null,
  object: 'contracts',
  enabled: true,
  condition: { all: [{ field: 'amount', op: 'gte', value: 0 }] },
  steps: [
    { name: 'Manager', mode: 'all', approvers: [{ kind: 'manager', levels: 1 }], deadlineHours: 48 },
    {
      name: 'Finance',
      mode: 'n_of_m',
      n: 2,
      approvers: [{ kind: 'role', role: 'finance' }],
      condition: { any: [{ field: 'amount', op: 'gte', value: 1_000_000 }] },
    },
  ],
  lockedFields: ['amount'],
  outcome: { field: 'status', pending: 'pending_approval', approved: 'approved', rejected: 'draft' },
  priority: 100,
} as unknown as ApprovalFlow

describe('approval flow drafts', () => {
  it('gives back the flow it was made from when nothing was edited', () => {
    const body = flowBody(flowDraft(flow))
    expect(body).toEqual({
      name: 'Contract approval',
      description: '',
      object: 'contracts',
      enabled: true,
      condition: flow.condition,
      steps: [
        { name: 'Manager', mode: 'all', approvers: [{ kind: 'manager', levels: 1 }], deadlineHours: 48 },
        {
          name: 'Finance',
          mode: 'n_of_m',
          n: 2,
          approvers: [{ kind: 'role', role: 'finance' }],
          condition: { any: [{ field: 'amount', op: 'gte', value: 1_000_000 }] },
        },
      ],
      lockedFields: ['amount'],
      outcome: flow.outcome,
      priority: 100,
    })
  })

  it('clears the entry condition with null and leaves out an empty step condition', () => {
    const d = newFlow('contracts')
    d.name = '  Quick  '
    const body = flowBody(d)
    expect(body.name).toBe('Quick')
    expect(body.condition).toBeNull()
    expect(body.steps[0]).not.toHaveProperty('condition')
    expect(body.outcome).toBeNull()
  })

  it('drops n when the mode is not n of m', () => {
    const d = flowDraft(flow)
    d.steps[1] = { ...d.steps[1]!, mode: 'any' }
    expect(flowBody(d).steps[1]).not.toHaveProperty('n')
  })

  it('keeps a group with both lists as all [..., any [...]]', () => {
    expect(
      groupDraft({
        all: [{ field: 'a', op: 'eq', value: 1 }],
        any: [{ field: 'b', op: 'eq', value: 2 }],
      }),
    ).toEqual({
      mode: 'all',
      items: [
        { field: 'a', op: 'eq', value: 1 },
        { mode: 'any', items: [{ field: 'b', op: 'eq', value: 2 }] },
      ],
    })
  })

  it.each([
    [[1, 2, 3], 0, -1, [1, 2, 3]],
    [[1, 2, 3], 0, 1, [2, 1, 3]],
    [[1, 2, 3], 2, -1, [1, 3, 2]],
    [[1, 2, 3], 2, 1, [1, 2, 3]],
  ])('moves %j item %i by %i to %j', (list, i, by, out) => {
    expect(move(list, i, by)).toEqual(out)
  })

  it.each([
    ['contracts', 'contract'],
    ['marketing-touches', 'marketing_touch'],
    ['site_visits', 'custom:site_visits'],
  ])('names object %s as rule entity %s', (object, entity) => {
    expect(entityOfObject(object)).toBe(entity)
  })
})
