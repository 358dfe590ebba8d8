import ReactGridLayout, { useContainerWidth, verticalCompactor, type Layout } from 'react-grid-layout'
import 'react-grid-layout/css/styles.css'
import 'react-resizable/css/styles.css'
import type { DashboardWidget, SavedReport } from '@openkam/contract'
import { layoutOf, nudge, type GridItem, type Nudge } from './dashboard-layout'
import type { WidgetData } from './dashboards.queries'
import { HEADER, WidgetCard } from './WidgetCard'

const ROW = 80
const GAP = 12
/** Below this width the widgets stack in one column, each as tall as on the grid. */
const NARROW = 700

const heightOf = (h: number) => h * ROW + (h - 1) * GAP

/**
 * The dashboard's 12-column grid (react-grid-layout). While editing, widgets move by their title bar and
 * resize by their corner — or one step at a time from each widget's menu, for the keyboard; every change
 * is reported once, when the move ends.
 */
export function DashboardGrid({
  widgets,
  reports,
  data,
  loading,
  editing,
  onLayout,
  onDrill,
  onRename,
  onRemove,
}: {
  widgets: DashboardWidget[]
  reports: Map<string, SavedReport>
  data: Map<string, WidgetData>
  loading: boolean
  editing: boolean
  onLayout: (layout: GridItem[]) => void
  onDrill: (widget: DashboardWidget, group: Record<string, unknown>, measureIndex?: number) => void
  onRename: (widget: DashboardWidget) => void
  onRemove: (widget: DashboardWidget) => void
}) {
  const { width, containerRef, mounted } = useContainerWidth()
  const layout = layoutOf(widgets)
  const card = (w: DashboardWidget, bodyHeight: number) => (
    <WidgetCard
      widget={w}
      report={w.reportId ? reports.get(w.reportId) : undefined}
      data={data.get(w.id)}
      loading={loading}
      bodyHeight={bodyHeight}
      editing={editing}
      onDrill={onDrill}
      onRename={() => onRename(w)}
      onRemove={() => onRemove(w)}
      onNudge={(how: Nudge) => onLayout(nudge(layout, w.id, how))}
    />
  )
  const narrow = mounted && width < NARROW
  // Reading order on a phone: top to bottom, then left to right.
  const ordered = [...widgets].sort((a, b) => a.y - b.y || a.x - b.x)
  const changed = (next: Layout) => onLayout(next.map(({ i, x, y, w, h }) => ({ i, x, y, w, h })))
  return (
    <div ref={containerRef} className="dashboard-grid">
      {mounted && narrow && (
        <div className="dashboard-stack">
          {ordered.map((w) => (
            <div key={w.id} style={{ height: Math.min(heightOf(w.h), 520) }}>
              {card(w, Math.min(heightOf(w.h), 520) - HEADER - 16)}
            </div>
          ))}
        </div>
      )}
      {mounted && !narrow && (
        <ReactGridLayout
          width={width}
          layout={layout}
          gridConfig={{ cols: 12, rowHeight: ROW, margin: [GAP, GAP], containerPadding: [0, 0] }}
          dragConfig={{ enabled: editing, handle: '.dashboard-widget-head', cancel: '.no-drag' }}
          resizeConfig={{ enabled: editing }}
          compactor={verticalCompactor}
          onDragStop={(l) => changed(l)}
          onResizeStop={(l) => changed(l)}
        >
          {widgets.map((w) => (
            <div key={w.id}>{card(w, heightOf(w.h) - HEADER - 16)}</div>
          ))}
        </ReactGridLayout>
      )}
    </div>
  )
}
