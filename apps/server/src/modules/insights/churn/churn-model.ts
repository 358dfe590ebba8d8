import LogisticRegression from 'ml-logistic-regression'
import { Matrix } from 'ml-matrix'
import { mean, sampleStandardDeviation } from 'simple-statistics'

/** One row of training data: an account's features as of before the outcome, and whether it churned. */
export type ChurnSample = { accountId: string; features: Record<string, number | null>; churned: boolean }

/** A trained model: what scoring needs (feature order, standardisation, weights) and how it did on held-out accounts. */
export type ChurnModel = {
  features: string[]
  means: number[]
  sds: number[]
  intercept: number
  weights: number[]
  auc: number
  samples: number
  trainSamples: number
  testSamples: number
}

/** What the model row keeps when training was refused: the counts its reason is told from, in either language. */
export type ChurnRefusal = { refusal: { churned: number; renewed: number } }

export type ChurnTraining =
  | { status: 'trained'; model: ChurnModel }
  | { status: 'insufficient_history'; samples: number; churned: number; renewed: number; reason: string }

/** The least history a model is trained from: outcomes in all, and of each class (churned, renewed). */
export const MIN_OUTCOMES = 30
export const MIN_PER_CLASS = 8
/** The share of accounts held out to measure the AUC. */
export const TEST_SHARE = 0.3
const STEPS = 3000

/** A small seeded PRNG (mulberry32): the split is the same for the same seed. */
export function seededRandom(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Area under the ROC curve: the chance a random churned sample scores above a random renewed one (ties
 * count half). Null when either class is absent.
 */
export function auc(scores: number[], churned: boolean[]): number | null {
  const pos = scores.filter((_, i) => churned[i])
  const neg = scores.filter((_, i) => !churned[i])
  if (!pos.length || !neg.length) return null
  let wins = 0
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0
  return wins / (pos.length * neg.length)
}

/** Accounts split into training and held-out sets (all of an account's samples on one side), seeded. */
export function splitByAccount(samples: ChurnSample[], seed: number) {
  const rnd = seededRandom(seed)
  const ids = [...new Set(samples.map((s) => s.accountId))].sort()
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1))
    ;[ids[i], ids[j]] = [ids[j]!, ids[i]!]
  }
  const test = new Set(ids.slice(0, Math.max(1, Math.round(ids.length * TEST_SHARE))))
  return {
    train: samples.filter((s) => !test.has(s.accountId)),
    test: samples.filter((s) => test.has(s.accountId)),
  }
}

/** Why a workspace's history is too little to train from, or null when it is enough. */
export function insufficiency(samples: ChurnSample[]) {
  const churned = samples.filter((s) => s.churned).length
  const renewed = samples.length - churned
  if (samples.length >= MIN_OUTCOMES && churned >= MIN_PER_CLASS && renewed >= MIN_PER_CLASS) return null
  return {
    samples: samples.length,
    churned,
    renewed,
    reason: `${samples.length} ended contracts (${churned} churned, ${renewed} renewed); the model needs at least ${MIN_OUTCOMES}, with at least ${MIN_PER_CLASS} of each`,
  }
}

/**
 * Trains a logistic regression on standardised features (missing values take the training mean, so they
 * add nothing), validated on held-out accounts. Deterministic: the seed fixes the split, and gradient
 * ascent starts from zero weights.
 */
export function trainChurnModel(samples: ChurnSample[], seed = 1): ChurnTraining {
  const short = insufficiency(samples)
  if (short) return { status: 'insufficient_history', ...short }
  const { train, test } = splitByAccount(samples, seed)
  const features = [...new Set(samples.flatMap((s) => Object.keys(s.features)))].sort()
  const means: number[] = []
  const sds: number[] = []
  for (const f of features) {
    const xs = train.map((s) => s.features[f]).filter((v): v is number => v !== null && v !== undefined)
    const m = xs.length ? mean(xs) : 0
    const sd = xs.length > 1 ? sampleStandardDeviation(xs) : 0
    means.push(m)
    sds.push(sd > 1e-9 ? sd : 1)
  }
  const partial = { features, means, sds }
  const rows = (list: ChurnSample[]) => list.map((s) => [1, ...standardise(partial, s.features)])
  const lr = new LogisticRegression({ numSteps: STEPS, learningRate: 0.5 / train.length })
  lr.train(new Matrix(rows(train)), Matrix.columnVector(train.map((s) => (s.churned ? 1 : 0))))
  // With two classes, the first classifier is "not class 0", i.e. the probability of churn.
  const w = lr.classifiers[0]!.weights.to1DArray()
  const model: ChurnModel = {
    ...partial,
    intercept: w[0]!,
    weights: w.slice(1),
    auc: 0,
    samples: samples.length,
    trainSamples: train.length,
    testSamples: test.length,
  }
  const scores = test.map((s) => churnRisk(model, s.features).probability)
  model.auc = round(
    auc(
      scores,
      test.map((s) => s.churned),
    ) ?? 0.5,
    4,
  )
  return { status: 'trained', model }
}

const standardise = (m: Pick<ChurnModel, 'features' | 'means' | 'sds'>, x: Record<string, number | null>) =>
  m.features.map((f, j) => {
    const v = x[f]
    return v === null || v === undefined || !Number.isFinite(v) ? 0 : (v - m.means[j]!) / m.sds[j]!
  })

export type ChurnDriver = {
  feature: string
  direction: 'raises' | 'lowers'
  contribution: number
  value: number | null
}

/**
 * An account's probability of churn and what drives it: each feature's contribution is its weight times its
 * standardised value (log-odds, against an average account); intercept + all contributions = logit(p).
 * Drivers are the features that move the risk most, largest first.
 */
export function churnRisk(model: ChurnModel, x: Record<string, number | null>, top = 5) {
  const z = standardise(model, x)
  const contributions = model.features.map((f, j) => ({ feature: f, c: model.weights[j]! * z[j]! }))
  const logit = model.intercept + contributions.reduce((s, c) => s + c.c, 0)
  const drivers: ChurnDriver[] = contributions
    .filter((c) => Math.abs(c.c) > 1e-6)
    .sort((a, b) => Math.abs(b.c) - Math.abs(a.c) || a.feature.localeCompare(b.feature))
    .slice(0, top)
    .map((c) => ({
      feature: c.feature,
      direction: c.c > 0 ? 'raises' : 'lowers',
      contribution: round(c.c, 4),
      value: x[c.feature] ?? null,
    }))
  return { probability: round(1 / (1 + Math.exp(-logit)), 4), logit, drivers, all: contributions }
}

const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d
