import path from 'node:path'
import type { Plugin } from 'vite'
import { dataExpression, evaluate, resetEvaluator } from './evaluate'

const EXPORT = '\0plain-data:'

/**
 * Serves a module of the contract to the web as the data it evaluates to, computed when the bundle is built:
 * `builtinObjects` is derived from the zod schemas (packages/contract/src/object-model), and the browser
 * needs only the result, not zod and every schema to compute it on each start. Every export of the module
 * must be plain data; the build stops, naming the export, when one is not. Each export becomes a module of
 * its own, so that a chunk carries only the exports its pages use (a list of names without the whole
 * description). Tests and the server import the module itself.
 */
export function plainDataModules(files: string[]): Plugin {
  let targets = new Set<string>()
  // Each module evaluated once a build (or until a file changes, in the dev server).
  const evaluated = new Map<string, ReturnType<typeof evaluate>>()
  const evaluateOnce = (file: string) => {
    if (!evaluated.has(file)) evaluated.set(file, evaluate(file))
    return evaluated.get(file)!
  }
  return {
    name: 'openkam:plain-data',
    enforce: 'pre',
    configResolved(config) {
      // Paths relative to the web app's root (apps/web), wherever the build was started from.
      targets = new Set(files.map((f) => path.resolve(config.root, f)))
    },
    buildStart() {
      evaluated.clear()
    },
    async watchChange() {
      evaluated.clear()
      await resetEvaluator()
    },
    async closeBundle() {
      await resetEvaluator(true)
    },
    resolveId(id) {
      return id.startsWith(EXPORT) ? id : null
    },
    async load(id) {
      if (id.startsWith(EXPORT)) {
        const [, name, file] = /^([^:]+):(.+)$/.exec(id.slice(EXPORT.length))! as unknown as [
          string,
          string,
          string,
        ]
        const { exports, files: read } = await evaluateOnce(file)
        // The dev server serves it again when a schema it was derived from changes.
        for (const f of read) this.addWatchFile(f)
        return `export const ${name} = ${dataExpression(`${file}: export "${name}"`, exports[name])}`
      }
      const file = id.split('?')[0]!
      if (!targets.has(file)) return null
      const { exports } = await evaluateOnce(file)
      return Object.keys(exports)
        .map((name) => `export { ${name} } from ${JSON.stringify(`${EXPORT}${name}:${file}`)}`)
        .join('\n')
    },
  }
}
