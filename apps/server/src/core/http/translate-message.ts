import type { FieldError } from '../errors'
import type { MessageLanguage } from './language'
import { zhExact, zhNouns, zhTitles } from './messages.zh-CN'
import { zhPatterns, type Helpers } from './message-patterns.zh-CN'

// An entity name the catalogue does not know stays as it is, set off by spaces from the Chinese around it.
const KEEP = '\uE000'

const own = (dict: Readonly<Record<string, string>>, key: string) =>
  Object.prototype.hasOwnProperty.call(dict, key) ? dict[key] : undefined

const noun = (word: string) => own(zhNouns, word.toLowerCase()) ?? `${KEEP}${word}${KEEP}`

const tidy = (s: string) =>
  s
    .replace(/ ?\uE000 ?/g, ' ')
    .replace(/ +([：，；。）、])/g, '$1')
    .replace(/([（“]) +/g, '$1')
    .trim()

function zh(message: string): string | null {
  const exact = own(zhExact, message) ?? own(zhExact, message.charAt(0).toLowerCase() + message.slice(1))
  if (exact) return exact
  for (const [re, template] of zhPatterns) {
    const m = re.exec(message)
    if (!m) continue
    const groups = m.slice(1).map((g) => g ?? '')
    const out =
      typeof template === 'string'
        ? template.replace(/\$(\d)/g, (_, i: string) => groups[Number(i) - 1] ?? '')
        : template(groups, helpers)
    if (out) return out
  }
  // Sentences joined by "; " translate when every one of them does.
  if (message.includes('; ')) {
    const parts = message.split('; ').map(zh)
    if (parts.every(Boolean)) return parts.join('；')
  }
  return null
}

const helpers: Helpers = { t: zh, noun }

/**
 * A server message in the caller's language; English, and any message the catalogue does not know,
 * comes back unchanged.
 * @example translateMessage('at most 100 characters', 'zh-CN') // → '最多 100 个字符'
 */
export function translateMessage(message: string, lang: MessageLanguage): string {
  if (lang === 'en' || !message) return message
  const out = zh(message)
  return out === null ? message : tidy(out)
}

/** A problem title (by HTTP status) in the caller's language. */
export function translateTitle(status: number, english: string, lang: MessageLanguage): string {
  return lang === 'zh-CN' ? (zhTitles[status] ?? english) : english
}

/** Field errors with their messages translated; `path` never changes. */
export function translateErrors(errors: unknown, lang: MessageLanguage): unknown {
  if (lang === 'en' || !Array.isArray(errors)) return errors
  return errors.map((e: FieldError) =>
    e && typeof e.message === 'string' ? { ...e, message: translateMessage(e.message, lang) } : e,
  )
}
