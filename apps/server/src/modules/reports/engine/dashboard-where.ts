import { and, sql, type SQL } from 'drizzle-orm'
import type { DashboardFilters } from '@openkam/contract'
import type { FieldError } from '../../../core/errors'
import { userTables } from '../../users'
import { condition, type FilterEnv } from './report-filters'
import type { ReportField } from './report-fields'

/**
 * A dashboard's filters on a report: owner and team on the record's owner, the period on its date field,
 * tier and segment on the account's (its own, or through its account relation). A filter the object
 * cannot take is left out.
 */
export async function dashboardWhere(
  d: DashboardFilters,
  dateField: string | null | undefined,
  lookup: (p: string) => Promise<ReportField | undefined>,
  used: Set<string>,
  env: FilterEnv,
  errors: FieldError[],
): Promise<SQL | undefined> {
  const parts: SQL[] = []
  const use = (f: ReportField | undefined) => {
    if (f?.via) used.add(f.via)
    return f
  }
  const add = (c: SQL | FieldError[]) => (Array.isArray(c) ? errors.push(...c) : parts.push(c))
  const owner = use(await lookup('ownerId'))
  if (d.ownerId && owner) add(condition(owner, 'eq', d.ownerId, 'filters.ownerId', env))
  if (d.teamId && owner) {
    const tm = userTables.teamMembers
    parts.push(
      sql`(${owner.expr})::text in (select ${tm.userId}::text from ${tm} where ${tm.teamId} = ${d.teamId})`,
    )
  }
  if (d.period) {
    const f = use(await lookup(dateField ?? 'createdAt'))
    if (f) add(condition(f, 'eq', d.period, 'filters.period', env))
  }
  for (const key of ['tier', 'segment'] as const) {
    if (!d[key]) continue
    const f = use((await lookup(key)) ?? (await lookup(`accountId.${key}`)))
    if (f) add(condition(f, 'eq', d[key], `filters.${key}`, env))
  }
  return parts.length ? and(...parts) : undefined
}
