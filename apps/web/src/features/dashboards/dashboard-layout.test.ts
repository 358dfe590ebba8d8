import { describe, expect, it } from 'vitest'
import type { DashboardWidget } from '@openkam/contract'
import { applyLayout, nudge, newWidgetId, placeWidget, samePlaces } from './dashboard-layout'

const w = (id: string, x: number, y: number, wd: number, h: number): DashboardWidget => ({
  id,
  metric: 'nps',
  x,
  y,
  w: wd,
  h,
})

describe('widget layout', () => {
  it('applies the grid layout and keeps every widget inside 12 columns', () => {
    const out = applyLayout(
      [w('a', 0, 0, 6, 4), w('b', 6, 0, 6, 4)],
      [
        { i: 'a', x: 0, y: 4, w: 12, h: 3 },
        { i: 'b', x: 10, y: 0, w: 4, h: 2 },
      ],
    )
    expect(out.map(({ x, y, w, h }) => [x, y, w, h])).toEqual([
      [0, 4, 12, 3],
      [8, 0, 4, 2],
    ])
    expect(
      samePlaces(
        out,
        out.map((x) => ({ ...x })),
      ),
    ).toBe(true)
    expect(samePlaces(out, [w('a', 0, 0, 6, 4), w('b', 6, 0, 6, 4)])).toBe(false)
  })

  it.each([
    ['an empty dashboard at the top left', [], { x: 0, y: 0 }],
    ['beside the last widget when it fits', [w('a', 0, 0, 6, 4)], { x: 6, y: 0 }],
    ['below when the last row is full', [w('a', 0, 0, 8, 4)], { x: 0, y: 4 }],
  ])('places a new chart in %s', (_name, widgets, at) => {
    const placed = placeWidget(widgets, { reportId: '00000000-0000-0000-0000-000000000001' }, 'n')
    expect({ x: placed.x, y: placed.y }).toEqual(at)
    expect(placed.x + placed.w).toBeLessThanOrEqual(12)
  })

  it('makes a widget id not used yet', () => {
    expect(newWidgetId([w('w1', 0, 0, 1, 1), w('w3', 0, 0, 1, 1)])).toBe('w4')
    expect(newWidgetId([w('w3', 0, 0, 1, 1)])).toBe('w2')
  })
})

describe('moving widgets from the keyboard', () => {
  const grid = [
    { i: 'a', x: 0, y: 0, w: 6, h: 2 },
    { i: 'b', x: 6, y: 0, w: 6, h: 2 },
    { i: 'c', x: 0, y: 2, w: 6, h: 3 },
  ]
  const at = (l: ReturnType<typeof nudge>, id: string) => l.find((x) => x.i === id)!
  it('swaps a widget with the one below it and back up', () => {
    const down = nudge(grid, 'a', 'down')
    expect(at(down, 'c')).toMatchObject({ y: 0 })
    expect(at(down, 'a')).toMatchObject({ y: 3 })
    const up = nudge(down, 'a', 'up')
    expect(at(up, 'a')).toMatchObject({ y: 0 })
    expect(at(up, 'c').y).toBeGreaterThanOrEqual(2)
  })
  it('widens a widget and pushes the one it now covers below it', () => {
    const wide = nudge(grid, 'a', 'wider')
    expect(at(wide, 'a')).toMatchObject({ x: 0, w: 7 })
    const b = at(wide, 'b')
    expect(b.y >= 2 || b.x >= 7).toBe(true)
  })
  it('keeps a widget inside the grid', () => {
    expect(at(nudge(grid, 'b', 'right'), 'b')).toMatchObject({ x: 6 })
    expect(at(nudge(grid, 'a', 'narrower'), 'a')).toMatchObject({ w: 5 })
    expect(at(nudge(grid, 'a', 'left'), 'a')).toMatchObject({ x: 0 })
  })
})
