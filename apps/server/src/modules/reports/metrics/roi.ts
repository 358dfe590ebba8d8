import type { RoiRow } from '@openkam/contract'

/** Revenue and effort of the accounts of one segment and customer type (see roiGroups). */
export type RoiInput = {
  segment: string | null
  existing: boolean
  accounts: number
  revenue: number
  hours: number
  activityCost: number
  campaignCost: number
}
export type RoiLabels = {
  noSegment: string
  new: string
  existing: string
  total: string
  /** A segment key in words (as it is by default). */
  segment?: (key: string) => string
}

const cents = (n: number) => Math.round(n * 100) / 100

/** One row from the groups it sums: cost = activity cost + campaign cost, ROI = revenue ÷ cost (2 decimals). */
function rowOf(key: string | null, label: string, groups: RoiInput[]): RoiRow {
  const sum = (k: 'accounts' | 'revenue' | 'hours' | 'activityCost' | 'campaignCost') =>
    groups.reduce((n, g) => n + g[k], 0)
  const revenue = cents(sum('revenue'))
  const activityCost = cents(sum('activityCost'))
  const campaignCost = cents(sum('campaignCost'))
  const cost = cents(activityCost + campaignCost)
  return {
    key,
    label,
    accounts: sum('accounts'),
    revenue,
    activityHours: Math.round(sum('hours') * 10) / 10,
    activityCost,
    campaignCost,
    cost,
    roi: cost > 0 ? cents(revenue / cost) : null,
  }
}

/**
 * The ROI of effort per segment (largest revenue first, accounts without a segment last), per customer
 * type (new, then existing) and in total.
 * @example roiOf([{ segment: 'A', existing: true, accounts: 1, revenue: 1000, hours: 2, activityCost: 500, campaignCost: 0 }], labels).total.roi // → 2
 */
export function roiOf(groups: RoiInput[], labels: RoiLabels) {
  const segments = [...new Set(groups.map((g) => g.segment))]
  const bySegment = segments
    .map((s) =>
      rowOf(
        s,
        s === null ? labels.noSegment : (labels.segment?.(s) ?? s),
        groups.filter((g) => g.segment === s),
      ),
    )
    .sort(
      (x, y) =>
        Number(x.key === null) - Number(y.key === null) ||
        y.revenue - x.revenue ||
        x.label.localeCompare(y.label),
    )
  const byCustomerType = [
    rowOf(
      'new',
      labels.new,
      groups.filter((g) => !g.existing),
    ),
    rowOf(
      'existing',
      labels.existing,
      groups.filter((g) => g.existing),
    ),
  ]
  return { bySegment, byCustomerType, total: rowOf(null, labels.total, groups) }
}
