import { describe, expect, it } from 'vitest'
import {
  bandOf,
  checkMinWeightShare,
  checkModel,
  computeHealth,
  DEFAULT_MIN_WEIGHT_SHARE,
  defaultBands,
  defaultModelMetrics,
  diffContributions,
  missingMetrics,
  sameResult,
  scoreMetric,
  type ScoringModel,
} from './health-score'

const model: ScoringModel = { metrics: defaultModelMetrics, bands: defaultBands, lookbackDays: 90 }
const at = '2026-01-01T00:00:00.000Z'
const values = (v: Record<string, number>) =>
  Object.fromEntries(Object.entries(v).map(([k, value]) => [k, { value, at }]))

describe('bandOf', () => {
  it.each([
    [100, 'healthy'],
    [80, 'healthy'],
    [79.99, 'watch'],
    [60, 'watch'],
    [59.99, 'at_risk'],
    [0, 'at_risk'],
  ])('puts %d in band %s', (score, band) => expect(bandOf(score, defaultBands)).toBe(band))
})

describe('scoreMetric', () => {
  const minutes = defaultModelMetrics[1]!.scoring
  const issues = defaultModelMetrics[2]!.scoring
  const nps = defaultModelMetrics[3]!.scoring
  it.each([
    [minutes, 0, 0],
    [minutes, 60, 50],
    [minutes, 120, 100],
    [minutes, 500, 100],
    [minutes, -5, 0],
    [issues, 0, 100],
    [issues, 3, 70],
    [issues, 10, 0],
    [issues, 25, 0],
    [nps, -100, 0],
    [nps, 0, 50],
    [nps, 40, 70],
    [nps, 100, 100],
  ])('scores a linear metric: %j at %d → %d', (s, v, expected) =>
    expect(scoreMetric(s, v)).toBeCloseTo(expected, 10),
  )
  it.each([
    [85, 85],
    [120, 100],
    [-3, 0],
  ])('clamps an identity value %d to %d', (v, s) => expect(scoreMetric({ kind: 'identity' }, v)).toBe(s))
  it.each([
    [0, 0],
    [5, 40],
    [9.99, 40],
    [10, 90],
    [50, 90],
  ])('scores value %d in bands closed below as %d', (v, s) =>
    expect(
      scoreMetric(
        {
          kind: 'bands',
          bands: [
            { min: 10, score: 90 },
            { min: 5, score: 40 },
          ],
        },
        v,
      ),
    ).toBe(s),
  )
})

describe('computeHealth', () => {
  it('scores the default model on a hand-computed case', () => {
    // 40% × 85 + 30% × 50 (60 min) + 20% × 70 (3 issues) + 10% × 70 (NPS 40) = 34 + 15 + 14 + 7 = 70
    const r = computeHealth(
      model,
      values({ feature_usage: 85, meeting_minutes: 60, issue_feedback: 3, nps: 40 }),
    )
    expect(r).toMatchObject({ score: 70, band: 'watch', incomplete: false })
    expect(r.contributions.map((c) => c.contribution)).toEqual([34, 15, 14, 7])
    expect(r.contributions.map((c) => c.effectiveWeight)).toEqual([40, 30, 20, 10])
  })

  it.each([
    [{ feature_usage: 80, meeting_minutes: 96, issue_feedback: 2, nps: 60 }, 80, 'healthy'],
    [{ feature_usage: 60, meeting_minutes: 72, issue_feedback: 4, nps: 20 }, 60, 'watch'],
    [{ feature_usage: 59.975, meeting_minutes: 72, issue_feedback: 4, nps: 20 }, 59.99, 'at_risk'],
  ])('puts %j exactly at %d (%s)', (v, score, band) => {
    expect(computeHealth(model, values(v))).toMatchObject({ score, band })
  })

  it('renormalises the weights over the metrics with a value and marks the score incomplete', () => {
    // NPS missing: 40/90, 30/90, 20/90 of (100, 100, 100) = 100; then with usage 50: (40×50 + 30×100 + 20×100)/90
    const r = computeHealth(model, values({ feature_usage: 50, meeting_minutes: 120, issue_feedback: 0 }))
    expect(r.incomplete).toBe(true)
    expect(r.score).toBe(77.78)
    expect(r.band).toBe('watch')
    const nps = r.contributions.find((c) => c.metric === 'nps')!
    expect(nps).toMatchObject({ missing: true, value: null, contribution: null, effectiveWeight: 0 })
    expect(r.contributions[0]!.effectiveWeight).toBe(44.44)
  })

  it('has contributions that sum exactly to the score', () => {
    const cases: Record<string, number>[] = [
      { feature_usage: 33.333, meeting_minutes: 7, issue_feedback: 1 },
      { feature_usage: 12.345, meeting_minutes: 99, issue_feedback: 9, nps: -33 },
      { meeting_minutes: 1, nps: 1 },
    ]
    for (const v of cases) {
      // No minimum share here: the 40% of weight of the last case is scored too.
      const r = computeHealth({ ...model, minWeightShare: 0 }, values(v))
      const sum = r.contributions.reduce((s, c) => s + (c.contribution ?? 0), 0)
      expect(Math.round(sum * 100) / 100).toBe(r.score)
    }
  })

  it('gives no score when every metric is missing', () => {
    const r = computeHealth(model, {})
    expect(r).toMatchObject({
      score: null,
      band: null,
      status: 'insufficient_data',
      incomplete: true,
      coverage: 0,
    })
    expect(r.contributions.every((c) => c.missing)).toBe(true)
  })

  it('ignores values of metrics the model does not have', () => {
    expect(
      computeHealth(
        model,
        values({ feature_usage: 90, meeting_minutes: 120, issue_feedback: 0, login_frequency: 1 }),
      ),
    ).toMatchObject({ score: 95.56, band: 'healthy', status: 'scored', incomplete: true, coverage: 0.9 })
    expect(computeHealth(model, values({ login_frequency: 1 }))).toMatchObject({
      status: 'insufficient_data',
      coverage: 0,
    })
  })
})

describe('the minimum evidence share', () => {
  it('gives one meeting without a duration (30% of the weight) no score and no band, not 0 at risk', () => {
    // The defect: meeting_minutes 0 alone was renormalised to 100% → score 0, at risk, a danger alert.
    const r = computeHealth(model, values({ meeting_minutes: 0 }))
    expect(r).toMatchObject({ score: null, band: null, status: 'insufficient_data', coverage: 0.3 })
    expect(missingMetrics(r.contributions)).toEqual(['feature_usage', 'issue_feedback', 'nps'])
    // The metric that has a value still shows it and its own score, but contributes nothing.
    expect(r.contributions[1]).toMatchObject({
      metric: 'meeting_minutes',
      value: 0,
      score: 0,
      contribution: null,
      missing: false,
    })
  })

  it.each([
    // share of the weight with data, minWeightShare, status
    [{ feature_usage: 10 }, 0.5, 'insufficient_data'], // 40%
    [{ feature_usage: 10, nps: 0 }, 0.5, 'scored'], // 50%: the minimum itself is enough
    [{ feature_usage: 10, nps: 0 }, 0.51, 'insufficient_data'],
    [{ meeting_minutes: 0 }, 0.3, 'scored'], // 30% with a minimum of 30%
    [{ meeting_minutes: 0 }, 0, 'scored'], // no minimum: the old renormalisation
    [{ feature_usage: 1, meeting_minutes: 1, issue_feedback: 1, nps: 1 }, 1, 'scored'],
    [{ feature_usage: 1, meeting_minutes: 1, issue_feedback: 1 }, 1, 'insufficient_data'],
  ] as const)('%j with a minimum share of %d is %s', (v, minWeightShare, status) => {
    const r = computeHealth({ ...model, minWeightShare }, values(v))
    expect(r.status).toBe(status)
    expect(r.band === null).toBe(status === 'insufficient_data')
    expect(r.score === null).toBe(status === 'insufficient_data')
  })

  it('defaults to half of the weight when the model does not say', () => {
    expect(DEFAULT_MIN_WEIGHT_SHARE).toBe(0.5)
    expect(computeHealth(model, values({ feature_usage: 5 })).status).toBe('insufficient_data') // 40%
    expect(computeHealth(model, values({ feature_usage: 5, nps: 0 })).status).toBe('scored') // 50%
  })

  it('scores an at-risk account with enough evidence and keeps its band', () => {
    const r = computeHealth(model, values({ feature_usage: 5, meeting_minutes: 0 }))
    expect(r).toMatchObject({ status: 'scored', band: 'at_risk', coverage: 0.7, score: 2.86 })
  })

  it('refuses a share outside 0–1 with a specific message', () => {
    expect(checkMinWeightShare(0.5)).toEqual([])
    expect(checkMinWeightShare(undefined)).toEqual([])
    for (const bad of [-0.1, 1.5, Number.NaN, '0.5'])
      expect(checkMinWeightShare(bad)).toEqual([
        { path: 'minWeightShare', message: 'must be a share between 0 and 1 (0.5 = half of the weight)' },
      ])
  })

  it('sees a change of status as a different result', () => {
    const thin = computeHealth(model, values({ meeting_minutes: 0 }))
    const none = computeHealth(model, {})
    expect(sameResult(thin, thin)).toBe(true)
    expect(sameResult(thin, none)).toBe(false)
    expect(sameResult({ ...none, status: 'scored' }, none)).toBe(false)
  })
})

describe('checkModel', () => {
  it('accepts the default model', () => expect(checkModel({ metrics: defaultModelMetrics })).toEqual([]))
  it('names the sum when the weights do not sum to 100', () => {
    const metrics = defaultModelMetrics.map((m, i) => (i === 0 ? { ...m, weight: 35 } : m))
    expect(checkModel({ metrics })).toEqual([
      { path: 'metrics', message: 'the weights sum to 95; they must sum to exactly 100' },
    ])
  })
  it('refuses duplicate metrics and non-positive weights', () => {
    const metrics = [
      { ...defaultModelMetrics[0]!, weight: 100 },
      { ...defaultModelMetrics[0]!, weight: 0 },
    ]
    const paths = checkModel({ metrics }).map((e) => e.path)
    expect(paths).toEqual(['metrics.1.metric', 'metrics.1.weight'])
  })
  it('accepts weights that sum to 100 to the cent', () => {
    const metrics = [33.33, 33.33, 33.34].map((weight, i) => ({
      metric: `m${i}`,
      weight,
      scoring: { kind: 'identity' as const },
    }))
    expect(checkModel({ metrics })).toEqual([])
  })
})

describe('sameResult and diffContributions', () => {
  it('sees a changed metric value and lists the biggest mover first', () => {
    const a = computeHealth(
      model,
      values({ feature_usage: 85, meeting_minutes: 60, issue_feedback: 3, nps: 40 }),
    )
    const b = computeHealth(
      model,
      values({ feature_usage: 45, meeting_minutes: 60, issue_feedback: 4, nps: 40 }),
    )
    expect(sameResult(a, a)).toBe(true)
    expect(sameResult(a, b)).toBe(false)
    const d = diffContributions(a.contributions, b.contributions)
    expect(d[0]).toMatchObject({
      metric: 'feature_usage',
      before: { value: 85, contribution: 34 },
      after: { value: 45, contribution: 18 },
      delta: -16,
    })
    expect(d[1]).toMatchObject({ metric: 'issue_feedback', delta: -2 })
  })
})
