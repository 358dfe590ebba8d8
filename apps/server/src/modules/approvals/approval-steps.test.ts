import { describe, expect, it } from 'vitest'
import {
  actingFor,
  deciders,
  escalationDue,
  planSteps,
  reminderDue,
  required,
  startNext,
  tally,
  type StepState,
  type Vote,
} from './approval-steps'

const now = new Date('2026-12-01T08:00:00Z')
const step = (over: Partial<StepState> = {}): StepState => ({
  name: 's',
  mode: 'all',
  n: null,
  status: 'pending',
  approverIds: ['a', 'b', 'c'],
  escalatedTo: [],
  deadlineHours: null,
  startedAt: now.toISOString(),
  dueAt: null,
  remindedAt: null,
  escalatedAt: null,
  completedAt: null,
  ...over,
})
const yes = (id: string): Vote => ({ approverId: id, decision: 'approve' })
const no = (id: string): Vote => ({ approverId: id, decision: 'reject' })

describe('approval steps', () => {
  it.each([
    ['all', null, [yes('a'), yes('b')], 'pending'],
    ['all', null, [yes('a'), yes('b'), yes('c')], 'approved'],
    ['any', null, [yes('b')], 'approved'],
    ['any', null, [], 'pending'],
    ['n_of_m', 2, [yes('a')], 'pending'],
    ['n_of_m', 2, [yes('a'), yes('c')], 'approved'],
    ['n_of_m', 5, [yes('a'), yes('b'), yes('c')], 'approved'],
    ['all', null, [yes('a'), no('b')], 'rejected'],
    ['any', null, [no('c')], 'rejected'],
    ['all', null, [yes('x'), yes('y'), yes('z')], 'pending'],
    ['all', null, [yes('a'), yes('a'), yes('a')], 'pending'],
  ] as const)('mode %s (n=%s) with %j is %s', (mode, n, votes, out) => {
    expect(tally(step({ mode, n }), [...votes])).toBe(out)
  })

  it('counts the approvals of managers the step escalated to', () => {
    const s = step({ mode: 'any', escalatedTo: ['m'] })
    expect(tally(s, [yes('m')])).toBe('approved')
    expect(required(step({ mode: 'n_of_m', n: 9 }))).toBe(3)
  })

  it('skips the steps whose condition fails and starts the first that applies, with its deadline', () => {
    const { steps, current } = planSteps(
      [
        { name: 'one', mode: 'all', applies: false, approverIds: ['a'] },
        { name: 'two', mode: 'any', applies: true, approverIds: ['b', 'b'], deadlineHours: 10 },
        { name: 'three', mode: 'all', applies: true, approverIds: ['c'] },
      ],
      now,
    )
    expect(current).toBe(1)
    expect(steps.map((s) => s.status)).toEqual(['skipped', 'pending', 'waiting'])
    expect(steps[1]!.approverIds).toEqual(['b'])
    expect(steps[1]!.dueAt).toBe('2026-12-01T18:00:00.000Z')
    const next = startNext(steps, 1, now)
    expect(next.current).toBe(2)
    expect(startNext(next.steps, 2, now).current).toBeNull()
    expect(planSteps([{ name: 'x', mode: 'all', applies: false, approverIds: [] }], now).current).toBeNull()
  })

  it('lets a delegate decide for an approver who has not decided, and not twice', () => {
    const s = step()
    const delegates = new Map([['b', 'd']])
    expect(actingFor(s, new Set(), 'a', delegates)).toBe('a')
    expect(actingFor(s, new Set(['a']), 'a', delegates)).toBeNull()
    expect(actingFor(s, new Set(), 'd', delegates)).toBe('b')
    expect(actingFor(s, new Set(['b']), 'd', delegates)).toBeNull()
    expect(actingFor(s, new Set(), 'z', delegates)).toBeNull()
    expect(deciders(s, new Set(['a']), delegates).sort()).toEqual(['b', 'c', 'd'])
  })

  it('reminds at 75% of the time and escalates once the deadline passes, once each', () => {
    const s = step({ dueAt: '2026-12-01T18:00:00.000Z' })
    expect(reminderDue(s, new Date('2026-12-01T15:00:00Z'))).toBe(false)
    expect(reminderDue(s, new Date('2026-12-01T15:30:00Z'))).toBe(true)
    expect(reminderDue({ ...s, remindedAt: 'x' }, new Date('2026-12-01T15:30:00Z'))).toBe(false)
    expect(escalationDue(s, new Date('2026-12-01T17:59:00Z'))).toBe(false)
    expect(escalationDue(s, new Date('2026-12-01T18:00:00Z'))).toBe(true)
    expect(escalationDue({ ...s, escalatedAt: 'x' }, new Date('2026-12-02T00:00:00Z'))).toBe(false)
    expect(escalationDue(step(), new Date('2030-01-01T00:00:00Z'))).toBe(false)
  })
})
