import { segmentLabel } from '@openkam/contract'
import { and, eq, inArray } from 'drizzle-orm'
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core'
import type { Ctx } from '../../../core/context'
import type { Executor } from '../../../core/db/types'
import { isUuid } from '../../../core/ids'
import { collectionOf, getObject } from '../../fields'
import { userTables } from '../../users'
import type { PlanGroup } from './report-compile'
import type { Lang } from './report-fields'
import { bucketLabel } from './relative-dates'

const NONE = { en: '(none)', 'zh-CN': '（空）' } as const
const YES_NO = { en: ['Yes', 'No'], 'zh-CN': ['是', '否'] } as const

/** The names of records by id: people, or the records of an object (by its title field). */
async function namesOf(
  tx: Executor,
  ctx: Ctx,
  target: NonNullable<PlanGroup['field']['target']>,
  ids: string[],
  lang: Lang,
): Promise<Map<string, string>> {
  if (!ids.length) return new Map()
  if ('users' in target) {
    const u = userTables.users
    const rows = await tx
      .select({ id: u.id, name: u.name })
      .from(u)
      .where(and(eq(u.workspaceId, ctx.ws), inArray(u.id, ids)))
    return new Map(rows.map((r) => [r.id, r.name]))
  }
  const c = collectionOf(target.object)
  const t = c.def.table as unknown as Record<string, AnyPgColumn>
  const title = (await getObject(tx, ctx, target.object, lang)).titleField
  const col = t[title] ?? t.name
  if (!col) return new Map()
  const rows = (await tx
    .select({ id: t.id!, name: col })
    .from(c.def.table as unknown as PgTable)
    .where(and(eq(t.workspaceId!, ctx.ws), inArray(t.id!, ids)))) as { id: string; name: unknown }[]
  return new Map(rows.map((r) => [r.id, String(r.name ?? r.id)]))
}

/**
 * The label of every grouping value in `rows`: option labels, names of people and records, bucket names,
 * yes / no, and "(none)" for an empty value.
 */
export async function groupLabels(
  tx: Executor,
  ctx: Ctx,
  groups: PlanGroup[],
  rows: unknown[][],
  lang: Lang,
): Promise<Record<string, Record<string, string>>> {
  const out: Record<string, Record<string, string>> = {}
  for (const [i, g] of groups.entries()) {
    const labels: Record<string, string> = {}
    const values = [...new Set(rows.map((r) => r[i]))]
    if (values.includes(null)) labels['null'] = NONE[lang]
    const present = values.filter((v): v is string | number | boolean => v !== null && v !== undefined)
    const f = g.field
    if (g.bucket) for (const v of present) labels[String(v)] = bucketLabel(String(v), g.bucket, lang)
    else if (f.kind === 'boolean') for (const v of present) labels[String(v)] = YES_NO[lang][v ? 0 : 1]
    else if (f.options) {
      const byValue = new Map(f.options.map((o) => [o.value, o.label]))
      for (const v of present) labels[String(v)] = byValue.get(String(v)) ?? String(v)
    } else if (f.target) {
      const names = await namesOf(
        tx,
        ctx,
        f.target,
        present.map(String).filter((v) => isUuid(v)),
        lang,
      )
      for (const v of present) labels[String(v)] = names.get(String(v)) ?? String(v)
    } else if (f.path === 'segment' || f.path.endsWith('.segment')) {
      // An account's segment is a key (industry:size:maturity, SPEC R-03): shown in words.
      for (const v of present) labels[String(v)] = segmentLabel(String(v), lang)
    }
    out[g.key] = labels
  }
  return out
}
