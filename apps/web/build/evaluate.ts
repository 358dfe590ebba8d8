import { createServer, type ViteDevServer } from 'vite'

let evaluator: Promise<ViteDevServer> | undefined

/**
 * A module's exports as Node evaluates it through Vite (TypeScript and the workspace's packages resolved as
 * the app's build resolves them), with the files it read: for plugins that serve data computed at build time.
 * One server evaluates every module of a build, so the contract they share is loaded once.
 */
export async function evaluate(file: string): Promise<{ exports: Record<string, unknown>; files: string[] }> {
  evaluator ??= createServer({
    configFile: false,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, watch: null },
    optimizeDeps: { noDiscovery: true, include: [] },
  })
  const server = await evaluator
  const exports = (await server.ssrLoadModule(file)) as Record<string, unknown>
  // The files it read (the dev server serves the data again when one of them changes).
  const files = new Set<string>()
  const visit = (id: string | undefined) => {
    const m = id ? server.moduleGraph.getModuleById(id) : undefined
    if (!m?.file || files.has(m.file)) return
    files.add(m.file)
    for (const dep of m.ssrImportedModules) visit(dep.id ?? undefined)
  }
  visit(file)
  return { exports, files: [...files] }
}

/** Forgets what was evaluated (a file changed), or, with `close`, stops the evaluating server (the build ended). */
export async function resetEvaluator(close = false) {
  const server = await evaluator
  if (close) {
    evaluator = undefined
    await server?.close()
  } else server?.moduleGraph.invalidateAll()
}

/**
 * A value as a JavaScript expression, for a generated module: a literal, so that a bundle leaves out an export
 * nobody imports. An object without a prototype stays one (`"__proto__": null`: a lookup by key finds no
 * Object member). Throws, naming `what`, for a value that is not plain data.
 */
export function dataExpression(what: string, value: unknown): string {
  if (!isPlain(value)) throw new Error(`${what} is not plain data (JSON: objects, arrays, strings, numbers…)`)
  return literal(value)
}

function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(',')}]`
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  // (An own key "__proto__" stays a key: computed, it sets no prototype.)
  const key = (k: string) => (k === '__proto__' ? '["__proto__"]' : JSON.stringify(k))
  const members = Object.entries(value).map(([k, v]) => `${key(k)}:${literal(v)}`)
  if (Object.getPrototypeOf(value) === null) members.unshift('"__proto__":null')
  return `{${members.join(',')}}`
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
