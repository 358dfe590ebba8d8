import { describe, expect, it } from 'vitest'
import {
  auc,
  churnRisk,
  seededRandom,
  splitByAccount,
  trainChurnModel,
  type ChurnSample,
} from './churn-model'

/** Accounts whose churn follows low health and departed key contacts; tickets are noise. */
function planted(n: number, seed: number): ChurnSample[] {
  const rnd = seededRandom(seed)
  return Array.from({ length: n }, (_, i) => {
    const health = 30 + rnd() * 60
    const left = rnd() < 0.3 ? 1 : 0
    const tickets = Math.floor(rnd() * 6)
    const risk = (60 - health) / 8 + 2.5 * left + (rnd() - 0.5) * 2
    return {
      accountId: `a${String(i).padStart(4, '0')}`,
      features: {
        health_score: health,
        key_contacts_left: left,
        tickets_90d: tickets,
        nps: i % 7 ? 20 : null,
      },
      churned: risk > 0.5,
    }
  })
}

describe('the churn model', () => {
  it('reaches an AUC of at least 0.8 on held-out accounts when a signal is planted', () => {
    const r = trainChurnModel(planted(300, 7), 1)
    expect(r.status).toBe('trained')
    if (r.status !== 'trained') return
    expect(r.model.auc).toBeGreaterThanOrEqual(0.8)
    expect(r.model.testSamples + r.model.trainSamples).toBe(300)
    // Low health and departed contacts raise the risk.
    const w = (f: string) => r.model.weights[r.model.features.indexOf(f)]!
    expect(w('health_score')).toBeLessThan(0)
    expect(w('key_contacts_left')).toBeGreaterThan(0)
  })

  it('trains the same model twice with the same seed, and another split with another', () => {
    const data = planted(120, 3)
    const a = trainChurnModel(data, 5)
    const b = trainChurnModel(data, 5)
    expect(b).toEqual(a)
    const s1 = splitByAccount(data, 5).test.map((s) => s.accountId)
    const s2 = splitByAccount(data, 6).test.map((s) => s.accountId)
    expect(s1).not.toEqual(s2)
  })

  it('holds out whole accounts: no account on both sides', () => {
    const data = planted(60, 4).flatMap((s) => [s, { ...s, churned: false }])
    const { train, test } = splitByAccount(data, 2)
    const inTrain = new Set(train.map((s) => s.accountId))
    expect(test.some((s) => inTrain.has(s.accountId))).toBe(false)
    expect(test.length).toBe(36)
  })

  it.each([
    [29, 10, 'fewer than 30 outcomes'],
    [40, 7, 'fewer than 8 churned'],
    [40, 33, 'fewer than 8 renewed'],
  ])('refuses %d outcomes with %d churned (%s) and says why', (n, churned) => {
    const data = planted(n, 9).map((s, i) => ({ ...s, churned: i < churned }))
    const r = trainChurnModel(data, 1)
    expect(r).toMatchObject({ status: 'insufficient_history', samples: n, churned })
    if (r.status === 'insufficient_history')
      expect(r.reason).toContain('at least 30, with at least 8 of each')
  })

  it('explains a probability: intercept plus contributions is its log-odds, drivers signed and ordered', () => {
    const r = trainChurnModel(planted(200, 11), 1)
    if (r.status !== 'trained') throw new Error('not trained')
    const risky = churnRisk(r.model, { health_score: 35, key_contacts_left: 1, tickets_90d: 2, nps: null })
    const sum = r.model.intercept + risky.all.reduce((s, c) => s + c.c, 0)
    expect(1 / (1 + Math.exp(-sum))).toBeCloseTo(risky.probability, 4)
    expect(risky.probability).toBeGreaterThan(0.5)
    expect(risky.drivers[0]).toMatchObject({ direction: 'raises' })
    for (const d of risky.drivers) expect(d.direction === 'raises').toBe(d.contribution > 0)
    const sizes = risky.drivers.map((d) => Math.abs(d.contribution))
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes)
    // A missing value takes the training mean: it drives nothing.
    expect(risky.drivers.find((d) => d.feature === 'nps')).toBeUndefined()
    const safe = churnRisk(r.model, { health_score: 88, key_contacts_left: 0, tickets_90d: 2, nps: 20 })
    expect(safe.probability).toBeLessThan(risky.probability)
    expect(safe.drivers.find((d) => d.feature === 'health_score')?.direction).toBe('lowers')
  })

  it.each([
    [[0.9, 0.8, 0.2, 0.1], [true, true, false, false], 1],
    [[0.1, 0.2, 0.8, 0.9], [true, true, false, false], 0],
    [[0.5, 0.5, 0.5, 0.5], [true, false, true, false], 0.5],
    [[0.9, 0.3, 0.5, 0.1], [true, true, false, false], 0.75],
  ])('computes the AUC of %j for %j as %d', (scores, churned, expected) => {
    expect(auc(scores, churned)).toBe(expected)
  })
})
