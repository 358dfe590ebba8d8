import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { Button, Modal, Typography } from 'antd'
import { QuestionCircleOutlined } from '@ant-design/icons'
import { useNavigate } from 'react-router'
import { useTranslation } from 'react-i18next'

/** Whether a key press belongs to a text field (shortcuts without Ctrl/⌘ must not steal its letters). */
const typing = (e: KeyboardEvent) => {
  const el = e.target as HTMLElement | null
  return !!el?.closest?.(
    'input, textarea, select, [contenteditable=""], [contenteditable="true"], .ant-select',
  )
}

/** Whether a dialog is shown (antd keeps closed ones in the page, hidden). */
const dialogOpen = () =>
  [...document.querySelectorAll('.ant-modal-wrap, .ant-drawer-open')].some(
    (el) => getComputedStyle(el).display !== 'none',
  )

/**
 * Calls `handler` on `key` (a letter, `?`, or `mod+s` for Ctrl/⌘+S) while the component is shown.
 * Plain keys are ignored while the person types in a field or a dialog is open; `mod+` keys work anywhere.
 */
export function useShortcut(key: string, handler: (e: KeyboardEvent) => void, enabled = true) {
  const ref = useRef(handler)
  ref.current = handler
  // Attached before the page is painted, not after: a key pressed the moment a record page appears (after
  // J / K, each record mounts anew) must not be lost between the paint and a passive effect.
  useLayoutEffect(() => {
    if (!enabled) return
    const mod = key.startsWith('mod+')
    const k = mod ? key.slice(4) : key
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== k.toLowerCase() && e.key !== k) return
      if (mod) {
        if (!(e.ctrlKey || e.metaKey)) return
      } else if (e.ctrlKey || e.metaKey || e.altKey || typing(e) || dialogOpen()) return
      e.preventDefault()
      ref.current(e)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [key, enabled])
}

const orderKey = (collection: string) => `openkam.order.${collection}`

/** Keeps the ids a list shows, in order, for this tab (J / K on a record page step through them). */
export function rememberListOrder(collection: string, ids: string[]) {
  try {
    sessionStorage.setItem(orderKey(collection), JSON.stringify(ids))
  } catch {
    // Storage full or off: J / K then do nothing.
  }
}

/** The record after (`by` 1) or before (−1) `id` in the list last shown, if any. */
export function neighbourOf(collection: string, id: string, by: 1 | -1): string | null {
  try {
    const ids = JSON.parse(sessionStorage.getItem(orderKey(collection)) ?? '[]') as string[]
    const i = ids.indexOf(id)
    return i < 0 ? null : (ids[i + by] ?? null)
  } catch {
    return null
  }
}

/** The shortcuts the help panel lists, in the order shown (`g h` means G, then H). */
const shortcuts = [
  ['mod+k', 'search'],
  ['?', 'help'],
  ['n', 'new'],
  ['/', 'find'],
  ['j', 'next'],
  ['k', 'previous'],
  ['e', 'edit'],
  ['mod+s', 'save'],
  ['g h', 'goHome'],
  ['g a', 'goAccounts'],
  ['g p', 'goPipeline'],
  ['g t', 'goTasks'],
  ['g i', 'goInbox'],
] as const

const goTo: Record<string, string> = { h: '/', a: '/accounts', p: '/pipeline', t: '/tasks', i: '/inbox' }

/**
 * The app's keyboard layer: `?` opens the list of shortcuts, `g` then a letter goes to a main page.
 * Pages add their own keys (new record, next/previous, edit, save) with `useShortcut`.
 */
export function KeyboardShortcuts() {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [open, setOpen] = useState(false)
  const pendingG = useRef(0)
  useShortcut('?', () => setOpen(true))
  useShortcut('g', () => {
    pendingG.current = Date.now()
  })
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'g' || Date.now() - pendingG.current > 1200 || typing(e)) return
      pendingG.current = 0
      const to = goTo[e.key.toLowerCase()]
      if (to) {
        e.preventDefault()
        navigate(to)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [navigate])
  const mac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform)
  const keys = (combo: string) =>
    combo.split(' ').map((part, i) => (
      <span key={i}>
        {i > 0 && ` ${t('shortcuts.then')} `}
        {part.split('+').map((k, j) => (
          <span key={j}>
            {j > 0 && ' + '}
            <Typography.Text keyboard>{k === 'mod' ? (mac ? '⌘' : 'Ctrl') : k.toUpperCase()}</Typography.Text>
          </span>
        ))}
      </span>
    ))
  return (
    <>
      <Button
        type="text"
        // A phone has no keyboard to speak of: the help stays off its narrow top bar.
        className="hide-phone"
        icon={<QuestionCircleOutlined />}
        aria-label={t('shortcuts.open')}
        title={t('shortcuts.open')}
        onClick={() => setOpen(true)}
      />
      <Modal open={open} onCancel={() => setOpen(false)} footer={null} title={t('shortcuts.title')}>
        {/* A plain table: the help panel must not pull antd's Table into every first visit. */}
        <table className="shortcut-table">
          <thead>
            <tr>
              <th scope="col">{t('shortcuts.keys')}</th>
              <th scope="col">{t('shortcuts.does')}</th>
            </tr>
          </thead>
          <tbody>
            {shortcuts.map(([combo, action]) => (
              <tr key={combo}>
                <td>{keys(combo)}</td>
                <td>{t(`shortcuts.actions.${action}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Modal>
    </>
  )
}
