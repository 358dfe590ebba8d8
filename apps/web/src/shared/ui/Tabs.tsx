import { useLayoutEffect, useRef } from 'react'
import { Tabs as AntTabs, type TabsProps } from 'antd'

/**
 * antd's Tabs with a valid tab list for assistive technology.
 *
 * antd (@rc-component/tabs 1.13) puts `role="tablist"` on the whole navigation bar, which also holds
 * the "more" button shown when the tabs overflow (a narrow window, the account 360° with its many
 * tabs). A tab list may only own tabs (axe: aria-required-children), so the role is moved to the
 * element that holds the tabs themselves; keyboard handling stays on the bar and is unchanged.
 * Use it wherever antd's Tabs would be used.
 * @example <Tabs activeKey={tab} onChange={setTab} items={items} />
 */
export function Tabs(props: TabsProps) {
  const holder = useRef<HTMLDivElement>(null)
  useLayoutEffect(() => {
    for (const nav of holder.current?.querySelectorAll('.ant-tabs-nav[role="tablist"]') ?? []) {
      const list = nav.querySelector(':scope > .ant-tabs-nav-wrap > .ant-tabs-nav-list')
      if (!list) continue
      list.setAttribute('role', 'tablist')
      list.setAttribute('aria-orientation', nav.getAttribute('aria-orientation') ?? 'horizontal')
      nav.removeAttribute('role')
      nav.removeAttribute('aria-orientation')
    }
  })
  return (
    <div ref={holder} className="openkam-tabs">
      <AntTabs {...props} />
    </div>
  )
}
