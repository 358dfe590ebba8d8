import { describe, expect, it } from 'vitest'
import { roiOf, type RoiInput } from './roi'

const labels = { noSegment: 'No segment', new: 'New', existing: 'Existing', total: 'Total' }
const g = (
  segment: string | null,
  existing: boolean,
  revenue: number,
  activityCost: number,
  campaignCost = 0,
): RoiInput => ({
  segment,
  existing,
  accounts: 1,
  revenue,
  hours: activityCost / 100,
  activityCost,
  campaignCost,
})

describe('roiOf', () => {
  const out = roiOf(
    [
      g('Manufacturing', true, 90_000, 3_000),
      g('Manufacturing', false, 10_000, 1_000, 1_000),
      g(null, false, 0, 500),
      g('Finance', true, 120_000, 6_000),
    ],
    labels,
  )

  it('sums revenue and cost per segment, largest revenue first and no segment last', () => {
    expect(out.bySegment.map((r) => [r.label, r.revenue, r.cost, r.roi, r.accounts])).toEqual([
      ['Finance', 120_000, 6_000, 20, 1],
      ['Manufacturing', 100_000, 5_000, 20, 2],
      ['No segment', 0, 500, 0, 1],
    ])
  })

  it('splits new from existing accounts and adds campaign spend to the cost', () => {
    const [fresh, existing] = out.byCustomerType
    expect(fresh).toMatchObject({
      key: 'new',
      revenue: 10_000,
      activityCost: 1_500,
      campaignCost: 1_000,
      cost: 2_500,
      roi: 4,
    })
    expect(existing).toMatchObject({ key: 'existing', revenue: 210_000, cost: 9_000, roi: 23.33 })
    expect(out.total).toMatchObject({
      accounts: 4,
      revenue: 220_000,
      cost: 11_500,
      roi: 19.13,
      activityHours: 105,
    })
  })

  it('has no ROI without cost', () => {
    expect(roiOf([g('A', false, 5_000, 0)], labels).total.roi).toBeNull()
    expect(roiOf([], labels).total).toMatchObject({ accounts: 0, revenue: 0, cost: 0, roi: null })
  })
})
