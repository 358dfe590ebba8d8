import type { AccountClusters, ClusterRunState, Lookalikes } from '@openkam/contract'
import type { Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
import { AppError } from '../../../core/errors'
import { fieldAccessOf, scopeFor } from '../../../core/access/permissions'
import type { JobQueue } from '../../../core/jobs/jobs'
import { newId } from '../../../core/ids'
import { accountCollection } from '../../accounts'
import type { Labels } from './cluster-features'
import { alreadyTop } from './cluster-lookalikes'
import { describe } from './cluster-traits'
import { insertRun, latestRuns, visibleAccounts } from './cluster.repository'
import { CLUSTER_JOB } from './cluster-job-name'

type Lang = 'en' | 'zh-CN'

const NO_RUN: Labels = {
  en: 'No clustering has run yet. Press “Run clustering” (it also runs every night).',
  'zh-CN': '尚未运行聚类。请点击“运行聚类”（系统每晚也会自动运行）。',
}
const BEST_RULE: Labels = {
  en: 'The best cluster has the highest mean ARR × renewal rate (among clusters of at least 3 accounts; a cluster with no ended contract counts at the workspace’s overall renewal rate).',
  'zh-CN':
    '最佳客户群：平均年消费额 × 续约率最高的客户群（至少 3 个客户；没有到期合同的客户群按全工作区续约率计）。',
}
const PROSPECT_STAGES = new Set(['lead_nurturing', 'opportunity'])

/** May the caller see this field of accounts (a custom field's key is `custom.<key>`)? */
const canSee = (ctx: Ctx, field: string) =>
  field.startsWith('behaviour.') ||
  fieldAccessOf(ctx.principal, 'accounts', field.split('=')[0]!) !== 'hidden'

const requireAccountReader = (ctx: Ctx) => {
  if (scopeFor(ctx.principal, 'accounts', 'read') === 'none')
    throw new AppError('forbidden', 'forbidden', 'Insight on accounts takes permission to read accounts')
}

/** The latest clusters in the caller's language; traits about fields hidden from the caller are left out. */
export async function clustersView(tx: Executor, ctx: Ctx, lang: Lang): Promise<AccountClusters> {
  requireAccountReader(ctx)
  const { done, last } = await latestRuns(tx, ctx.ws)
  const run =
    last && (last.status !== 'done' || last.id !== done?.id)
      ? {
          jobId: last.id,
          status: last.status as ClusterRunState['status'],
          requestedAt: last.requestedAt.toISOString(),
          error: last.error,
        }
      : null
  const r = done?.result
  if (!done || !r)
    return {
      k: 0,
      silhouette: null,
      asOf: null,
      accounts: 0,
      features: [],
      bestRule: BEST_RULE[lang],
      clusters: [],
      message: NO_RUN[lang],
      run,
    }
  const arrVisible = canSee(ctx, 'annualSpend')
  return {
    k: r.k,
    silhouette: r.silhouette,
    asOf: (done.finishedAt ?? done.requestedAt).toISOString(),
    accounts: r.accounts,
    features: r.features
      .filter((f) => canSee(ctx, f.field))
      .map((f) => ({ field: f.field, label: f.label[lang] })),
    bestRule: BEST_RULE[lang],
    clusters: r.clusters.map((c) => {
      const traits = c.traits.filter((t) => canSee(ctx, t.field))
      return {
        id: c.id,
        size: c.size,
        arr: arrVisible ? c.arr : null,
        meanArr: arrVisible ? c.meanArr : null,
        renewalRate: c.renewalRate,
        endedContracts: c.endedContracts,
        meanHealth: c.meanHealth,
        best: c.id === r.bestClusterId,
        traits: traits.map((t) => ({
          field: t.field,
          label: t.label[lang],
          direction: t.direction,
          effect: t.effect,
          text: t.text[lang],
        })),
        description: describe(traits)[lang],
      }
    }),
    message: r.message?.[lang] ?? null,
    run,
  }
}

/** The accounts most like the best cluster that the caller may read and that are still not class A nor strategic. */
export async function lookalikesView(tx: Executor, ctx: Ctx, lang: Lang, limit: number): Promise<Lookalikes> {
  requireAccountReader(ctx)
  const { done } = await latestRuns(tx, ctx.ws)
  const r = done?.result
  if (!done || !r || r.bestClusterId === null)
    return {
      bestClusterId: null,
      asOf: done ? (done.finishedAt ?? done.requestedAt).toISOString() : null,
      data: [],
      message: (r?.message ?? NO_RUN)[lang],
    }
  const visible = accountCollection.visibility(ctx, accountCollection.scope(ctx, 'read'))
  const found = new Map(
    (
      await visibleAccounts(
        tx,
        ctx.ws,
        r.lookalikes.map((l) => l.accountId),
        visible,
      )
    ).map((a) => [a.id, a]),
  )
  const data = r.lookalikes
    .flatMap((l) => {
      const a = found.get(l.accountId)
      if (!a || alreadyTop(a)) return []
      return [
        {
          accountId: a.id,
          name: a.name,
          prospect: PROSPECT_STAGES.has(a.lifecycleStage ?? ''),
          tier: a.tier,
          potentialClass: a.potentialClass,
          distance: l.distance,
          similarity: l.similarity,
          reasons: l.reasons.map((x) => x[lang]),
        },
      ]
    })
    .slice(0, limit)
  return {
    bestClusterId: r.bestClusterId,
    asOf: (done.finishedAt ?? done.requestedAt).toISOString(),
    data,
    message: null,
  }
}

/**
 * Queues a clustering run (202 with its id), or answers the one already queued or running. It reads every
 * account of the workspace, so it takes reading all accounts (managers and administrators).
 */
export async function startClusterRun(tx: Executor, ctx: Ctx, jobs: JobQueue): Promise<{ jobId: string }> {
  if (scopeFor(ctx.principal, 'accounts', 'read') !== 'all')
    throw new AppError(
      'forbidden',
      'forbidden',
      'Clustering reads every account of the workspace: only people who may read all accounts may run it',
    )
  const { last } = await latestRuns(tx, ctx.ws)
  if (last && (last.status === 'queued' || last.status === 'running')) return { jobId: last.id }
  const id = newId()
  await insertRun(tx, ctx.ws, id, ctx.principal.userId, 'queued')
  await jobs.send(tx, CLUSTER_JOB, { ws: ctx.ws, runId: id })
  return { jobId: id }
}
