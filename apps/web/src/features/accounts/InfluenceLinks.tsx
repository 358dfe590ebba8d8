import { useLayoutEffect, useRef, useState, type ReactNode } from 'react'
import { Space } from 'antd'
import { useTranslation } from 'react-i18next'
import type { DecisionMapContact } from './decisionMap.queries'

export const influenceColor = '#722ed1'

type Box = { x: number; y: number; hw: number; hh: number }
type Link = { from: string; to: string; d: string; faded: boolean }

/** Where the segment from the centre of `a` towards the centre of `b` leaves the box `a`. */
function edge(a: Box, b: Box) {
  const dx = b.x - a.x
  const dy = b.y - a.y
  const t = Math.min(dx ? a.hw / Math.abs(dx) : Infinity, dy ? a.hh / Math.abs(dy) : Infinity, 1)
  return { x: a.x + dx * t, y: a.y + dy * t }
}

/** A gently curved path from card `a` to card `b`, clear of both cards, so the arrowhead shows. */
function pathBetween(a: Box, b: Box) {
  const p = edge(a, b)
  const q = edge(b, a)
  const mx = (p.x + q.x) / 2
  const my = (p.y + q.y) / 2
  // Bend sideways by a fifth of the length so links do not hide the reporting lines.
  const cx = mx - (q.y - p.y) * 0.2
  const cy = my + (q.x - p.x) * 0.2
  return `M${p.x.toFixed(1)},${p.y.toFixed(1)} Q${cx.toFixed(1)},${cy.toFixed(1)} ${q.x.toFixed(1)},${q.y.toFixed(1)}`
}

/**
 * The org chart with its "influences" links drawn over the cards as dashed arrows from the
 * influencer to the person influenced. Cards are found by `data-node-id` and measured after layout and on
 * resize (the box is this component's own element, so it is attached when the layout effect runs), in the
 * chart's own pixels whatever the zoom.
 */
export function InfluenceChart({
  contacts,
  children,
}: {
  contacts: DecisionMapContact[]
  children: ReactNode
}) {
  const box = useRef<HTMLDivElement>(null)
  const [state, setState] = useState<{ links: Link[]; w: number; h: number }>({ links: [], w: 0, h: 0 })
  useLayoutEffect(() => {
    const el = box.current
    if (!el) return
    const measure = () => {
      const frame = el.getBoundingClientRect()
      // The chart may be zoomed (OrgChartViewport): screen pixels back to the chart's own.
      const s = el.offsetWidth ? frame.width / el.offsetWidth : 1
      const boxOf = (id: string): Box | null => {
        const n = el.querySelector(`[data-node-id="${id}"]`)
        if (!n) return null
        const r = n.getBoundingClientRect()
        return {
          x: (r.left - frame.left + r.width / 2) / s,
          y: (r.top - frame.top + r.height / 2) / s,
          hw: r.width / s / 2 + 2,
          hh: r.height / s / 2 + 2,
        }
      }
      const links: Link[] = []
      for (const c of contacts) {
        const a = boxOf(c.id)
        if (!a) continue
        for (const to of c.influences) {
          const b = boxOf(to)
          if (b && to !== c.id)
            links.push({
              from: c.id,
              to,
              d: pathBetween(a, b),
              faded: c.former || !!contacts.find((x) => x.id === to)?.former,
            })
        }
      }
      setState({ links, w: el.offsetWidth, h: el.offsetHeight })
    }
    measure()
    const ro = new ResizeObserver(measure)
    ro.observe(el)
    return () => ro.disconnect()
  }, [contacts])
  return (
    <div className="org-chart" ref={box} style={{ position: 'relative' }}>
      {children}
      {state.links.length > 0 && <InfluenceArrows links={state.links} w={state.w} h={state.h} />}
    </div>
  )
}

function InfluenceArrows({ links, w, h }: { links: Link[]; w: number; h: number }) {
  return (
    <svg
      aria-hidden
      width={w}
      height={h}
      style={{ position: 'absolute', left: 0, top: 0, pointerEvents: 'none', overflow: 'visible' }}
    >
      <defs>
        <marker
          id="dm-influence-arrow"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="8"
          markerHeight="8"
          orient="auto"
        >
          <path d="M0,0 L10,5 L0,10 z" fill={influenceColor} />
        </marker>
      </defs>
      {links.map((l) => (
        <path
          key={`${l.from}-${l.to}`}
          data-testid={`dm-influence-${l.from}-${l.to}`}
          d={l.d}
          fill="none"
          stroke={influenceColor}
          strokeWidth={1.5}
          strokeDasharray="6 4"
          opacity={l.faded ? 0.35 : 0.9}
          markerEnd="url(#dm-influence-arrow)"
        />
      ))}
    </svg>
  )
}

/** What the two kinds of line on the org chart mean. */
export function ChartLegend() {
  const { t } = useTranslation()
  return (
    <Space size="large" className="org-sub" style={{ marginTop: 8 }} data-testid="dm-legend">
      <Space size={6}>
        <svg width="36" height="10" aria-hidden>
          <line x1="0" y1="5" x2="36" y2="5" stroke="#c9cdd4" strokeWidth="2" />
        </svg>
        {t('decisionMap.legend.reportsTo')}
      </Space>
      <Space size={6}>
        <svg width="36" height="10" aria-hidden>
          <line
            x1="0"
            y1="5"
            x2="28"
            y2="5"
            stroke={influenceColor}
            strokeWidth="1.5"
            strokeDasharray="6 4"
          />
          <path d="M28,1 L36,5 L28,9 z" fill={influenceColor} />
        </svg>
        {t('decisionMap.legend.influences')}
      </Space>
    </Space>
  )
}
