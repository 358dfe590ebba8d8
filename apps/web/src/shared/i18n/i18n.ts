import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import relativeTime from 'dayjs/plugin/relativeTime'

dayjs.extend(relativeTime)

export type Lang = 'zh-CN' | 'en'
const KEY = 'openkam.lang'

/** The remembered language, else the browser's (Chinese if it prefers Chinese, English otherwise). */
export function initialLang(): Lang {
  const saved = localStorage.getItem(KEY)
  if (saved === 'zh-CN' || saved === 'en') return saved
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

/**
 * Each language's texts are a chunk of their own, fetched when first needed: a first visit loads one
 * language, not both; switching fetches the other once.
 */
const bundles: Record<Lang, () => Promise<Record<string, unknown>>> = {
  en: () => import('./en').then((m) => m.en),
  'zh-CN': () => import('./zh-CN').then((m) => m.zhCN),
}

/** The languages whose texts are in (i18next may hold an empty store for a language it was asked about). */
const loaded = new Set<Lang>()

async function ensureLoaded(lang: Lang) {
  if (loaded.has(lang)) return
  i18n.addResourceBundle(lang, 'translation', await bundles[lang](), true, true)
  loaded.add(lang)
}

export async function setLang(lang: Lang) {
  await ensureLoaded(lang)
  localStorage.setItem(KEY, lang)
  document.documentElement.lang = lang
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en')
  return i18n.changeLanguage(lang)
}

const lang = initialLang()
document.documentElement.lang = lang
dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en')

/** Resolves once the first language's texts are in; the app renders after it (main.tsx). */
export const i18nReady: Promise<unknown> = bundles[lang]().then((translation) => {
  loaded.add(lang)
  return i18n.use(initReactI18next).init({
    resources: { [lang]: { translation } },
    lng: lang,
    // Every key exists in both languages (a unit test checks), so there is no fallback to fetch.
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  })
})

export { i18n }
