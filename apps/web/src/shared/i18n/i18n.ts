import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import relativeTime from 'dayjs/plugin/relativeTime'
import { en } from './en'
import { zhCN } from './zh-CN'

dayjs.extend(relativeTime)

export type Lang = 'zh-CN' | 'en'
const KEY = 'openkam.lang'

/** The remembered language, else the browser's (Chinese if it prefers Chinese, English otherwise). */
export function initialLang(): Lang {
  const saved = localStorage.getItem(KEY)
  if (saved === 'zh-CN' || saved === 'en') return saved
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

export function setLang(lang: Lang) {
  localStorage.setItem(KEY, lang)
  document.documentElement.lang = lang
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en')
  return i18n.changeLanguage(lang)
}

const lang = initialLang()
void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
  lng: lang,
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
})
document.documentElement.lang = lang
dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en')

export { i18n }
