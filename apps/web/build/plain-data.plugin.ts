import path from 'node:path'
import { runnerImport, type Plugin } from 'vite'

/**
 * Serves a module of the contract to the web as the data it evaluates to, computed when the bundle is built:
 * `builtinObjects` is derived from the zod schemas (packages/contract/src/object-model), and the browser
 * needs only the result, not zod and every schema to compute it on each start. The module's exports must be
 * plain data (JSON); the build stops, naming the export, when one is not. Tests and the server import the
 * module itself.
 */
export function plainDataModules(files: string[]): Plugin {
  let targets = new Set<string>()
  return {
    name: 'openkam:plain-data',
    enforce: 'pre',
    configResolved(config) {
      // Paths relative to the web app's root (apps/web), wherever the build was started from.
      targets = new Set(files.map((f) => path.resolve(config.root, f)))
    },
    async load(id) {
      const file = id.split('?')[0]!
      if (!targets.has(file)) return null
      const { module, dependencies } = await runnerImport<Record<string, unknown>>(file, {
        configFile: false,
        logLevel: 'error',
      })
      // The dev server reloads it when a schema it was derived from changes.
      for (const dep of dependencies) this.addWatchFile(dep)
      return Object.entries(module)
        .map(([name, value]) => `export const ${name} = ${serialise(file, name, value)}`)
        .join('\n')
    },
  }
}

/** A value as a JavaScript expression; an object without a prototype stays one (a lookup by key finds no Object member). */
function serialise(file: string, name: string, value: unknown): string {
  if (typeof value === 'function')
    throw new Error(`${file}: export "${name}" is a function, not plain data; export it from another module`)
  if (!isPlain(value)) throw new Error(`${file}: export "${name}" is not plain data (JSON)`)
  const json = JSON.stringify(value)
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === null
    ? `Object.assign(Object.create(null), ${json})`
    : json
}

/** Arrays, objects (with or without a prototype), strings, finite numbers, booleans and null, all the way down. */
function isPlain(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true
  if (typeof v === 'number') return Number.isFinite(v)
  if (Array.isArray(v)) return v.every(isPlain)
  if (typeof v !== 'object') return false
  const proto = Object.getPrototypeOf(v)
  if (proto !== null && proto !== Object.prototype) return false
  return Object.values(v).every(isPlain)
}
