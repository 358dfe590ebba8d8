import { describe, expect, it } from 'vitest'
import type { ReportResult } from '@openkam/contract'
import { bucketLabel, changeOf, formatMeasure, groupLabel, groupOf } from './report-format'
import { buildChartOption } from './report-chart-option'
import { resultCsv } from './report-export'

const ctx = { lang: 'en', currency: 'CNY', none: '(none)', total: 'Total' }

const result: ReportResult = {
  object: 'accounts',
  columns: [
    { key: 'tier', label: 'Tier', type: 'string', role: 'group', field: 'tier' },
    { key: 'sum_annualSpend', label: 'ARR', type: 'money', role: 'measure' },
  ],
  rows: [
    ['strategic', 1200000],
    [null, 5],
  ],
  labels: { tier: { strategic: 'Strategic' } },
  asOf: '2026-12-05T10:00:00.000Z',
  truncated: false,
}

describe('report formatting', () => {
  it.each([
    ['2026-07-01', 'quarter', '2026-Q3'],
    ['2026-07-01', 'month', '2026-07'],
    ['2026-01-01T00:00:00.000Z', 'year', '2026'],
    ['2026-06-29', 'week', '2026-W27'],
    ['2025-12-29', 'week', '2026-W01'],
    ['2026-07-04', 'day', '2026-07-04'],
  ] as const)('names %s by its %s bucket as %s', (v, bucket, label) => {
    expect(bucketLabel(v, bucket)).toBe(label)
  })

  it.each([
    [1234567, 'money', 'CN¥1,234,567'],
    [0.425, 'ratio', '42.5%'],
    [35, 'percent', '35%'],
    [1234.5, 'number', '1,234.5'],
    [null, 'number', '—'],
  ] as const)('formats %s of type %s as %s', (v, type, text) => {
    expect(formatMeasure(v, type, ctx)).toBe(text)
  })

  it('shows groupings by their labels and a missing value as none', () => {
    expect(groupLabel(result, result.columns[0]!, 'strategic', ctx)).toBe('Strategic')
    expect(groupLabel(result, result.columns[0]!, null, ctx)).toBe('(none)')
  })

  it('keys a drill-down by the grouping field path', () => {
    expect(groupOf(result, result.rows[0]!)).toEqual({ tier: 'strategic' })
  })

  it('compares with the previous period only when there was a figure', () => {
    expect(changeOf(120, 100)).toBeCloseTo(0.2)
    expect(changeOf(80, 100)).toBeCloseTo(-0.2)
    expect(changeOf(80, 0)).toBeNull()
    expect(changeOf(80, null)).toBeNull()
  })

  it('exports CSV with the labels and plain numbers', () => {
    expect(resultCsv(result, ctx)).toBe('Tier,ARR\r\nStrategic,1200000\r\n(none),5\r\n')
  })
})

describe('chart options', () => {
  it('draws one bar per grouping value and drills into the clicked one', () => {
    const built = buildChartOption(result, { type: 'bar' }, ctx)
    const xAxis = built.option.xAxis as { data: string[] }
    expect(xAxis.data).toEqual(['Strategic', '(none)'])
    expect(built.target(0, 1)).toEqual({ group: { tier: null }, measureIndex: 0 })
  })

  it('stacks the second grouping as series', () => {
    const two: ReportResult = {
      ...result,
      columns: [
        { key: 'tier', label: 'Tier', type: 'string', role: 'group', field: 'accountId.tier' },
        { key: 'stage', label: 'Stage', type: 'string', role: 'group', field: 'stage' },
        { key: 'count', label: 'Deals', type: 'number', role: 'measure' },
      ],
      rows: [
        ['gold', 'won', 2],
        ['gold', 'lost', 1],
        ['silver', 'won', 4],
      ],
      labels: {},
    }
    const built = buildChartOption(two, { type: 'stacked_bar' }, ctx)
    const series = built.option.series as { name: string; data: (number | null)[]; stack?: string }[]
    expect(series.map((s) => [s.name, s.data, s.stack])).toEqual([
      ['won', [2, 4], 'total'],
      ['lost', [1, null], 'total'],
    ])
    expect(built.target(1, 0)).toEqual({
      group: { 'accountId.tier': 'gold', stage: 'lost' },
      measureIndex: 0,
    })
    expect(built.target(1, 1)).toBeNull()
  })

  it('puts a ratio beside a count on an axis of its own', () => {
    const mixed: ReportResult = {
      ...result,
      columns: [...result.columns, { key: 'win_rate', label: 'Win rate', type: 'ratio', role: 'measure' }],
      rows: [['strategic', 1200000, 0.5]],
    }
    const built = buildChartOption(mixed, { type: 'bar' }, ctx)
    expect((built.option.yAxis as unknown[]).length).toBe(2)
    expect((built.option.series as { yAxisIndex: number }[]).map((s) => s.yAxisIndex)).toEqual([0, 1])
    expect(built.target(1, 0)).toEqual({ group: { tier: 'strategic' }, measureIndex: 1 })
  })
})
