import { describe, expect, it } from 'vitest'
import type { DashboardData, ReportResult } from '@openkam/contract'
import { composeSummary, reportLines } from './subscription-summary'

const result = (rows: unknown[][]): ReportResult => ({
  object: 'opportunities',
  columns: [
    { key: 'stage', label: 'Stage', type: 'string', role: 'group', field: 'stage' },
    { key: 'win_rate', label: 'Win rate', type: 'ratio', role: 'measure' },
    { key: 'amount', label: 'Amount', type: 'money', role: 'measure' },
  ],
  rows,
  labels: { stage: { discovery: '初步接触', solution: '方案' } },
  asOf: '2026-12-07T00:00:00.000Z',
  truncated: false,
})

const data: DashboardData = {
  dashboardId: '00000000-0000-4000-8000-000000000001',
  filters: { period: 'this_quarter' },
  asOf: '2026-12-07T00:00:00.000Z',
  cached: false,
  widgets: [
    {
      id: 'wr',
      metric: {
        key: 'renewal_rate',
        label: '续约率',
        unit: 'percent',
        higherIsBetter: true,
        period: 'quarter',
        from: '2026-10-01',
        to: '2026-12-31',
        value: 87.5,
        previous: 80,
        sample: 8,
      },
    },
    { id: 'broken', error: 'gone' },
    {
      id: 'pipe',
      result: result([
        ['discovery', 0.5, 1200000],
        ['solution', null, 300],
      ]),
    },
  ],
}

describe('composeSummary', () => {
  it("writes the north star, each metric and the first rows of each report in the reader's language, leaving out widgets in error", () => {
    const out = composeSummary({
      lang: 'zh-CN',
      dashboard: {
        name: '续约看板',
        widgets: [{ id: 'wr' }, { id: 'broken', title: '坏的' }, { id: 'pipe' }],
      },
      data,
      reportNames: { pipe: '在途商机' },
      link: null,
      northStar: { metrics: [{ label: 'NPS', value: 42, target: 40, unit: 'score', status: 'met' }] },
    })
    expect(out.subject).toBe('仪表盘：续约看板')
    expect(out.body.split('\n')).toEqual([
      '【北极星指标】',
      'NPS: 42 (目标 40) — 已达成',
      '',
      '续约率: 87.5% (上期 80%)',
      '',
      '【在途商机】',
      '初步接触: Win rate: 50%, Amount: 1,200,000',
      '方案: Win rate: —, Amount: 300',
      '',
      '筛选: period=this_quarter',
      '数据时间: 2026-12-07 00:00 UTC',
    ])
    expect(out.body).not.toContain('坏的')
  })

  it('keeps to the first rows of a long report and says how many more there are', () => {
    const rows = Array.from({ length: 8 }, (_, i) => [`s${i}`, 0.1, i])
    const lines = reportLines(result(rows), 'en', 5)
    expect(lines).toHaveLength(6)
    expect(lines.at(-1)).toBe('… 3 more')
  })
})
