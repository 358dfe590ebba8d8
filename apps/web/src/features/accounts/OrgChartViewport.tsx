import { useEffect, useRef, useState, type ReactNode } from 'react'
import { Button, Space, Tooltip } from 'antd'
import { CompressOutlined, MinusOutlined, PlusOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'
import { TransformComponent, TransformWrapper, type ReactZoomPanPinchContentRef } from 'react-zoom-pan-pinch'
import { motionMs } from '../../shared/ui/motion'
import './decision-map.css'

const MIN_SCALE = 0.05
const MAX_SCALE = 2
/** The box's height limits (px). */
const MIN_HEIGHT = 160
const MAX_HEIGHT = 560
const PAD = 16

/** Ctrl (or ⌘) with the wheel zooms; the wheel alone keeps scrolling the page. */
const zoomKeys = (keys: string[]) => keys.includes('Control') || keys.includes('Meta')

/** The whole chart in the window, centred, never enlarged beyond its own size. */
const fitChart = (z: ReactZoomPanPinchContentRef | null, animationTime: number) =>
  void z?.fitToView({ maxScale: 1, animationTime })

/**
 * A pannable, zoomable window onto a chart wider or taller than the page (react-zoom-pan-pinch): drag the
 * background or swipe sideways to move, Ctrl+wheel or pinch to zoom, +/−/fit buttons, and the arrow keys,
 * + and − when the window has the focus. The chart starts fitted (never enlarged beyond its size), is fitted
 * again when its own size changes, and a card that gets the keyboard focus is moved into view. Cards keep
 * their clicks and HTML drag and drop: panning never starts on a `.org-node`.
 */
export function OrgChartViewport({ children }: { children: ReactNode }) {
  const { t } = useTranslation()
  const zoom = useRef<ReactZoomPanPinchContentRef>(null)
  const content = useRef<HTMLDivElement>(null)
  const outer = useRef<HTMLDivElement>(null)
  // The window's height and the sizes it was computed from; each new value fits the chart again.
  const [frame, setFrame] = useState({ height: MIN_HEIGHT, size: '' })
  const fit = (animationTime = motionMs(200)) => fitChart(zoom.current, animationTime)

  // The box is as tall as the chart once fitted to the box's width (within limits), so a wide chart is not
  // left floating in empty space; a new size of the chart (a card added, moved or removed) or of the box
  // (the window resized) fits the chart again.
  useEffect(() => {
    const el = content.current
    const wrapper = outer.current
    if (!el || !wrapper) return
    const ro = new ResizeObserver(() => {
      if (!el.offsetWidth) return
      const size = `${el.offsetWidth}x${el.offsetHeight}x${wrapper.clientWidth}`
      const scale = Math.min(1, wrapper.clientWidth / el.offsetWidth)
      const height = Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, el.offsetHeight * scale)))
      setFrame((f) => (f.size === size ? f : { height, size }))
    })
    ro.observe(el)
    ro.observe(wrapper)
    return () => ro.disconnect()
  }, [])
  // Fitted once the window has its new height (after the commit, not before it).
  useEffect(() => {
    if (!frame.size) return
    const id = requestAnimationFrame(() => fitChart(zoom.current, 0))
    return () => cancelAnimationFrame(id)
  }, [frame])

  // A card reached with Tab is brought into view (the browser's own scrolling would fight the transform).
  const onFocus = (e: React.FocusEvent<HTMLDivElement>) => {
    const wrapper = zoom.current?.instance.wrapperComponent
    const target = e.target as HTMLElement
    if (!wrapper || !target.classList.contains('org-node')) return
    wrapper.scrollLeft = 0
    wrapper.scrollTop = 0
    const w = wrapper.getBoundingClientRect()
    const r = target.getBoundingClientRect()
    const dx = r.left < w.left + 8 ? w.left + 8 - r.left : r.right > w.right - 8 ? w.right - 8 - r.right : 0
    const dy = r.top < w.top + 8 ? w.top + 8 - r.top : r.bottom > w.bottom - 8 ? w.bottom - 8 - r.bottom : 0
    if (dx || dy) void zoom.current?.panBy(dx, dy, motionMs(200))
  }

  const tool = (label: string, icon: ReactNode, onClick: () => void, testId: string) => (
    <Tooltip title={label}>
      <Button size="small" icon={icon} aria-label={label} onClick={onClick} data-testid={testId} />
    </Tooltip>
  )

  return (
    <div className="org-viewport" ref={outer} data-testid="dm-viewport">
      <TransformWrapper
        ref={zoom}
        minScale={MIN_SCALE}
        maxScale={MAX_SCALE}
        centerZoomedOut
        wheel={{ activationKeys: zoomKeys, step: 0.1 }}
        trackPadPanning={{ disabled: false, lockAxisY: true }}
        panning={{ excluded: ['org-node'] }}
        doubleClick={{ disabled: true }}
        keyboard={{ disabled: false, panStep: 80, zoomStep: 0.2 }}
      >
        <Space className="org-viewport-tools" size={4} wrap>
          {tool(
            t('decisionMap.zoom.in'),
            <PlusOutlined />,
            () => void zoom.current?.zoomIn(0.25, motionMs(200)),
            'dm-zoom-in',
          )}
          {tool(
            t('decisionMap.zoom.out'),
            <MinusOutlined />,
            () => void zoom.current?.zoomOut(0.25, motionMs(200)),
            'dm-zoom-out',
          )}
          {tool(t('decisionMap.zoom.fit'), <CompressOutlined />, () => fit(), 'dm-zoom-fit')}
          <span className="org-sub">{t('decisionMap.zoom.hint')}</span>
        </Space>
        <TransformComponent
          wrapperClass="org-viewport-window"
          wrapperStyle={{ width: '100%', height: frame.height }}
          wrapperProps={{
            role: 'group',
            'aria-label': t('decisionMap.zoom.region'),
            onFocus,
          }}
        >
          <div ref={content} style={{ padding: PAD }}>
            {children}
          </div>
        </TransformComponent>
      </TransformWrapper>
    </div>
  )
}
