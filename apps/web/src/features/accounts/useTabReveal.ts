import { useCallback, useEffect, useRef, useState } from 'react'

/**
 * Keeps the 360° page's tabs in view when a link chose one: on arrival with `?tab=`, when the address's tab
 * changes (a link elsewhere on the page, the bell, back/forward) and when `reveal` is called (the header's
 * gap count, the health badge). The tab bar is scrolled to the top of the window unless its top is already
 * within the upper 40 % of it; `reveal(target)` scrolls to the element with that id instead (a card inside the
 * tab). Clicking the tab bar itself moves nothing, since the bar is in view then.
 * @example const { ref, reveal } = useTabReveal(!!data, params.get('tab'))
 */
export function useTabReveal(ready: boolean, tab: string | null) {
  const ref = useRef<HTMLDivElement>(null)
  const target = useRef<string | undefined>(undefined)
  const [asked, setAsked] = useState(0)
  useEffect(() => {
    if (!ready || (!tab && !asked)) return
    // The target stays asked for until a run completes: the address's change may re-render (and re-run
    // this) after `reveal` did.
    const show = () => {
      const id = target.current
      const el = (id && document.getElementById(id)) || ref.current
      if (!el) return
      const top = el.getBoundingClientRect().top
      const off = el === ref.current ? top < 0 || top > window.innerHeight * 0.4 : Math.abs(top) > 16
      if (off) el.scrollIntoView({ block: 'start' })
    }
    // Once after this render, and again as the parts that load late (the header's badges and gap count, the
    // tab's own cards above the target) settle and may have pushed it down — checked over three seconds, and
    // moved only while it is out of place.
    const frame = requestAnimationFrame(show)
    const later = [300, 800, 1600, 3000].map((ms, i, all) =>
      window.setTimeout(() => {
        show()
        if (i === all.length - 1) target.current = undefined
      }, ms),
    )
    return () => {
      cancelAnimationFrame(frame)
      for (const t of later) window.clearTimeout(t)
    }
  }, [ready, tab, asked])
  const reveal = useCallback((id?: string) => {
    target.current = id
    setAsked((n) => n + 1)
  }, [])
  return { ref, reveal }
}
