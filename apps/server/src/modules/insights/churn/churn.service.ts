import type { Ctx } from '../../../core/context'
import type { Db, Executor } from '../../../core/db/types'
import { newId } from '../../../core/ids'
import type { JobQueue } from '../../../core/jobs/jobs'
import { accountCollection, workspacesWithAccounts } from '../../accounts'
import { churnFeatures, featureLabel, frequentCategories, type ChurnSignals } from './churn-features'
import { churnTexts } from './churn-texts'
import { churnRisk, trainChurnModel, type ChurnDriver, type ChurnSample } from './churn-model'
import {
  contractOutcomes,
  findModel,
  findScore,
  insertTraining,
  latestTraining,
  liveAccountIds,
  markTraining,
  replaceScores,
  saveModel,
  scoresByRisk,
  signalsAsOf,
  type SignalRow,
} from './churn.repository'

type Lang = 'en' | 'zh-CN'
const DAY = 86_400_000
/** Features are read this many days before a contract's end: what was known when someone could still act. */
export const DAYS_BEFORE_END = 90
/** The split's seed: the same history gives the same model. */
export const CHURN_SEED = 23
export const CHURN_TRAIN_JOB = 'churn_train'

const num = (v: string | null) => (v === null ? null : Number(v))
const signalsOf = (r: SignalRow): ChurnSignals => ({
  tier: r.tier,
  segment: r.segment,
  health: num(r.health),
  usageNow: num(r.usage_now),
  usageBefore: num(r.usage_before),
  nps: num(r.nps),
  tickets90d: Number(r.tickets_90d),
  overduePayments: Number(r.overdue_payments),
  keyContactsLeft: Number(r.key_contacts_left),
})

/**
 * Trains the workspace's churn model from its ended contracts, stores it (or the refusal with its reason)
 * and scores every account under it. One transaction: the panel never sees a model without its scores.
 */
export async function trainWorkspace(tx: Executor, ws: string, now = new Date(), seed = CHURN_SEED) {
  const today = now.toISOString().slice(0, 10)
  const outcomes = await contractOutcomes(tx, ws, today)
  const points = outcomes.map((o) => ({
    accountId: o.account_id,
    asOf: new Date(Date.parse(`${o.end_date}T00:00:00.000Z`) - DAYS_BEFORE_END * DAY),
  }))
  const past = (await signalsAsOf(tx, ws, points)).map(signalsOf)
  const categories = frequentCategories(past)
  const samples: ChurnSample[] = outcomes.map((o, i) => ({
    accountId: o.account_id,
    features: churnFeatures(past[i]!, categories),
    churned: !o.renewed,
  }))
  const result = trainChurnModel(samples, seed)
  if (result.status === 'insufficient_history') {
    await saveModel(tx, ws, {
      status: result.status,
      auc: null,
      samples: result.samples,
      reason: result.reason,
      model: { refusal: { churned: result.churned, renewed: result.renewed } },
    })
    await replaceScores(tx, ws, [])
    return { status: result.status, samples: result.samples, reason: result.reason }
  }
  const { model } = result
  await saveModel(tx, ws, { status: 'trained', auc: model.auc, samples: model.samples, reason: null, model })
  const ids = await liveAccountIds(tx, ws)
  const current = (
    await signalsAsOf(
      tx,
      ws,
      ids.map((accountId) => ({ accountId, asOf: now })),
    )
  ).map(signalsOf)
  await replaceScores(
    tx,
    ws,
    ids.map((accountId, i) => {
      const r = churnRisk(model, churnFeatures(current[i]!, categories))
      return { accountId, probability: r.probability, drivers: r.drivers }
    }),
  )
  return { status: 'trained' as const, auc: model.auc, samples: model.samples, scored: ids.length }
}

/** The nightly run (every workspace with accounts) or one workspace's training asked for on demand. */
export async function runTraining(db: Db, data: { ws?: string; trainingId?: string }) {
  const list = data.ws ? [data.ws] : await workspacesWithAccounts(db)
  const results = []
  for (const ws of list) {
    if (data.trainingId) await db.transaction((tx) => markTraining(tx, ws, data.trainingId!, 'running'))
    try {
      results.push(await db.transaction((tx) => trainWorkspace(tx, ws)))
      if (data.trainingId) await db.transaction((tx) => markTraining(tx, ws, data.trainingId!, 'done'))
    } catch (err) {
      if (data.trainingId)
        await db.transaction((tx) =>
          markTraining(tx, ws, data.trainingId!, 'failed', String(err).slice(0, 500)),
        )
      throw err
    }
  }
  return { workspaces: list.length, results }
}

/** Queues a training of the person's workspace; its id tracks the progress. */
export async function requestTraining(tx: Executor, jobs: JobQueue, ctx: Ctx) {
  const id = newId()
  await insertTraining(tx, ctx.ws, id)
  await jobs.send(tx, CHURN_TRAIN_JOB, { ws: ctx.ws, trainingId: id })
  return { jobId: id }
}

/** The model's state for the panel: trained (AUC, samples, when) or refused (why), and the newest training asked for. */
export async function modelStatus(tx: Executor, ctx: Ctx, lang: Lang) {
  const row = await findModel(tx, ctx.ws)
  const t = await latestTraining(tx, ctx.ws)
  const training = t
    ? {
        id: t.id,
        status: t.status as 'queued' | 'running' | 'done' | 'failed',
        requestedAt: t.requestedAt.toISOString(),
        ...(t.error ? { error: t.error } : {}),
      }
    : undefined
  if (!row)
    return {
      status: 'insufficient_history' as const,
      samples: 0,
      reason: churnTexts(lang).neverTrained,
      training,
    }
  return {
    status: row.status as 'trained' | 'insufficient_history',
    samples: row.samples,
    trainedAt: row.trainedAt.toISOString(),
    ...(row.auc !== null ? { auc: row.auc } : {}),
    ...(row.status === 'trained' ? {} : { reason: reasonOf(row, lang) }),
    ...(row.model && 'features' in row.model
      ? {
          trainSamples: row.model.trainSamples,
          testSamples: row.model.testSamples,
          features: row.model.features.length,
        }
      : {}),
    training,
  }
}

/** Why the workspace has no model, told in the person's language from the refusal's counts. */
const reasonOf = (row: NonNullable<Awaited<ReturnType<typeof findModel>>>, lang: Lang) =>
  row.model && 'refusal' in row.model
    ? churnTexts(lang).refusal({ samples: row.samples, ...row.model.refusal })
    : (row.reason ?? churnTexts(lang).neverTrained)

const labelled = (drivers: ChurnDriver[], lang: Lang) =>
  drivers.map((d) => ({ ...d, label: featureLabel(d.feature, lang) }))

/** An account's risk under the current model with its drivers; a hidden account is not found. */
export async function accountChurnRisk(tx: Executor, ctx: Ctx, accountId: string, lang: Lang) {
  await accountCollection.get(tx, ctx, accountId)
  const model = await findModel(tx, ctx.ws)
  if (!model || model.status !== 'trained')
    return {
      status: 'no_model' as const,
      probability: null,
      drivers: [],
      reason: model ? reasonOf(model, lang) : churnTexts(lang).neverTrained,
    }
  const score = await findScore(tx, ctx.ws, accountId)
  if (!score)
    return {
      status: 'not_scored' as const,
      probability: null,
      drivers: [],
      reason: churnTexts(lang).notScored,
    }
  return {
    status: 'scored' as const,
    probability: score.probability,
    drivers: labelled(score.drivers, lang),
    scoredAt: score.scoredAt.toISOString(),
    auc: model.auc ?? undefined,
  }
}

/** Accounts by churn risk, highest first, among those the person may read. */
export async function churnRiskList(
  tx: Executor,
  ctx: Ctx,
  page: { limit: number; offset: number },
  lang: Lang,
) {
  const visible = accountCollection.visibility(ctx, accountCollection.scope(ctx, 'read'))
  const { rows, total } = await scoresByRisk(tx, ctx.ws, visible, page)
  return {
    total,
    data: rows.map((r) => ({
      accountId: r.accountId,
      name: r.name,
      tier: r.tier,
      healthScore: r.healthScore === null ? null : Number(r.healthScore),
      healthBand: r.healthBand,
      probability: r.probability,
      drivers: labelled(r.drivers.slice(0, 3), lang),
    })),
  }
}
