import type { DashboardWidget } from '@openkam/contract'
import { moveElement, verticalCompactor, type LayoutItem } from 'react-grid-layout/core'

export type GridItem = { i: string; x: number; y: number; w: number; h: number }

/** The grid's layout of the widgets (react-grid-layout items keyed by the widget's id). */
export const layoutOf = (widgets: DashboardWidget[]): GridItem[] =>
  widgets.map((w) => ({ i: w.id, x: w.x, y: w.y, w: w.w, h: w.h }))

/** The widgets placed as the grid says (widgets missing from the layout keep their place). */
export function applyLayout(widgets: DashboardWidget[], layout: readonly GridItem[]): DashboardWidget[] {
  const at = new Map(layout.map((l) => [l.i, l]))
  return widgets.map((w) => {
    const l = at.get(w.id)
    if (!l) return w
    const width = Math.max(1, Math.min(12, l.w))
    return {
      ...w,
      x: Math.max(0, Math.min(12 - width, l.x)),
      y: Math.max(0, l.y),
      w: width,
      h: Math.max(1, l.h),
    }
  })
}

/** Whether two widget lists place every widget the same way. */
export const samePlaces = (a: DashboardWidget[], b: DashboardWidget[]) =>
  a.length === b.length &&
  a.every((w, i) => {
    const o = b[i]!
    return o.id === w.id && o.x === w.x && o.y === w.y && o.w === w.w && o.h === w.h
  })

type NewWidget = Pick<DashboardWidget, 'reportId' | 'metric' | 'view' | 'title'>

/** Default sizes: a KPI card is small, a chart half the width, a table-like view wider. */
export function defaultSize(kind: NewWidget): { w: number; h: number } {
  if (kind.metric) return { w: 3, h: 2 }
  if (kind.view === 'north_star') return { w: 6, h: 3 }
  if (kind.view) return { w: 6, h: 4 }
  return { w: 6, h: 4 }
}

/**
 * A new widget at the bottom of the dashboard, in the first row where it fits beside the last widgets.
 * @example placeWidget([], { metric: 'nps' }, 'w1') // → { id: 'w1', metric: 'nps', x: 0, y: 0, w: 3, h: 2 }
 */
export function placeWidget(widgets: DashboardWidget[], kind: NewWidget, id: string): DashboardWidget {
  const { w, h } = defaultSize(kind)
  const bottom = widgets.reduce((m, x) => Math.max(m, x.y + x.h), 0)
  // Try the last row first: free columns to the right of the widgets that reach the bottom.
  const lastRow = widgets.filter((x) => x.y + x.h === bottom)
  const top = lastRow.length ? Math.min(...lastRow.map((x) => x.y)) : 0
  const rowWidgets = widgets.filter((x) => x.y < top + h && x.y + x.h > top)
  const right = rowWidgets.reduce((m, x) => Math.max(m, x.x + x.w), 0)
  const fitsBeside = lastRow.length > 0 && right + w <= 12
  const clean = Object.fromEntries(Object.entries(kind).filter(([, v]) => v !== undefined && v !== ''))
  return fitsBeside ? { id, ...clean, x: right, y: top, w, h } : { id, ...clean, x: 0, y: bottom, w, h }
}

/** A widget id unique within the dashboard. */
export function newWidgetId(widgets: DashboardWidget[]): string {
  const used = new Set(widgets.map((w) => w.id))
  for (let n = widgets.length + 1; ; n++) if (!used.has(`w${n}`)) return `w${n}`
}

export type Nudge = 'left' | 'right' | 'up' | 'down' | 'wider' | 'narrower' | 'taller' | 'shorter'

/**
 * A widget moved or resized one step from the keyboard, the others pushed aside and the grid compacted
 * upwards as a drag would (react-grid-layout's own collision handling).
 * @example nudge(layout, 'a', 'wider') // → a one column wider, neighbours moved when it overlaps them
 */
export function nudge(layout: readonly GridItem[], id: string, how: Nudge): GridItem[] {
  const items: LayoutItem[] = layout.map((l) => ({ ...l }))
  const item = items.find((l) => l.i === id)
  if (!item) return [...layout]
  let next: readonly LayoutItem[] = items
  if (how === 'left' || how === 'right') {
    const x = Math.max(0, Math.min(12 - item.w, item.x + (how === 'left' ? -1 : 1)))
    next = moveElement(items, item, x, item.y, true, false, 'vertical', 12)
  } else if (how === 'up') {
    // Up past the widget above it: to that widget's top (compaction would pull one row back).
    const above = items
      .filter((o) => o !== item && o.y + o.h <= item.y && o.x < item.x + item.w && o.x + o.w > item.x)
      .sort((a, b) => b.y + b.h - (a.y + a.h))[0]
    next = moveElement(
      items,
      item,
      item.x,
      above ? above.y : Math.max(0, item.y - 1),
      true,
      false,
      'vertical',
      12,
    )
  } else if (how === 'down') {
    const below = items
      .filter((o) => o !== item && o.y >= item.y + item.h && o.x < item.x + item.w && o.x + o.w > item.x)
      .sort((a, b) => a.y - b.y)[0]
    if (!below) return [...layout]
    // Swap with the widget below: it takes this one's top, this one goes under it.
    below.y = item.y
    item.y = item.y + below.h
    next = items
  } else {
    const dw = how === 'wider' ? 1 : how === 'narrower' ? -1 : 0
    const dh = how === 'taller' ? 1 : how === 'shorter' ? -1 : 0
    item.w = Math.max(1, Math.min(12 - item.x, item.w + dw))
    item.h = Math.max(1, Math.min(20, item.h + dh))
    // Whatever the larger widget now covers moves out of its way.
    for (const o of items)
      if (
        o !== item &&
        o.x < item.x + item.w &&
        o.x + o.w > item.x &&
        o.y < item.y + item.h &&
        o.y + o.h > item.y
      )
        next = moveElement(next as LayoutItem[], o, o.x, item.y + item.h, true, false, 'vertical', 12)
  }
  return verticalCompactor.compact(next, 12).map(({ i, x, y, w, h }) => ({ i, x, y, w, h }))
}
