import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { en } from './en'
import { zhCN } from './zh-CN'
import { startTexts } from './start-texts'
import { covers, splitTexts, type Texts } from './split-texts'

const src = path.join(__dirname, '../..')

function resolveImport(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec)
  return [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`].find(
    (f) => /\.tsx?$/.test(f) && fs.existsSync(f),
  )
}

/**
 * The app's modules that can run before any page's texts are in: everything main.tsx reaches through its
 * imports (static and dynamic), except the modules it and the router load through `withTexts`.
 */
function startModules(): string[] {
  const seen = new Set<string>()
  const queue = [path.join(src, 'main.tsx')]
  while (queue.length) {
    const file = queue.pop()!
    if (seen.has(file)) continue
    seen.add(file)
    const code = fs.readFileSync(file, 'utf8')
    const withTexts = new Set(
      [...code.matchAll(/withTexts\(\s*\(\)\s*=>\s*import\('([^']+)'\)/g)].map((m) => m[1]),
    )
    for (const [, spec] of code.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      if (withTexts.has(spec)) continue
      const target = resolveImport(file, spec!)
      if (target) queue.push(target)
    }
  }
  return [...seen]
}

const leaves = (o: Texts, prefix = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'string' ? [prefix ? `${prefix}.${k}` : k] : leaves(v, prefix ? `${prefix}.${k}` : k),
  )

/**
 * The texts a module may show, as the keys (or, for a key built at run time such as `nav.${c}`, the
 * groups) its code names, each with the texts it covers.
 */
function namedTexts(code: string, all: string[]): Map<string, string[]> {
  const groups = new Set(Object.keys(en))
  const named = new Map<string, string[]>()
  const add = (key: string) => {
    if (!groups.has(key.split('.')[0]!)) return
    const under = all.filter((k) => covers(key, k))
    if (under.length) named.set(key, under)
  }
  for (const [, key] of code.matchAll(/['"`]([a-zA-Z]\w*(?:\.\w+)+)['"`]/g)) add(key!)
  for (const [, prefix] of code.matchAll(/`([a-zA-Z]\w*(?:\.\w+)*)\.\$\{/g)) add(prefix!)
  return named
}

describe('the start texts (sign-in, the shell and Home, loaded before the rest)', () => {
  const all = leaves(en as unknown as Texts)

  it('hold every text the modules that load before the rest can name', () => {
    const missing: string[] = []
    const modules = startModules()
    // The scan reaches the shell and Home (and stops at the other pages).
    const names = modules.map((f) => path.relative(src, f))
    expect(names).toEqual(expect.arrayContaining(['app/AppShell.tsx', 'features/home/HomePage.tsx']))
    expect(names).not.toContain('features/records/ListPage.tsx')
    for (const file of modules)
      for (const [key, under] of namedTexts(fs.readFileSync(file, 'utf8'), all))
        if (under.some((k) => !startTexts.some((p) => covers(p, k))))
          missing.push(`${key} (${path.relative(src, file)})`)
    expect(missing, 'add these to start-texts.ts').toEqual([])
  })

  it('split both languages into the same keys, the start a small part', () => {
    const a = splitTexts(en as unknown as Texts, startTexts)
    const b = splitTexts(zhCN as unknown as Texts, startTexts)
    expect(leaves(b.start)).toEqual(leaves(a.start))
    expect(leaves(a.start).length + leaves(a.rest).length).toBe(all.length)
    expect(JSON.stringify(a.start).length).toBeLessThan(JSON.stringify(a.rest).length / 2)
  })
})
