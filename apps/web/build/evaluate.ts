import { runnerImport } from 'vite'

/**
 * A module's exports as Node evaluates it through Vite (TypeScript and the workspace's packages resolved as
 * the app's build resolves them), with the files it read: for plugins that serve data computed at build time.
 */
export async function evaluate(file: string): Promise<{ exports: Record<string, unknown>; files: string[] }> {
  const { module, dependencies } = await runnerImport<Record<string, unknown>>(file, {
    configFile: false,
    logLevel: 'error',
  })
  return { exports: module, files: dependencies }
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
