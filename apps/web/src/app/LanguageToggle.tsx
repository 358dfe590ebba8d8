import { Segmented } from 'antd'
import { useTranslation } from 'react-i18next'
import { setLang, type Lang } from '../shared/i18n/i18n'

/**
 * The sign-in page's language choice: both languages side by side, each in its own words. Lighter than the
 * app bar's drop-down (LanguageSwitch), whose code the first visit then does not load.
 */
export function LanguageToggle() {
  const { t, i18n } = useTranslation()
  return (
    <span data-walk-exempt>
      <Segmented<Lang>
        aria-label={t('common.language')}
        size="small"
        value={i18n.language as Lang}
        onChange={(v) => void setLang(v)}
        options={[
          { value: 'zh-CN', label: '中文' },
          { value: 'en', label: 'English' },
        ]}
      />
    </span>
  )
}
