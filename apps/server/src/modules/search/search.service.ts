import { searchObjects, type SearchHit } from '@openkam/contract'
import { scopeFor } from '../../core/access/permissions'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { collectionOf, getObject } from '../fields'

type Obj = (typeof searchObjects)[number]
type Row = Record<string, unknown>

/**
 * Per object: the field that names a record, the one shown before it (a ticket's number: "TK-10042 ·
 * subject"), and the other fields worth telling the person matched. Each object's collection searches at
 * least these columns (its `search`); a hit on a column left out here would be dropped.
 */
type Shape = { title: string; prefix?: string; also: string[] }
const shapes: Record<Obj, Shape> = {
  accounts: { title: 'name', also: ['creditCode', 'domain', 'phone'] },
  contacts: { title: 'name', also: ['email', 'phone', 'title'] },
  leads: { title: 'name', also: ['company', 'email', 'phone', 'domain', 'creditCode'] },
  opportunities: { title: 'name', also: [] },
  contracts: { title: 'number', also: [] },
  quotes: { title: 'number', also: [] },
  orders: { title: 'number', also: [] },
  invoices: { title: 'number', also: [] },
  tickets: { title: 'subject', prefix: 'number', also: ['body'] },
}

const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null)

/** Where the term shows in what the person may see of the record: the title, another field, a custom value. */
function matchOf(rec: Row, shape: Shape, needle: string) {
  const has = (v: unknown) => text(v)?.toLowerCase().includes(needle) ?? false
  if (has(rec[shape.title]) || (shape.prefix && has(rec[shape.prefix]))) return { field: null, value: null }
  for (const f of shape.also) if (has(rec[f])) return { field: f, value: text(rec[f]) }
  const custom = (rec.custom ?? {}) as Row
  for (const [k, v] of Object.entries(custom)) if (has(v)) return { field: `custom.${k}`, value: text(v) }
  return null
}

/**
 * Global search (issue 18): the term over each searchable object the person may read — names, numbers,
 * e-mails, phones, credit codes, domains, subjects and custom text — through each collection's own list,
 * so row visibility applies. A hit is kept only when the term shows in a field the person may see (a
 * match on a hidden field tells nothing).
 */
export async function globalSearch(
  tx: Executor,
  ctx: Ctx,
  q: string,
  limit: number,
  lang: 'en' | 'zh-CN',
): Promise<SearchHit[]> {
  const needle = q.toLowerCase()
  const hits: SearchHit[] = []
  for (const object of searchObjects) {
    if (scopeFor(ctx.principal, object, 'read') === 'none') continue
    const page = await collectionOf(object).list(tx, ctx, { q, limit })
    if (!page.data.length) continue
    // The matched field's label as the object model names it in the person's language.
    const labels = new Map((await getObject(tx, ctx, object, lang)).fields.map((f) => [f.key, f.label]))
    const shape = shapes[object]
    for (const rec of page.data as Row[]) {
      const m = matchOf(rec, shape, needle)
      if (!m) continue
      const name = text(rec[shape.title]) ?? String(rec.id)
      const prefix = shape.prefix ? text(rec[shape.prefix]) : null
      hits.push({
        object,
        id: String(rec.id),
        title: prefix ? `${prefix} · ${name}` : name,
        matchedField: m.field,
        matchedValue: m.value,
        matchedLabel: m.field
          ? (labels.get(m.field) ?? labels.get(m.field.replace(/^custom\./, '')) ?? m.field)
          : null,
        accountId: object === 'accounts' ? null : ((rec.accountId as string | null | undefined) ?? null),
      })
    }
  }
  return hits
}
