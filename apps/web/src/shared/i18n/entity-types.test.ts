import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { en } from './en'
import { zhCN } from './zh-CN'

const serverSrc = join(__dirname, '../../../../server/src')

/** Every `.ts` file under a folder (tests left out). */
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) return sources(p)
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : []
  })

/**
 * The entity types the server writes into the audit log: each collection's `entity` and each audit
 * entry's `entityType` written by hand, read from the server's source.
 */
function auditedEntityTypes(): string[] {
  const found = new Set<string>()
  for (const file of sources(serverSrc)) {
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(/^\s+entity: '([a-z_]+)'/gm)) found.add(m[1]!)
    for (const m of text.matchAll(/entityType: '([a-z_]+)'/g)) found.add(m[1]!)
  }
  return [...found].sort()
}

describe('the audit log', () => {
  // Settings → Audit log names each entry's kind; a kind without a label would show its raw key.
  it('has a label in both languages for every kind of record the server audits', () => {
    const types = auditedEntityTypes()
    expect(types.length).toBeGreaterThan(30)
    expect(
      types.filter((k) => !(k in en.settings.entityTypes)),
      'missing in en',
    ).toEqual([])
    expect(
      types.filter((k) => !(k in zhCN.settings.entityTypes)),
      'missing in zh-CN',
    ).toEqual([])
  })
})
