import { and, eq, inArray } from 'drizzle-orm'
import { builtinObjects, type ObjectField } from '@openkam/contract'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import { isUuid } from '../../core/ids'
import type { ExportColumn, ExportView } from '../../core/http/export-routes'
import { collectionOf, getObject } from '../fields'
import { userTables } from '../users'

type Rec = Record<string, unknown>
type Lang = 'en' | 'zh-CN'

const YES_NO = { en: ['Yes', 'No'], 'zh-CN': ['是', '否'] } as const

/** What a column needs to show a value: its field, and the built-in type where it says more (decimal). */
type Column = { path: string; field: ObjectField; builtinType?: string }

const valueAt = (c: Column, r: Rec): unknown =>
  c.field.custom ? (r.custom as Rec | undefined)?.[c.field.key] : r[c.field.key]

const empty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length)

/** Money as the screen shows it, e.g. "¥1,200,000.50" or "US$5". */
export function moneyText(amount: unknown, currency: unknown, lang: Lang): string {
  if (empty(amount)) return ''
  const n = Number(amount)
  if (!Number.isFinite(n)) return String(amount)
  try {
    return new Intl.NumberFormat(lang, {
      style: 'currency',
      currency: typeof currency === 'string' && currency ? currency : 'CNY',
      minimumFractionDigits: 0,
      maximumFractionDigits: 2,
    }).format(n)
  } catch {
    return `${String(amount)} ${String(currency ?? '')}`.trim()
  }
}

/** A time as "2026-01-31 09:30" in `timeZone`. */
export function timeText(v: unknown, timeZone: string): string {
  const d = new Date(String(v))
  if (Number.isNaN(d.getTime())) return String(v)
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(d)
    .replace(',', '')
}

/** The object a reference field names records of (users and teams included), or none. */
function targetOf(c: Column): string | null {
  if (c.field.type === 'user') return 'users'
  if (c.field.type === 'relation') return c.field.relation?.object ?? null
  return null
}

/**
 * Shows one value as the list does: option labels, names (from `names`), yes / no, formatted money,
 * percentages, dates and times; lists joined with "; ".
 */
export function displayValue(
  c: Column,
  r: Rec,
  names: Map<string, string>,
  lang: Lang,
  timeZone: string,
): string | number {
  const v = valueAt(c, r)
  if (empty(v)) return ''
  const f = c.field
  if (c.builtinType === 'decimal') return moneyText(v, r.currency, lang)
  switch (f.type) {
    case 'select':
    case 'multi_select': {
      const label = new Map((f.options ?? []).map((o) => [o.value, o.label]))
      return [v]
        .flat()
        .map((x) => label.get(String(x)) ?? String(x))
        .join('; ')
    }
    case 'user':
    case 'relation':
      return [v]
        .flat()
        .map((id) => names.get(String(id)) ?? '')
        .filter(Boolean)
        .join('; ')
    case 'boolean':
      return YES_NO[lang][v ? 0 : 1]
    case 'money':
      return typeof v === 'object' && v && 'amount' in v
        ? moneyText((v as Rec).amount, (v as Rec).currency, lang)
        : moneyText(v, 'CNY', lang)
    case 'percent':
      return `${Number(v).toLocaleString(lang)}%`
    case 'number':
    case 'rollup':
      return typeof v === 'number' ? v : Number.isFinite(Number(v)) ? Number(v) : String(v)
    case 'date':
      return String(v).slice(0, 10)
    case 'datetime':
      return timeText(v, timeZone)
    case 'tags':
      return [v].flat().map(String).join('; ')
    default:
      return typeof v === 'object' ? JSON.stringify(v) : String(v)
  }
}

/** The raw columns a value adds for re-import (`ids=true`): headed by the import's field names. */
function rawColumns(c: Column): ExportColumn[] {
  const key = c.path
  const f = c.field
  if (f.type === 'money' && !f.custom)
    return [
      { header: `${key}.amount`, get: (r) => (valueAt(c, r) as Rec | null)?.amount },
      { header: `${key}.currency`, get: (r) => (valueAt(c, r) as Rec | null)?.currency },
    ]
  if (f.type === 'money')
    return [
      {
        header: key,
        get: (r) => {
          const v = valueAt(c, r)
          return v && typeof v === 'object' && 'amount' in v ? (v as Rec).amount : v
        },
      },
    ]
  if (
    c.builtinType === 'decimal' ||
    ['select', 'multi_select', 'user', 'relation', 'boolean', 'percent', 'datetime'].includes(f.type)
  )
    return [{ header: key, get: (r) => valueAt(c, r) }]
  return []
}

/** The names of people, teams and records by id, those the person may see. */
async function namesOf(tx: Executor, ctx: Ctx, object: string, ids: string[]): Promise<[string, string][]> {
  if (!ids.length) return []
  if (object === 'users' || object === 'teams') {
    const t = object === 'users' ? userTables.users : userTables.teams
    const rows = await tx
      .select({ id: t.id, name: t.name })
      .from(t)
      .where(and(eq(t.workspaceId, ctx.ws), inArray(t.id, ids)))
    return rows.map((r) => [r.id, r.name])
  }
  const title = builtinObjects[object]?.titleField ?? 'name'
  const out: [string, string][] = []
  const c = collectionOf(object)
  for (let i = 0; i < ids.length; i += 500) {
    // Through the list, so that a record the person may not see is not named.
    const page = await c.list(tx, ctx, { limit: 500, id: ids.slice(i, i + 500).join(',') })
    for (const r of page.data as Rec[]) out.push([String(r.id), String(r[title] ?? r.name ?? '')])
  }
  return out
}

/**
 * The export of a list as the person sees it (`columns=`): one column per list column, in its order,
 * headed by its label in `lang`; with `ids`, the record's id first and, after the shown columns, the raw
 * value of each column that shows something else (codes, ids, amounts) under its import name.
 */
export const exportView: ExportView = async (tx, ctx, object, paths, opts) => {
  const schema = await getObject(tx, ctx, object, opts.lang)
  const builtin = new Map((builtinObjects[object]?.fields ?? []).map((f) => [f.key, f.type as string]))
  const byPath = new Map(schema.fields.map((f) => [f.custom ? `custom.${f.key}` : f.key, f]))
  const unknown = paths.filter((p) => !byPath.has(p))
  if (!paths.length || paths.some((p) => !p) || unknown.length)
    throw new AppError('invalid', 'invalid_filter', 'Unknown export columns', {
      errors: [
        {
          path: 'columns',
          message: unknown.length
            ? `not a field of ${object} you may see: ${unknown.join(', ')}`
            : 'name at least one column',
        },
      ],
    })
  const cols: Column[] = [...new Set(paths)].map((path) => {
    const field = byPath.get(path)!
    const builtinType = field.custom ? undefined : builtin.get(field.key)
    return { path, field, ...(builtinType ? { builtinType } : {}) }
  })
  const names = new Map<string, string>()
  const shown: ExportColumn[] = cols.map((c) => ({
    header: c.field.label,
    get: (r) => displayValue(c, r, names, opts.lang, opts.timeZone),
  }))
  const columns = opts.ids
    ? [{ header: 'id', get: (r: Rec) => r.id }, ...shown, ...cols.flatMap(rawColumns)]
    : shown
  const refs = cols.filter((c) => targetOf(c))
  return {
    columns,
    async prepare(recs) {
      const wanted = new Map<string, Set<string>>()
      for (const c of refs)
        for (const r of recs)
          for (const id of [valueAt(c, r)].flat())
            if (typeof id === 'string' && isUuid(id) && !names.has(id))
              (wanted.get(targetOf(c)!) ?? wanted.set(targetOf(c)!, new Set()).get(targetOf(c)!)!).add(id)
      for (const [target, ids] of wanted)
        for (const [id, name] of await namesOf(tx, ctx, target, [...ids])) names.set(id, name)
    },
  }
}
