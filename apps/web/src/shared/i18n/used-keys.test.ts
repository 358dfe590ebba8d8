import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { en } from './en'
import { zhCN } from './zh-CN'

type Texts = Record<string, unknown>

// A feature may keep its texts beside it (`features/**/*.messages.ts`), added to i18next when first
// imported; catch what they add instead of loading i18next, which needs a browser.
const added = vi.hoisted(() => ({ en: {} as Texts, 'zh-CN': {} as Texts }))
vi.mock('./i18n', () => ({
  i18n: {
    addResourceBundle: (lng: 'en' | 'zh-CN', _ns: string, texts: Texts) => Object.assign(added[lng], texts),
  },
}))

const webSrc = join(__dirname, '../..')

/** Every source file of the web app (tests left out). */
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) return sources(p)
    return /\.tsx?$/.test(p) && !/\.test\.tsx?$/.test(p) ? [p] : []
  })

/** The text without its comments (a comment may show a key pattern such as `t('nav.<title>')`). */
const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')

/**
 * The keys written out whole: `t('a.b')`, `t("a.b")`, `` t(`a.b`) ``, `i18n.t('a.b')` and
 * `<Trans i18nKey="a.b">`. A key built at run time (`` t(`nav.${object}`) ``, `t(key)`) is left out.
 */
function staticKeys(text: string): string[] {
  const keys: string[] = []
  for (const m of text.matchAll(/(?:(?<![\w.$])|\bi18n\.)t\(\s*(['"`])((?:(?!\1)[^\\\n])+)\1\s*[,)]/g))
    if (!m[2]!.includes('${')) keys.push(m[2]!)
  for (const m of text.matchAll(/\bi18nKey=(?:\{\s*)?(['"])([^'"]+)\1/g)) keys.push(m[2]!)
  return keys
}

/** Whether i18next finds the key: a path through the texts, its last part possibly with a plural suffix. */
function resolves(texts: Texts, key: string): boolean {
  const parts = key.split('.')
  let at: unknown = texts
  for (const [i, part] of parts.entries()) {
    if (!at || typeof at !== 'object') return false
    const o = at as Texts
    if (part in o) {
      at = o[part]
      continue
    }
    // `t('x.items', { count })` reads `items_one`, `items_other`… (Chinese has `_other` only).
    return i === parts.length - 1 && Object.keys(o).some((k) => k.startsWith(`${part}_`))
  }
  return true
}

/** Every leaf key of a nested texts object, as a dotted path. */
const leaves = (o: unknown, prefix = ''): string[] =>
  o && typeof o === 'object'
    ? Object.entries(o).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k))
    : [prefix]

const files = sources(webSrc).filter((f) => !f.includes(`${join('shared', 'i18n')}/`))
const texts = { en: { ...en } as Texts, 'zh-CN': { ...zhCN } as Texts }

beforeAll(async () => {
  for (const f of files.filter((p) => p.endsWith('.messages.ts'))) await import(f)
  Object.assign(texts.en, added.en)
  Object.assign(texts['zh-CN'], added['zh-CN'])
})

describe('the texts the web app asks for', () => {
  // The app has no fallback language: a missing key shows as the raw key, or as the English
  // `defaultValue` written beside it — English in the Chinese UI.
  it('exist in both languages for every key written out in the code', () => {
    const missing: string[] = []
    let seen = 0
    for (const f of files) {
      for (const key of staticKeys(code(readFileSync(f, 'utf8')))) {
        seen++
        for (const lng of ['en', 'zh-CN'] as const)
          if (!resolves(texts[lng], key)) missing.push(`${relative(webSrc, f)}: ${key} (${lng})`)
      }
    }
    expect(seen, 'the scan found the calls').toBeGreaterThan(2000)
    expect(missing).toEqual([])
  })

  it('give no English default for a key written out in the code', () => {
    const found: string[] = []
    for (const f of files) {
      const text = code(readFileSync(f, 'utf8'))
      for (const m of text.matchAll(
        /(?:(?<![\w.$])|\bi18n\.)t\(\s*(['"])([^'"$]+)\1\s*,\s*\{[^{}]*defaultValue:\s*['"`]/g,
      ))
        found.push(`${relative(webSrc, f)}: ${m[2]}`)
    }
    expect(found).toEqual([])
  })

  it("of a feature's own texts hold the same keys in both languages", () => {
    expect(Object.keys(added.en).length, 'the feature texts were caught').toBeGreaterThan(3)
    const a = leaves(added.en)
    const b = leaves(added['zh-CN'])
    expect(
      a.filter((k) => !b.includes(k)),
      'missing in zh-CN',
    ).toEqual([])
    expect(
      b.filter((k) => !a.includes(k)),
      'missing in en',
    ).toEqual([])
  })
})
