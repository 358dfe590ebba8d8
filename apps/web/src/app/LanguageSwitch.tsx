import { Suspense, lazy, useState } from 'react'
import { Button } from 'antd'
import { DownOutlined } from '@ant-design/icons'
import { useTranslation } from 'react-i18next'

const load = () => import('./LanguageSelect')
const LanguageSelect = lazy(load)

/**
 * The language drop-down of the app bar (and of the public pages). Its code (antd's Select) loads on first
 * use: until then a button of the same size shows the language, and fetches the drop-down when the pointer
 * or the focus reaches it; a click or a key opens the drop-down in its place.
 */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation()
  const [opened, setOpened] = useState(false)
  const current = i18n.language === 'zh-CN' ? '中文' : 'English'
  const standIn = (
    <Button
      size="small"
      // The language shown is part of the name (as the drop-down reads it): "Language: English".
      aria-label={`${t('common.language')}: ${current}`}
      aria-haspopup="listbox"
      className="language-switch"
      style={{ width: 100, justifyContent: 'space-between', paddingInline: 7 }}
      icon={<DownOutlined style={{ fontSize: 10, opacity: 0.45 }} />}
      iconPlacement="end"
      onPointerEnter={() => void load()}
      onFocus={() => void load()}
      onClick={() => setOpened(true)}
    >
      {current}
    </Button>
  )
  // The page walk leaves the languages' names be.
  return (
    <span data-walk-exempt>
      {opened ? (
        <Suspense fallback={standIn}>
          <LanguageSelect opened />
        </Suspense>
      ) : (
        standIn
      )}
    </span>
  )
}
