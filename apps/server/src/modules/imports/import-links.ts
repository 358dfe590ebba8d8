import { scopeFor } from '../../core/access/permissions'
import { isUuid } from '../../core/ids'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { accountCollection } from '../accounts'
import { entry, type Prepared } from './import-rows'
import type { MappedColumn } from './import-mapping'
import { findAccountRefs, type AccountRef } from './import.repository'

const lower = (s: string) => s.trim().toLowerCase()

/**
 * Custom relations to accounts (a site visit's account): a cell names the account by id, credit code or
 * name, as the account columns of contacts and activities do. Looked up once for the whole file among the
 * accounts the importer can see; each value becomes the account's id, or an error on its column.
 */
export async function resolveAccountLinks(tx: Executor, ctx: Ctx, mapped: MappedColumn[], rows: Prepared[]) {
  const links = mapped.filter((m) => m.field.link === 'accounts')
  if (links.length === 0) return
  const keyOf = (m: MappedColumn) => m.field.key.slice('custom.'.length)
  const cells = (p: Prepared, m: MappedColumn): string[] => {
    const v = p.input.custom?.[keyOf(m)]
    return v === undefined ? [] : ([v].flat() as string[])
  }
  const values = new Set(rows.flatMap((p) => links.flatMap((m) => cells(p, m))).map((v) => v.trim()))
  const ids = [...values].filter(isUuid)
  const words = [...values].filter((v) => !isUuid(v))
  const scope = scopeFor(ctx.principal, 'accounts', 'read')
  const found =
    scope === 'none' || values.size === 0
      ? []
      : await findAccountRefs(
          tx,
          ctx.ws,
          { ids, codes: words, names: [...new Set(words.map(lower))] },
          accountCollection.visibility(ctx, scope),
        )
  const byId = new Map(found.map((a) => [a.id, a]))
  const byCode = new Map(found.filter((a) => a.creditCode).map((a) => [a.creditCode!, a]))
  const byName = new Map<string, AccountRef[]>()
  for (const a of byId.values()) byName.set(lower(a.name), [...(byName.get(lower(a.name)) ?? []), a])

  const idOf = (v: string): { id: string } | { error: string } => {
    const s = v.trim()
    if (isUuid(s)) return byId.has(s) ? { id: s } : { error: 'no such account in this workspace' }
    const code = byCode.get(s)
    if (code) return { id: code.id }
    const named = byName.get(lower(s)) ?? []
    if (named.length === 1) return { id: named[0]!.id }
    return {
      error:
        named.length === 0
          ? `no account named or with the credit code "${s}" in this workspace`
          : `${named.length} accounts are named "${s}"; use the account's id or credit code`,
    }
  }
  for (const p of rows) {
    for (const m of links) {
      const raw = p.input.custom?.[keyOf(m)]
      if (raw === undefined) continue
      const resolved = [raw].flat().map((v: string) => idOf(v))
      const bad = resolved.filter((r): r is { error: string } => 'error' in r)
      for (const r of bad) p.errors.push(entry(p.row, m, r.error))
      if (bad.length) delete p.input.custom[keyOf(m)]
      else {
        const out = resolved.map((r) => (r as { id: string }).id)
        p.input.custom[keyOf(m)] = Array.isArray(raw) ? out : out[0]
      }
    }
  }
}
