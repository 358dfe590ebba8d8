import type { AccountPotential, PotentialRanking, PotentialScore } from '@openkam/contract'
import { reaches, scopeFor } from '../../core/access/permissions'
import { recordAudit } from '../../core/audit/audit'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError, notFound } from '../../core/errors'
import { accountCollection } from '../accounts'
import { checkScores, computePotential } from './potential-score'
import {
  findScoringModel,
  insertScore,
  lockAccount,
  rankingCounts,
  rankingRows,
  scoresOf,
} from './potential.repository'

type ScoreRow = Awaited<ReturnType<typeof scoresOf>>[number]

const toScore = (r: ScoreRow): PotentialScore => ({
  id: r.s.id,
  accountId: r.s.accountId,
  modelId: r.s.modelId,
  modelVersion: r.s.modelVersion,
  modelName: r.modelName ?? null,
  scores: r.s.scores,
  total: Number(r.s.total),
  class: r.s.potentialClass as PotentialScore['class'],
  contributions: r.s.contributions,
  note: r.s.note ?? null,
  scoredBy: r.s.scoredBy ?? null,
  scoredByName: r.scoredByName ?? null,
  scoredAt: r.s.scoredAt.toISOString(),
})

/**
 * Scores an account's potential (SPEC R-02): with the default model (or `modelId`), every dimension a
 * whole number 1–5. The score is kept in the history (who, when, note, model version), the account's
 * potential is set, audited, and `account.potential_scored` emitted; a changed total or class also emits
 * `account.updated` (changed: potential) for rules, and a changed class `account.potential_class_changed`.
 */
export async function putPotential(
  tx: Executor,
  ctx: Ctx,
  accountId: string,
  body: { scores: Record<string, number>; note?: string; modelId?: string },
): Promise<PotentialScore> {
  await accountCollection.get(tx, ctx, accountId)
  const scope = scopeFor(ctx.principal, 'accounts', 'update')
  const row = await lockAccount(tx, ctx.ws, accountId)
  if (!row) throw notFound('Account')
  if (!reaches(ctx.principal, scope, [row.ownerId, row.csmId]))
    throw new AppError('forbidden', 'forbidden', 'Your role may not score the potential of this account')
  const model = await findScoringModel(tx, ctx.ws, body.modelId)
  if (!model)
    throw body.modelId
      ? new AppError('invalid', 'invalid_input', 'No such scoring model', {
          errors: [{ path: 'modelId', message: 'no such scoring model in this workspace' }],
        })
      : new AppError(
          'unprocessable',
          'no_scoring_model',
          'The workspace has no default scoring model; mark one as default in Settings → Qualification',
        )
  const errors = checkScores(model.dimensions, body.scores)
  if (errors.length)
    throw new AppError('invalid', 'invalid_input', 'The scores do not fit the scoring model', { errors })
  const result = computePotential(model.dimensions, model.bands, body.scores)
  const before = accountCollection.def.toRecord(row)
  const now = new Date()
  const id = await insertScore(tx, ctx.ws, {
    accountId,
    modelId: model.id,
    modelVersion: model.version,
    scores: body.scores,
    contributions: result.contributions,
    total: result.total,
    potentialClass: result.class,
    note: body.note?.trim() || null,
    scoredBy: ctx.principal.userId,
    scoredAt: now,
  })
  const prev = before.potential
  const after = { total: result.total, class: result.class }
  await recordAudit(tx, ctx, [
    {
      action: 'potential_scored',
      entityType: 'account',
      entityId: accountId,
      before: { potential: prev },
      after: { potential: after, scores: body.scores, note: body.note ?? null, modelId: model.id },
    },
  ])
  const events: Parameters<Ctx['events']['emit']>[2] = [
    {
      type: 'account.potential_scored',
      entityType: 'account',
      entityId: accountId,
      payload: { accountId, scoreId: id, total: result.total, class: result.class, modelId: model.id },
    },
  ]
  if (!prev || prev.total !== result.total || prev.class !== result.class) {
    const fresh = await lockAccount(tx, ctx.ws, accountId)
    events.push({
      type: 'account.updated',
      entityType: 'account',
      entityId: accountId,
      payload: {
        record: accountCollection.def.toRecord(fresh!),
        changed: ['potential'],
        before: { potential: prev },
      },
    })
  }
  if (prev?.class !== result.class)
    events.push({
      type: 'account.potential_class_changed',
      entityType: 'account',
      entityId: accountId,
      payload: {
        accountId,
        from: (prev?.class as 'A' | 'B' | 'C' | undefined) ?? null,
        to: result.class,
        total: result.total,
        previousTotal: prev?.total ?? null,
      },
    })
  await ctx.events.emit(tx, ctx, events)
  return {
    id,
    accountId,
    modelId: model.id,
    modelVersion: model.version,
    modelName: model.name,
    scores: body.scores,
    ...result,
    note: body.note?.trim() || null,
    scoredBy: ctx.principal.userId,
    scoredByName: null,
    scoredAt: now.toISOString(),
  }
}

/** The current potential of an account and its whole history, newest first. */
export async function accountPotential(tx: Executor, ctx: Ctx, accountId: string): Promise<AccountPotential> {
  await accountCollection.get(tx, ctx, accountId)
  const history = (await scoresOf(tx, ctx.ws, accountId)).map(toScore)
  return { accountId, current: history[0] ?? null, history }
}

/**
 * The team view (SPEC R-02): accounts ranked by potential with their owner; A-class accounts without an
 * owner or without a plan (no open opportunity and no open task) are flagged.
 */
export async function potentialRanking(
  tx: Executor,
  ctx: Ctx,
  q: { class?: 'A' | 'B' | 'C'; flagged?: 'true' | 'false'; limit?: number },
): Promise<PotentialRanking> {
  const vis = accountCollection.visibility(ctx, accountCollection.scope(ctx, 'read'))
  const rows = await rankingRows(tx, ctx.ws, vis, {
    cls: q.class,
    flagged: q.flagged === undefined ? undefined : q.flagged === 'true',
    limit: q.limit ?? 200,
  })
  return {
    counts: await rankingCounts(tx, ctx.ws, vis),
    data: rows.map((r, i) => {
      const flags: ('no_owner' | 'no_plan')[] = []
      if (r.cls === 'A' && !r.ownerId) flags.push('no_owner')
      if (r.cls === 'A' && r.openOpportunities === 0 && r.openTasks === 0) flags.push('no_plan')
      return {
        rank: i + 1,
        accountId: r.id,
        name: r.name,
        total: Number(r.total),
        class: r.cls ?? 'C',
        tier: r.tier ?? null,
        icpFit: r.icpFit === null ? null : Number(r.icpFit),
        owner: r.ownerId ? { id: r.ownerId, name: r.ownerName ?? '' } : null,
        openOpportunities: r.openOpportunities,
        openTasks: r.openTasks,
        flags,
      }
    }),
  }
}
