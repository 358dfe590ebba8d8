import { opportunityStages } from '@openkam/contract'

export type GateStage = {
  key: string
  deliverables: { key: string; label: string; required: boolean }[]
  waiverRoles: string[]
}

/** What an opportunity already has for a deliverable key: an attachment, or a waiver on record. */
export type Held = 'attached' | 'waived'

export type GateInput = {
  /** The pipeline's stages in order. */
  stages: GateStage[]
  from: string
  to: string
  /** What the opportunity holds, by deliverable key. */
  held: ReadonlyMap<string, Held>
  /** Waivers asked for in this move. */
  waivers: readonly { deliverable: string; reason: string }[]
  /** The roles of the person moving the deal. */
  roles: readonly string[]
}

export type GateVerdict = {
  direction: 'forward' | 'backward' | 'none'
  /** The required deliverables of the stages the move leaves behind: the current one and any skipped. */
  required: { stage: string; key: string }[]
  /** Waivers to record: required deliverables neither attached nor waived yet, waived now. */
  waive: { stage: string; key: string; reason: string }[]
  /** Waived deliverables this move does not need (unknown keys, other stages, backward moves). */
  unneeded: string[]
  /** Waivers the person may not give, with the roles that may. */
  forbidden: { key: string; stage: string; roles: string[] }[]
  /** Required deliverables still neither attached nor waived: the move is refused when any remain. */
  missing: string[]
}

const sopOrder = (key: string) => opportunityStages.indexOf(key as (typeof opportunityStages)[number])

/**
 * The stage gate (SPEC R-08): a forward move needs every required deliverable of the stage it leaves and
 * of every stage it skips, each attached or waived — on record, or waived in this move by a person whose
 * role the stage allows. Backward moves need nothing. A current stage the pipeline no longer has counts
 * by the SOP order, and only the pipeline's stages after it are checked.
 * @example evaluateGate({ stages, from: 'discovery', to: 'solution', held: new Map(), waivers: [], roles: ['sales'] }).missing
 * // → ['assessment_report', 'needs_interview_minutes']
 */
export function evaluateGate(input: GateInput): GateVerdict {
  const { stages, from, to, held, waivers, roles } = input
  const verdict: GateVerdict = {
    direction: 'none',
    required: [],
    waive: [],
    unneeded: [],
    forbidden: [],
    missing: [],
  }
  const toIdx = stages.findIndex((s) => s.key === to)
  const fromIdx = stages.findIndex((s) => s.key === from)
  if (from === to) verdict.direction = 'none'
  else if (fromIdx >= 0 && toIdx >= 0) verdict.direction = fromIdx < toIdx ? 'forward' : 'backward'
  else verdict.direction = sopOrder(from) < sopOrder(to) ? 'forward' : 'backward'

  const leaving =
    verdict.direction !== 'forward'
      ? []
      : fromIdx >= 0
        ? stages.slice(fromIdx, toIdx)
        : stages.slice(0, toIdx).filter((s) => sopOrder(s.key) > sopOrder(from))
  for (const s of leaving)
    for (const d of s.deliverables) if (d.required) verdict.required.push({ stage: s.key, key: d.key })

  const asked = new Map<string, string>()
  for (const w of waivers) if (!asked.has(w.deliverable)) asked.set(w.deliverable, w.reason)
  const needed = new Set(verdict.required.map((r) => r.key))
  for (const key of asked.keys()) if (!needed.has(key)) verdict.unneeded.push(key)

  for (const r of verdict.required) {
    if (held.has(r.key)) continue
    const reason = asked.get(r.key)
    if (reason === undefined) {
      verdict.missing.push(r.key)
      continue
    }
    const allowed = stages.find((s) => s.key === r.stage)?.waiverRoles ?? []
    if (allowed.some((role) => roles.includes(role))) verdict.waive.push({ ...r, reason })
    else {
      verdict.forbidden.push({ ...r, roles: allowed })
      verdict.missing.push(r.key)
    }
  }
  return verdict
}
