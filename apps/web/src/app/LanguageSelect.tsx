import { Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { setLang, type Lang } from '../shared/i18n/i18n'

/** The app bar's language drop-down itself; LanguageSwitch loads it on first use. */
export default function LanguageSelect({ opened = false }: { opened?: boolean }) {
  const { t, i18n } = useTranslation()
  return (
    <Select
      aria-label={t('common.language')}
      size="small"
      value={i18n.language as Lang}
      onChange={(v: Lang) => void setLang(v)}
      // Each language named in its own words.
      options={[
        { value: 'zh-CN', label: '中文' },
        { value: 'en', label: 'English' },
      ]}
      // Opened by a click or a key on the stand-in: it opens at once, focused, as if it had been there.
      defaultOpen={opened}
      autoFocus={opened}
      className="language-switch"
      style={{ width: 100 }}
    />
  )
}
