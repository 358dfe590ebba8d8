import { describe, expect, it } from 'vitest'
import { PipelineCreate } from '@openkam/contract'
import { evaluateGate, type Held } from './stage-gate'
import { sopPipeline } from './template'

const { stages } = PipelineCreate.parse(sopPipeline('en'))
const A = 'assessment_report'
const N = 'needs_interview_minutes'
const held = (entries: [string, Held][]) => new Map(entries)
const gate = (
  from: string,
  to: string,
  h: [string, Held][] = [],
  waivers: { deliverable: string; reason: string }[] = [],
  roles = ['sales'],
) => evaluateGate({ stages, from, to, held: held(h), waivers, roles })
const waive = (...keys: string[]) => keys.map((deliverable) => ({ deliverable, reason: 'agreed' }))

describe('the stage gate', () => {
  // Every combination of the two discovery deliverables being attached, waived on record, waived now or missing.
  const states = ['attached', 'waived', 'waive now', 'missing'] as const
  const combos = states.flatMap((a) => states.map((n) => [a, n] as const))
  it.each(combos)('moves discovery → solution when the assessment is %s and the minutes are %s', (a, n) => {
    const h: [string, Held][] = []
    const w: string[] = []
    for (const [key, s] of [
      [A, a],
      [N, n],
    ] as const) {
      if (s === 'attached' || s === 'waived') h.push([key, s])
      if (s === 'waive now') w.push(key)
    }
    const v = gate('discovery', 'solution', h, waive(...w), ['sales_manager'])
    const missing = [
      [A, a],
      [N, n],
    ]
      .filter(([, s]) => s === 'missing')
      .map(([k]) => k)
    expect(v.direction).toBe('forward')
    expect(v.missing).toEqual(missing)
    expect(v.waive.map((x) => x.key)).toEqual(w)
    expect(v.forbidden).toEqual([])
  })

  it('needs the deliverables of every stage a move skips, but not those of the target stage', () => {
    const v = gate('discovery', 'implementation', [[A, 'attached']])
    expect(v.required.map((r) => r.stage)).toEqual([
      'discovery',
      'discovery',
      'solution',
      'solution',
      'solution',
      'negotiation',
      'negotiation',
    ])
    expect(v.missing).toEqual([N, 'proposal', 'demo_deck', 'roi_analysis', 'quotation', 'signed_contract'])
  })

  it('lets a skip through when everything is attached or waived', () => {
    const all = stages.slice(0, 2).flatMap((s) => s.deliverables.map((d) => d.key))
    const v = gate(
      'discovery',
      'negotiation',
      all.map((k) => [k, 'attached'] as [string, Held]),
    )
    expect(v.missing).toEqual([])
  })

  it.each([
    [['sales'], false],
    [['sales_manager'], true],
    [['admin'], true],
    [['csm', 'admin'], true],
    [['system'], false],
  ])('with roles %j a waiver is allowed: %s', (roles, allowed) => {
    const v = gate('discovery', 'solution', [[A, 'attached']], waive(N), roles)
    expect(v.forbidden.length === 0).toBe(allowed)
    expect(v.missing).toEqual(allowed ? [] : [N])
    expect(v.waive.map((w) => w.key)).toEqual(allowed ? [N] : [])
  })

  it('asks nothing of backward moves, and refuses waivers there as unneeded', () => {
    expect(gate('negotiation', 'discovery')).toMatchObject({
      direction: 'backward',
      required: [],
      missing: [],
    })
    expect(gate('negotiation', 'solution', [], waive('quotation')).unneeded).toEqual(['quotation'])
  })

  it('calls waivers of other stages, of attached deliverables or of unknown keys by their names', () => {
    const v = gate('discovery', 'solution', [[A, 'attached']], waive(A, 'quotation', 'nonsense', N), [
      'admin',
    ])
    expect(v.unneeded).toEqual(['quotation', 'nonsense'])
    expect(v.waive.map((w) => w.key)).toEqual([N])
  })

  it('skips optional deliverables', () => {
    const custom = stages.map((s) =>
      s.key === 'discovery'
        ? { ...s, deliverables: s.deliverables.map((d) => ({ ...d, required: false })) }
        : s,
    )
    expect(
      evaluateGate({
        stages: custom,
        from: 'discovery',
        to: 'solution',
        held: new Map(),
        waivers: [],
        roles: [],
      }).missing,
    ).toEqual([])
  })

  it('follows the pipeline order, and the SOP order for a stage the pipeline no longer has', () => {
    const two = [stages[2]!, stages[0]!] // negotiation first, then discovery
    expect(
      evaluateGate({
        stages: two,
        from: 'negotiation',
        to: 'discovery',
        held: new Map(),
        waivers: [],
        roles: [],
      }),
    ).toMatchObject({
      direction: 'forward',
      missing: ['quotation', 'signed_contract'],
    })
    const noSolution = stages.filter((s) => s.key !== 'solution')
    expect(
      evaluateGate({
        stages: noSolution,
        from: 'solution',
        to: 'implementation',
        held: new Map(),
        waivers: [],
        roles: [],
      }).missing,
    ).toEqual(['quotation', 'signed_contract'])
  })
})
