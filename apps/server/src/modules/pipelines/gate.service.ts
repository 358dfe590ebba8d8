import type { OpportunityClose, StageMove } from '@openkam/contract'
import { recordAudit } from '../../core/audit/audit'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import { newId } from '../../core/ids'
import {
  assertMayChange,
  insertStageChange,
  opportunityCollection,
  opportunityWorkflow,
} from '../opportunities'
import { deliverablesOf, insertDeliverables } from './deliverable.repository'
import { pipelineOf, type PipelineDef } from './pipeline.repository'
import { evaluateGate, type Held } from './stage-gate'

// The opportunity record as the collection answers it.
type Opp = any

const invalid = (path: string, message: string) =>
  new AppError('invalid', 'invalid_input', `Invalid ${path}: ${message}`, { errors: [{ path, message }] })

/** What an opportunity holds per deliverable key: an attachment beats a waiver. */
export async function heldOf(tx: Executor, ws: string, opportunityId: string): Promise<Map<string, Held>> {
  const held = new Map<string, Held>()
  for (const d of await deliverablesOf(tx, ws, opportunityId)) {
    if (!d.waived) held.set(d.key, 'attached')
    else if (!held.has(d.key)) held.set(d.key, 'waived')
  }
  return held
}

const labelsOf = (p: PipelineDef, keys: string[]) => {
  const labels = new Map(p.stages.flatMap((s) => s.deliverables.map((d) => [d.key, d.label] as const)))
  return keys.map((k) => labels.get(k) ?? k)
}

const stageName = (p: PipelineDef, key: string) => p.stages.find((s) => s.key === key)?.name ?? key

/**
 * Moves an opportunity to another stage of its pipeline through the stage gate (see stage-gate.ts):
 * refuses with 422 `stage_gate` and the missing keys, or 403 `waiver_forbidden`; otherwise updates the
 * deal through the collection (audited; `opportunity.updated` with changed stage, which the rule
 * engine's stage_changed trigger hears), records the waivers and the stage history, and emits
 * `opportunity.stage_changed`. An open deal takes the new stage's probability.
 */
export async function moveStage(tx: Executor, ctx: Ctx, id: string, move: StageMove): Promise<Opp> {
  await assertMayChange(tx, ctx, id)
  const before = (await opportunityCollection.get(tx, ctx, id)) as Opp
  if (before.status === 'lost')
    throw new AppError(
      'unprocessable',
      'opportunity_lost',
      'The deal is lost: reopen it (PATCH status "open") before moving it to another stage',
    )
  const pipeline = await pipelineOf(tx, ctx.ws, before.pipelineId ?? null)
  const target = pipeline.stages.find((s) => s.key === move.stage)
  if (!target)
    throw invalid(
      'stage',
      `the pipeline "${pipeline.name}" has no ${move.stage} stage; its stages are ${pipeline.stages.map((s) => s.key).join(', ')}`,
    )
  const waivers = move.waivers ?? []
  if (move.stage === before.stage) {
    if (waivers.length)
      throw invalid('waivers', 'the deal is already in this stage: there is nothing to waive')
    return before
  }
  const verdict = evaluateGate({
    stages: pipeline.stages,
    from: before.stage,
    to: move.stage,
    held: await heldOf(tx, ctx.ws, id),
    waivers,
    roles: ctx.principal.roles,
  })
  if (verdict.unneeded.length)
    throw new AppError('invalid', 'invalid_input', 'Some waivers name deliverables this move does not need', {
      errors: waivers
        .map((w, i) => ({ w, i }))
        .filter(({ w }) => verdict.unneeded.includes(w.deliverable))
        .map(({ w, i }) => ({
          path: `waivers.${i}.deliverable`,
          message: `${w.deliverable} is not a required deliverable of the stages this move leaves`,
        })),
    })
  if (verdict.forbidden.length) {
    const roles = [...new Set(verdict.forbidden.flatMap((f) => f.roles))]
    throw new AppError(
      'forbidden',
      'waiver_forbidden',
      `Your role may not waive ${labelsOf(
        pipeline,
        verdict.forbidden.map((f) => f.key),
      ).join(', ')}: ` +
        (roles.length ? `ask someone with the role ${roles.join(' or ')}` : 'nobody may waive it; attach it'),
      { deliverables: verdict.forbidden.map((f) => f.key) },
    )
  }
  if (verdict.missing.length)
    throw new AppError(
      'unprocessable',
      'stage_gate',
      `Before leaving ${stageName(pipeline, before.stage)}, attach ${labelsOf(pipeline, verdict.missing).join(', ')} ` +
        '(or have them waived by someone allowed to)',
      { missing: verdict.missing },
    )
  const direction = verdict.direction === 'backward' ? 'backward' : 'forward'
  const updated = (await opportunityWorkflow.update(tx, ctx, id, {
    version: move.version ?? before.version,
    stage: move.stage,
    ...(before.status === 'open' ? { probability: target.probability } : {}),
  })) as Opp
  const now = new Date()
  const labels = labelsOf(
    pipeline,
    verdict.waive.map((w) => w.key),
  )
  await insertDeliverables(
    tx,
    ctx.ws,
    verdict.waive.map((w, i) => ({
      id: newId(),
      opportunityId: id,
      stage: w.stage,
      key: w.key,
      title: labels[i]!,
      waived: true,
      waiverReason: w.reason,
      addedBy: ctx.principal.userId,
      addedAt: now,
    })),
  )
  const given = verdict.waive.map((w) => ({ deliverable: w.key, reason: w.reason }))
  await insertStageChange(tx, ctx, {
    opportunityId: id,
    fromStage: before.stage,
    toStage: move.stage,
    direction,
    waivers: given,
    changedAt: now,
  })
  if (given.length)
    await recordAudit(tx, ctx, [
      { action: 'waive_deliverables', entityType: 'opportunity', entityId: id, after: { waivers: given } },
    ])
  await ctx.events.emit(tx, ctx, [
    {
      type: 'opportunity.stage_changed',
      entityType: 'opportunity',
      entityId: id,
      payload: { record: updated, from: before.stage, to: move.stage, direction, waivers: given },
    },
  ])
  return updated
}

/**
 * Wins or loses a deal with one of its pipeline's reasons (an empty list accepts any reason): sets the
 * status, wonAt or lostAt, the reason and the note through the collection (audited; `opportunity.updated`
 * with changed status). A won deal weighs 100 %, a lost one 0 %.
 */
export async function closeOpportunity(
  tx: Executor,
  ctx: Ctx,
  id: string,
  input: OpportunityClose,
): Promise<Opp> {
  await assertMayChange(tx, ctx, id)
  const before = (await opportunityCollection.get(tx, ctx, id)) as Opp
  const won = input.outcome === 'won'
  if (before.status === input.outcome)
    throw new AppError('unprocessable', `already_${input.outcome}`, `The deal is already ${input.outcome}`)
  const pipeline = await pipelineOf(tx, ctx.ws, before.pipelineId ?? null)
  const reasons = won ? pipeline.winReasons : pipeline.lossReasons
  if (reasons.length && !reasons.includes(input.reason))
    throw invalid(
      'reason',
      `choose one of the pipeline's ${won ? 'win' : 'loss'} reasons: ${reasons.join('; ')}`,
    )
  return (await opportunityWorkflow.update(tx, ctx, id, {
    version: before.version,
    status: input.outcome,
    wonAt: won ? new Date().toISOString() : null,
    lostAt: won ? null : new Date().toISOString(),
    winReason: won ? input.reason : null,
    lossReason: won ? null : input.reason,
    closeNote: input.note ?? null,
    probability: won ? 100 : 0,
  })) as Opp
}
