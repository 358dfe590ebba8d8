import path from 'node:path'
import type { Plugin } from 'vite'
import { splitTexts, type Texts } from '../src/shared/i18n/split-texts'
import { dataExpression, evaluate, resetEvaluator } from './evaluate'

const PREFIX = 'virtual:texts/'

/**
 * `virtual:texts/<language>/<start|rest>`: a language's texts in two parts, split when the bundle is built
 * from its one source (`src/shared/i18n/en.ts`, `zh-CN.ts`; both type-checked to hold the same keys). The
 * start — the keys listed in `src/shared/i18n/start-texts.ts`: what sign-in, the shell and Home show — loads
 * first; the rest with any other page (shared/i18n/i18n.ts). Each part's default export is its texts.
 */
export function splitTextsPlugin(opts: { languages: Record<string, [file: string, name: string]> }): Plugin {
  let root = ''
  // Each source evaluated once a build (four parts read two languages and one list).
  const cache = new Map<string, ReturnType<typeof evaluate>>()
  const read = (file: string) => {
    const at = path.resolve(root, file)
    if (!cache.has(at)) cache.set(at, evaluate(at))
    return cache.get(at)!
  }
  return {
    name: 'openkam:texts',
    configResolved(config) {
      root = config.root
    },
    buildStart() {
      cache.clear()
    },
    async watchChange() {
      cache.clear()
      await resetEvaluator()
    },
    async closeBundle() {
      await resetEvaluator(true)
    },
    resolveId(id) {
      // A name of its own for each part's chunk (texts-en-start-<hash>.js).
      if (id.startsWith(PREFIX)) return `\0texts-${id.slice(PREFIX.length).replace('/', '-')}`
      return null
    },
    async load(id) {
      const m = /^\0texts-(.+)-(start|rest)$/.exec(id)
      if (!m) return null
      const [, lang, part] = m as unknown as [string, string, 'start' | 'rest']
      const source = opts.languages[lang]
      if (!source) throw new Error(`${id}: no texts for the language "${lang}"`)
      const [file, name] = source
      const [texts, keys] = await Promise.all([read(file), read('src/shared/i18n/start-texts.ts')])
      for (const f of [...texts.files, ...keys.files]) this.addWatchFile(f)
      const split = splitTexts(texts.exports[name] as Texts, keys.exports.startTexts as string[])
      return `export default ${dataExpression(`${file}: ${name}`, split[part])}`
    },
  }
}
