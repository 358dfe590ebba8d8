import { Suspense, lazy, useEffect, useState } from 'react'
import { Grid, Typography } from 'antd'
// The input alone, not antd's `Input` with its password, OTP and search inputs attached (the top bar, on every page).
import Input from 'antd/es/input/Input'
import { SearchOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'

// The dialog (its list, and antd's List with it) loads when first opened; it stays mounted after.
const SearchDialog = lazy(() => import('./SearchDialog'))

/**
 * Ctrl+K (or ⌘K) opens a search over accounts, contacts, leads, opportunities, contracts, quotes,
 * orders, invoices and tickets — names, numbers, e-mails, phones, credit codes and domains
 * (`GET /search`); a hit says which field matched.
 */
export function GlobalSearch() {
  const { t } = useTranslation()
  const phone = !Grid.useBreakpoint().sm
  const [open, setOpen] = useState(false)
  const [opened, setOpened] = useState(false)
  const show = () => {
    setOpen(true)
    setOpened(true)
  }
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault()
        show()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
  return (
    <>
      <Input
        prefix={<SearchOutlined />}
        placeholder={t('common.searchPlaceholder')}
        suffix={
          phone ? undefined : <Typography.Text type="secondary">{t('common.searchHint')}</Typography.Text>
        }
        onFocus={show}
        readOnly
        aria-label={t('common.search')}
        className="topbar-search"
        style={{ maxWidth: 420 }}
      />
      {opened && (
        <Suspense fallback={null}>
          <SearchDialog open={open} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  )
}
