import { mean, sampleStandardDeviation } from 'simple-statistics'
import type { FeatureSpec, Labels, RawRow } from './cluster-features'
import type { StoredCluster, StoredLookalike } from './cluster-result'
import { numberText } from './cluster-traits'
import type { AccountRow } from './cluster.repository'

/** How many of the nearest accounts a run keeps (the route filters them by what the caller may read). */
export const KEPT = 100
/** The reasons named per account. */
const REASONS = 3

/** Already where the lookalike list wants others to be: class A or the strategic tier. */
export const alreadyTop = (r: { tier: string | null; potentialClass: string | null }) =>
  r.tier === 'strategic' || r.potentialClass === 'A'

/**
 * "Accounts like our best": the accounts (prospects included) that are not class A nor strategic, nearest
 * the best cluster's centre first. `similarity` is the share of the best cluster's own accounts further
 * from the centre — 0.6 means closer than 60% of its members. The reasons are the cluster's traits the
 * account shares, in words.
 */
export function lookalikesOf(
  rows: AccountRow[],
  raw: RawRow[],
  specs: FeatureSpec[],
  best: StoredCluster,
  labels: number[],
  distances: number[],
): StoredLookalike[] {
  const memberDistances = distances.filter((_, i) => labels[i] === best.id)
  const stats = numberStats(raw, specs)
  const bySpec = new Map(specs.map((s) => [s.field, s]))
  return rows
    .map((r, i) => ({ r, i, d: distances[i]! }))
    .filter(({ r }) => !alreadyTop(r))
    .sort((a, b) => a.d - b.d || a.r.id.localeCompare(b.r.id))
    .slice(0, KEPT)
    .map(({ r, i, d }) => {
      const further = memberDistances.filter((m) => m > d).length
      const reasons: Labels[] = []
      for (const t of best.traits) {
        if (reasons.length >= REASONS) break
        const [field, option] = t.field.split('=') as [string, string | undefined]
        const spec = bySpec.get(field)
        const v = raw[i]!.values[field]
        if (!spec || v === null || v === undefined) continue
        if (spec.kind === 'select') {
          if (t.direction !== 'more' || v !== option) continue
          const o = spec.options.find((x) => x.value === option)!
          const share = Math.round(sharesOf(raw, labels, best.id, field, option!) * 100)
          reasons.push({
            en: `${spec.label.en}: ${o.label.en}, like ${share}% of the best cluster`,
            'zh-CN': `${spec.label['zh-CN']}：${o.label['zh-CN']}，与最佳客户群中 ${share}% 的客户相同`,
          })
        } else {
          const s = stats.get(field)
          if (!s) continue
          const z = (tr(spec, Number(v)) - s.centre) / s.sd
          if ((t.direction === 'higher' && z >= 0.5) || (t.direction === 'lower' && z <= -0.5))
            reasons.push(numberText(spec, Number(v), s.rawMean))
        }
      }
      return {
        accountId: r.id,
        distance: Math.round(d * 1000) / 1000,
        similarity: memberDistances.length ? Math.round((further / memberDistances.length) * 1000) / 1000 : 0,
        reasons,
      }
    })
}

const tr = (spec: Extract<FeatureSpec, { kind: 'number' }>, v: number) =>
  spec.log ? Math.log1p(Math.max(0, v)) : v

function numberStats(raw: RawRow[], specs: FeatureSpec[]) {
  const out = new Map<string, { centre: number; sd: number; rawMean: number }>()
  for (const s of specs) {
    if (s.kind !== 'number') continue
    const known = raw.map((r) => r.values[s.field]).filter((v): v is number => typeof v === 'number')
    if (known.length < 2) continue
    const xs = known.map((v) => tr(s, v))
    const sd = sampleStandardDeviation(xs)
    if (sd > 1e-12) out.set(s.field, { centre: mean(xs), sd, rawMean: mean(known) })
  }
  return out
}

function sharesOf(raw: RawRow[], labels: number[], cluster: number, field: string, option: string) {
  let n = 0
  let c = 0
  raw.forEach((r, i) => {
    if (labels[i] !== cluster) return
    n++
    if (r.values[field] === option) c++
  })
  return n ? c / n : 0
}
