import { mean } from 'simple-statistics'
import type { Db, Executor } from '../../../core/db/types'
import { systemCtx } from '../../../core/context'
import type { EventSink } from '../../../core/events/bus'
import { newId } from '../../../core/ids'
import { getObject } from '../../fields'
import { standardise, type FeatureSpec, type Labels, type RawRow } from './cluster-features'
import { behaviourSpecs, rawRows, specsOf } from './cluster-inputs'
import { chooseK, distancesTo } from './cluster-k'
import { lookalikesOf } from './cluster-lookalikes'
import type { ClusterResult, StoredCluster } from './cluster-result'
import { describe, traitsOf } from './cluster-traits'
import {
  accountRows,
  behaviourCounts,
  contractOutcomes,
  finishRun,
  insertRun,
  setRunStatus,
  type AccountRow,
} from './cluster.repository'

/** A cluster this small is not named the best: two lucky accounts are not a pattern. */
export const MIN_BEST_SIZE = 3

const cents = (v: unknown) => (v === null || v === undefined ? 0 : Math.round(Number(v) * 100))
const money = (c: number) => (c / 100).toFixed(2)

/**
 * Clusters a workspace's accounts and stores the result as run `runId` (made here when not given):
 * reads in one transaction, computes outside it, stores in another. A failure marks the run failed.
 */
export async function runClustering(db: Db, events: EventSink, ws: string, runId?: string, now = new Date()) {
  const id = runId ?? newId()
  if (!runId) await db.transaction((tx) => insertRun(tx, ws, id, null, 'running'))
  else await db.transaction((tx) => setRunStatus(tx, ws, id, 'running'))
  try {
    // Read in one short transaction, compute outside it (on PGlite a long one would hold every request).
    const input = await db.transaction((tx) => clusterInputs(tx, events, ws, now))
    const result = clusterAccounts(...input)
    await db.transaction((tx) => finishRun(tx, ws, id, result))
    return { runId: id, k: result.k, accounts: result.accounts }
  } catch (err) {
    await db.transaction((tx) =>
      setRunStatus(tx, ws, id, 'failed', err instanceof Error ? err.message : String(err)),
    )
    throw err
  }
}

/** A workspace's accounts, their fields as features, behaviour and contract outcomes: clusterAccounts' input. */
export async function clusterInputs(tx: Executor, events: EventSink, ws: string, now = new Date()) {
  const ctx = systemCtx(ws, events)
  const [en, zh] = [await getObject(tx, ctx, 'accounts', 'en'), await getObject(tx, ctx, 'accounts', 'zh-CN')]
  const rows = await accountRows(
    tx,
    ws,
    en.fields.filter((f) => !f.custom).map((f) => f.key),
  )
  const specs = [...specsOf(en.fields, zh.fields, rows), ...behaviourSpecs()]
  const behaviour = await behaviourCounts(tx, ws, now)
  const outcomes = await contractOutcomes(tx, ws, now.toISOString().slice(0, 10))
  return [rows, specs, behaviour, outcomes] as const
}

/** Clusters a workspace inside the caller's transaction and stores it as its latest run (the demo's seed). */
export async function clusterNow(tx: Executor, events: EventSink, ws: string, now = new Date()) {
  const id = newId()
  await insertRun(tx, ws, id, null, 'running')
  const result = clusterAccounts(...(await clusterInputs(tx, events, ws, now)))
  await finishRun(tx, ws, id, result)
  return result
}

const empty = (accounts: number, message: Labels): ClusterResult => ({
  k: 0,
  silhouette: null,
  accounts,
  features: [],
  tried: [],
  bestClusterId: null,
  clusters: [],
  lookalikes: [],
  message,
})

/** The whole computation on plain data: standardise, choose k, describe, name the best, find lookalikes. */
export function clusterAccounts(
  rows: AccountRow[],
  specs: FeatureSpec[],
  behaviour: Parameters<typeof rawRows>[2],
  outcomes: Map<string, { ended: number; renewed: number }>,
): ClusterResult {
  const raw: RawRow[] = rawRows(rows, specs, behaviour)
  const { matrix, used } = standardise(raw, specs)
  const choice = used.length ? chooseK(matrix) : null
  if (!choice)
    return empty(rows.length, {
      en: `Too few accounts or measures to cluster (${rows.length} accounts, ${used.length} measures with data; at least 12 accounts are needed)`,
      'zh-CN': `客户或可用指标太少，无法聚类（${rows.length} 个客户，${used.length} 项有数据的指标；至少需要 12 个客户）`,
    })
  const clusters: StoredCluster[] = []
  const ended = (i: number) => outcomes.get(rows[i]!.id) ?? { ended: 0, renewed: 0 }
  let allEnded = 0
  let allRenewed = 0
  rows.forEach((_, i) => {
    allEnded += ended(i).ended
    allRenewed += ended(i).renewed
  })
  for (let c = 0; c < choice.k; c++) {
    const inside = choice.labels.map((l) => l === c)
    const members = rows.filter((_, i) => inside[i])
    const arr = members.reduce((s, r) => s + cents(r.annualSpend), 0)
    let e = 0
    let rn = 0
    rows.forEach((_, i) => {
      if (!inside[i]) return
      e += ended(i).ended
      rn += ended(i).renewed
    })
    const health = members.filter((r) => r.healthScore !== null).map((r) => Number(r.healthScore))
    const traits = traitsOf(raw, inside, used)
    clusters.push({
      id: c,
      size: members.length,
      arr: money(arr),
      meanArr: money(Math.round(arr / members.length)),
      renewalRate: e ? Math.round((rn / e) * 1000) / 1000 : null,
      endedContracts: e,
      meanHealth: health.length ? Math.round(mean(health) * 10) / 10 : null,
      traits,
      description: describe(traits),
    })
  }
  const overallRate = allEnded ? allRenewed / allEnded : 1
  const value = (c: StoredCluster) => Number(c.meanArr) * (c.renewalRate ?? overallRate)
  const best =
    clusters.filter((c) => c.size >= MIN_BEST_SIZE).sort((a, b) => value(b) - value(a) || a.id - b.id)[0] ??
    null
  const lookalikes = best
    ? lookalikesOf(rows, raw, used, best, choice.labels, distancesTo(matrix, choice.centroids[best.id]!))
    : []
  return {
    k: choice.k,
    silhouette: Math.round(choice.silhouette * 1000) / 1000,
    accounts: rows.length,
    features: used.map((s) => ({ field: s.field, label: s.label })),
    tried: choice.tried.map((t) => ({ k: t.k, silhouette: Math.round(t.silhouette * 1000) / 1000 })),
    bestClusterId: best?.id ?? null,
    clusters,
    lookalikes,
    message: null,
  }
}
