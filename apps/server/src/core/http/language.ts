import type { FastifyRequest } from 'fastify'

/** The languages the server answers in. */
export type MessageLanguage = 'zh-CN' | 'en'

const supported = (tag: string): MessageLanguage | null =>
  /^zh\b/i.test(tag) ? 'zh-CN' : /^en\b/i.test(tag) ? 'en' : null

/**
 * The supported language an `Accept-Language` header prefers most (highest q, then order), or null.
 * @example fromAcceptLanguage('fr;q=1, zh-TW;q=0.8, en;q=0.5') // → 'zh-CN'
 */
export function fromAcceptLanguage(header: string | string[] | undefined): MessageLanguage | null {
  const ranked = [header ?? '']
    .flat()
    .join(',')
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';')
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/i.exec(p)?.[1]).find(Boolean)
      return { lang: supported(tag.trim()), q: q === undefined ? 1 : Number(q), i }
    })
    .filter((x) => x.lang && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
  return ranked[0]?.lang ?? null
}

/** The header the web app sends with every call: the language it is showing. */
export const APP_LANGUAGE_HEADER = 'x-openkam-language'

/**
 * The language of a caller's messages. First the language the web app shows (`X-OpenKAM-Language`, sent
 * with its every call, so the server's texts match the screen); then, for a signed-in person, their own
 * language before `Accept-Language` (a browser's header is its default, not a choice); for API tokens
 * `Accept-Language` first (a script says what it wants), else the token owner's language; English when
 * nothing says otherwise.
 */
export function messageLanguage(req: FastifyRequest): MessageLanguage {
  const shown = req.headers?.[APP_LANGUAGE_HEADER]
  const app = typeof shown === 'string' ? supported(shown.trim()) : null
  if (app) return app
  const principal = (req as Partial<Pick<FastifyRequest, 'ctx'>>).ctx?.principal
  const own = principal?.locale ? supported(principal.locale) : null
  const asked = fromAcceptLanguage(req.headers?.['accept-language'])
  return (principal?.kind === 'api_token' ? (asked ?? own) : (own ?? asked)) ?? 'en'
}
