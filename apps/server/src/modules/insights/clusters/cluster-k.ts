import { kmeans } from 'ml-kmeans'
import { silhouette } from 'simple-statistics'
import { squaredDistance } from './cluster-features'

/** The k-means seed: the same data gives the same clusters. */
export const SEED = 20_230
/** k is tried from 2 up to this (and never more than a fifth of the accounts). */
export const MAX_K = 8
/** Fewer accounts than this are not clustered: a silhouette over a handful of points says nothing. */
export const MIN_ACCOUNTS = 12
/** k-means is fitted on at most this many accounts (the rest are assigned to the nearest centre)… */
export const FIT_SAMPLE = 5_000
/** …and the silhouette, quadratic in the points, is measured on at most this many. */
export const SILHOUETTE_SAMPLE = 1_500

/** Every n-th point, evenly over the list, at most `max` of them: deterministic, no random draw. */
export function evenSample<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items
  const step = items.length / max
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)]!)
}

/**
 * The mean silhouette of a labelling: for each point, (b − a) / max(a, b) with a its mean distance to its
 * own cluster and b to the nearest other; 0 for a point alone in its cluster. Labels may be any integers.
 */
export function meanSilhouette(points: number[][], labels: number[]): number {
  const compact = new Map<number, number>()
  const dense = labels.map((l) => compact.get(l) ?? compact.set(l, compact.size).get(l)!)
  if (compact.size < 2) return 0
  const values = silhouette(points, dense)
  return values.reduce((s, v) => s + v, 0) / values.length
}

export type KChoice = {
  k: number
  silhouette: number
  labels: number[]
  centroids: number[][]
  tried: { k: number; silhouette: number }[]
}

/**
 * k-means (ml-kmeans, k-means++ seeded) for k = 2…8 on the standardised matrix; the k with the highest mean
 * silhouette wins (the smaller k on a tie). Null when there are too few points.
 */
export function chooseK(matrix: number[][]): KChoice | null {
  const n = matrix.length
  if (n < MIN_ACCOUNTS || !matrix[0]?.length) return null
  const fit = evenSample(matrix, FIT_SAMPLE)
  const sampleIdx = evenSample(
    Array.from({ length: n }, (_, i) => i),
    SILHOUETTE_SAMPLE,
  )
  const samplePoints = sampleIdx.map((i) => matrix[i]!)
  const maxK = Math.min(MAX_K, Math.floor(n / 5))
  let best: KChoice | null = null
  const tried: { k: number; silhouette: number }[] = []
  for (let k = 2; k <= maxK; k++) {
    const result = kmeans(fit, k, { seed: SEED, initialization: 'kmeans++', maxIterations: 100 })
    const labels = result.nearest(matrix)
    const s = meanSilhouette(
      samplePoints,
      sampleIdx.map((i) => labels[i]!),
    )
    tried.push({ k, silhouette: s })
    if (!best || s > best.silhouette + 1e-9)
      best = { k, silhouette: s, labels, centroids: result.centroids, tried }
  }
  if (!best) return null
  return { ...best, ...compactClusters(best.labels, best.centroids, matrix), tried }
}

/**
 * Drops clusters no account ended in, numbers the rest 0… by size (largest first), and puts each centre
 * at its accounts' mean (the accounts not in the fitting sample were assigned after the fit).
 */
function compactClusters(labels: number[], _centroids: number[][], matrix: number[][]) {
  const sizes = new Map<number, number>()
  for (const l of labels) sizes.set(l, (sizes.get(l) ?? 0) + 1)
  const order = [...sizes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([l]) => l)
  const renumber = new Map(order.map((l, i) => [l, i]))
  const out = labels.map((l) => renumber.get(l)!)
  const dims = matrix[0]!.length
  const centroids = order.map(() => new Array<number>(dims).fill(0))
  out.forEach((l, i) => matrix[i]!.forEach((v, d) => (centroids[l]![d]! += v)))
  order.forEach((l, c) => centroids[c]!.forEach((_, d) => (centroids[c]![d]! /= sizes.get(l)!)))
  return { k: order.length, labels: out, centroids }
}

/** Euclidean distance of each point to a centre. */
export const distancesTo = (matrix: number[][], centre: number[]) =>
  matrix.map((p) => Math.sqrt(squaredDistance(p, centre)))
