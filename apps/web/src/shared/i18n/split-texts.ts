/** A language's texts: nested groups of strings (i18next's one namespace). */
export type Texts = { [key: string]: string | Texts }

/** Whether the dotted key `key` lies under `path`: the path itself, below it, or a plural or context form of it (`_one`). */
export const covers = (path: string, key: string) =>
  key === path || key.startsWith(`${path}.`) || key.startsWith(`${path}_`)

const leaves = (o: Texts, prefix = ''): [string, string][] =>
  Object.entries(o).flatMap(([k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k
    return typeof v === 'string' ? [[key, v] as [string, string]] : leaves(v, key)
  })

function put(into: Texts, key: string, value: string) {
  const path = key.split('.')
  let at = into
  for (const k of path.slice(0, -1)) at = (at[k] ??= {}) as Texts
  at[path.at(-1)!] = value
}

/**
 * A language's texts in two parts: those under `paths` (the start: what sign-in, the shell and Home show) and
 * the rest. Throws for a path that names no text, so the list cannot hold a key that was removed.
 * @example splitTexts({ nav: { home: 'Home' }, pipeline: { title: 'Pipeline' } }, ['nav'])
 * // → { start: { nav: { home: 'Home' } }, rest: { pipeline: { title: 'Pipeline' } } }
 */
export function splitTexts(texts: Texts, paths: readonly string[]): { start: Texts; rest: Texts } {
  const all = leaves(texts)
  const unknown = paths.filter((p) => !all.some(([k]) => covers(p, k)))
  if (unknown.length) throw new Error(`start texts: no text under ${unknown.join(', ')}`)
  const start: Texts = {}
  const rest: Texts = {}
  for (const [k, v] of all) put(paths.some((p) => covers(p, k)) ? start : rest, k, v)
  return { start, rest }
}
