import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import dayjs from 'dayjs'
import relativeTime from 'dayjs/plugin/relativeTime'
import type { Locale } from 'antd/es/locale'
import type { Texts } from './split-texts'

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
 * Each language's texts come in two parts, split at build time (apps/web/build/texts.plugin.ts), each a chunk
 * of its own fetched when first needed: the start (what sign-in, the shell and Home show; start-texts.ts)
 * before the first screen, the rest with the first other page. A first visit loads one language, not both;
 * switching fetches the other's parts that were in.
 */
type Part = 'start' | 'rest'
const parts: Record<Lang, Record<Part, () => Promise<{ default: Texts }>>> = {
  en: {
    start: () => import('virtual:texts/en/start'),
    rest: () => import('virtual:texts/en/rest'),
  },
  'zh-CN': {
    start: () => import('virtual:texts/zh-CN/start'),
    rest: () => import('virtual:texts/zh-CN/rest'),
  },
}

/**
 * antd's and dayjs's words for a language other than English (their own default), fetched with the language's
 * start texts: dates, pickers' and dialogs' buttons.
 */
const libraryLocales: Partial<Record<Lang, () => Promise<Locale>>> = {
  'zh-CN': () =>
    Promise.all([import('antd/es/locale/zh_CN'), import('dayjs/locale/zh-cn')]).then(
      ([antd]) => antd.default,
    ),
}
const antdLocales = new Map<Lang, Locale>()
/** antd's locale for a language whose texts are in (none for English: antd's default). */
export const antdLocaleOf = (lang: string): Locale | undefined => antdLocales.get(lang as Lang)

const fetched = new Map<string, Promise<Texts>>()
const fetchPart = (lang: Lang, part: Part) => {
  const key = `${lang}/${part}`
  if (!fetched.has(key)) {
    const texts = parts[lang][part]().then((m) => m.default)
    const locale = part === 'start' ? libraryLocales[lang]?.() : undefined
    fetched.set(
      key,
      Promise.all([texts, locale]).then(
        ([t, l]) => {
          if (l) antdLocales.set(lang, l)
          return t
        },
        (e: unknown) => {
          // Asked again later (the next page, the next switch), it is fetched again.
          fetched.delete(key)
          throw e
        },
      ),
    )
  }
  return fetched.get(key)!
}
const dayjsLocale = (lang: Lang) => dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en')

/** The parts the app has asked for: a language switch loads them in the new language. */
const wanted = new Set<Part>(['start'])
/** The language shown, or being switched to. */
let target: Lang = initialLang()
document.documentElement.lang = target

/** The parts in i18next's store, as `<lang>/<part>`. */
const added = new Set<string>()
const first = target

// Set up at once, without texts: a feature's own texts (`*.messages.ts`) may be added by a page module that
// loads beside the first texts (the landing page's chunk, app/landing-prefetch.ts).
void i18n.use(initReactI18next).init({
  resources: {},
  lng: first,
  // Every key exists in both languages (a unit test checks), so there is no fallback to fetch.
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
  // A text that is not in yet shows once its part arrives (added to the store).
  react: { bindI18nStore: 'added' },
  // A safety net, should a screen of the start name a text of the rest (start-texts.test.ts checks they
  // do not): the rest is fetched and the screen shows the text once it is in.
  saveMissing: true,
  missingKeyHandler: (_lngs, _ns, key, _fallback, _update, options) => {
    // (A text asked for with a default may be missing on purpose: an error code without its own text.)
    if ((options as { defaultValue?: unknown }).defaultValue !== undefined) return
    if (!added.has(`${target}/start`) || added.has(`${target}/rest`)) return
    if (import.meta.env.DEV) console.warn(`The text "${key}" is not among the start texts (start-texts.ts)`)
    void loadTexts('rest')
  },
})

async function add(lang: Lang, part: Part) {
  const texts = await fetchPart(lang, part)
  if (added.has(`${lang}/${part}`)) return
  added.add(`${lang}/${part}`)
  i18n.addResourceBundle(lang, 'translation', texts, true, true)
}

/** Resolves once the first language's start texts are in; the app renders after it (main.tsx). */
export const i18nReady: Promise<void> = add(first, 'start').then(() => void dayjsLocale(first))

/** Loads a part of the texts in the language shown (and, after a switch, in the new one). */
export function loadTexts(part: Part): Promise<void> {
  wanted.add(part)
  return add(target, part)
}

/**
 * A page's module loader that also brings the rest of the texts, fetched beside it: for every page but
 * sign-in and Home (start-texts.test.ts follows the imports up to these).
 */
export const withTexts =
  <T>(load: () => Promise<T>) =>
  (): Promise<T> =>
    Promise.all([load(), loadTexts('rest')]).then(([m]) => m)

export async function setLang(lang: Lang) {
  target = lang
  await Promise.all([...wanted].map((part) => add(lang, part)))
  localStorage.setItem(KEY, lang)
  document.documentElement.lang = lang
  dayjsLocale(lang)
  return i18n.changeLanguage(lang)
}

export { i18n }
