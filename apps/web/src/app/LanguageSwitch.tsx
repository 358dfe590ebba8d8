import { Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { setLang, type Lang } from '../shared/i18n/i18n'

export function LanguageSwitch() {
  const { t, i18n } = useTranslation()
  // Each language named in its own words (the page walk leaves them be).
  return (
    <span data-walk-exempt>
      <Select
        aria-label={t('common.language')}
        size="small"
        value={i18n.language as Lang}
        onChange={(v: Lang) => void setLang(v)}
        options={[
          { value: 'zh-CN', label: '中文' },
          { value: 'en', label: 'English' },
        ]}
        className="language-switch"
        style={{ width: 100 }}
      />
    </span>
  )
}
