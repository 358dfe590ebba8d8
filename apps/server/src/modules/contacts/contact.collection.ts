import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import { builtinObjects } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { fieldSpecs } from '../../core/crud/field-specs'
import { allOf, rowMapper } from '../../core/crud/mapping'
import { AppError, type FieldError } from '../../core/errors'
import type { Executor } from '../../core/db/types'
import type { Ctx } from '../../core/context'
import { accountParent } from '../accounts'
import { userRefs } from '../users'
import { contacts } from './contact.table'
import { reportingCycleError } from './reporting-cycle'

const mapper = rowMapper(contacts, { readOnly: ['lastContactedAt', 'leftAt'] })

/**
 * reports-to must be another contact of the same account (400 otherwise), and may not close a loop: a
 * loop is a business rule on the other contacts' lines, refused with 422 `reporting_cycle` naming the chain,
 * as `POST /contacts/:id/reports-to` does.
 */
async function reportsTo(
  tx: Executor,
  ctx: Ctx,
  c: Record<string, any>,
  before: Record<string, any> | null,
): Promise<FieldError[] | AppError> {
  const target = c.reportsToId
  if (!target || (before && before.reportsToId === target && before.accountId === c.accountId)) return []
  if (target === c.id) return [{ path: 'reportsToId', message: 'a contact cannot report to themself' }]
  const res = (await tx.execute(sql`
    with recursive chain(id, name, reports_to_id, account_id, depth) as (
      select id, name, reports_to_id, account_id, 0 from contacts
      where workspace_id = ${ctx.ws} and id = ${target} and deleted_at is null
      union all
      select c.id, c.name, c.reports_to_id, c.account_id, chain.depth + 1 from contacts c
      join chain on c.id = chain.reports_to_id
      where c.workspace_id = ${ctx.ws} and chain.depth < 100
    )
    select id, name, account_id as "accountId", depth from chain order by depth`)) as unknown as {
    rows: { id: string; name: string; accountId: string; depth: number }[]
  }
  const rows = res.rows.map((r) => ({ ...r, depth: Number(r.depth) })).sort((a, b) => a.depth - b.depth)
  const first = rows[0]
  if (!first) return [{ path: 'reportsToId', message: 'no such contact in this workspace' }]
  if (first.accountId !== c.accountId)
    return [{ path: 'reportsToId', message: 'must be a contact of the same account' }]
  const back = c.id ? rows.findIndex((r) => r.id === c.id) : -1
  if (back >= 0) {
    const up = rows.slice(0, back + 1)
    const names = new Map(up.map((r) => [r.id, r.name]))
    names.set(c.id, c.name)
    return reportingCycleError([c.id, ...up.map((r) => r.id)], names)
  }
  return []
}

/** influences: other, existing contacts of the same account, each once. */
async function influences(
  tx: Executor,
  ctx: Ctx,
  c: Record<string, any>,
  before: Record<string, any> | null,
): Promise<FieldError[]> {
  const ids: string[] = c.influences ?? []
  if (!ids.length) return []
  if (
    before &&
    before.accountId === c.accountId &&
    JSON.stringify(before.influences ?? []) === JSON.stringify(ids)
  )
    return []
  const found = await tx
    .select({ id: contacts.id, accountId: contacts.accountId })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ctx.ws), inArray(contacts.id, ids), isNull(contacts.deletedAt)))
  const accountOf = new Map(found.map((r) => [r.id, r.accountId]))
  const seen = new Set<string>()
  const errors: FieldError[] = []
  ids.forEach((id, i) => {
    const path = `influences.${i}`
    if (id === c.id) errors.push({ path, message: 'a contact cannot influence themself' })
    else if (seen.has(id)) errors.push({ path, message: 'this contact is listed twice' })
    else if (!accountOf.has(id)) errors.push({ path, message: 'no such contact in this workspace' })
    else if (accountOf.get(id) !== c.accountId)
      errors.push({ path, message: 'must be a contact of the same account' })
    seen.add(id)
  })
  return errors
}

/** Field errors first (400); a reporting loop only once the fields are valid (422). */
async function validateContact(
  tx: Executor,
  ctx: Ctx,
  c: Record<string, any>,
  before: Record<string, any> | null,
): Promise<FieldError[]> {
  const errors = await allOf(userRefs('ownerId'), influences)(tx, ctx, c, before)
  const lines = await reportsTo(tx, ctx, c, before)
  if (!(lines instanceof AppError)) return [...errors, ...lines]
  if (errors.length) return errors
  throw lines
}

export const contactCollection = new Collection<any, any, any>({
  name: 'contacts',
  entity: 'contact',
  label: 'Contact',
  table: contacts,
  parent: accountParent(contacts.accountId),
  toRecord: mapper.toRecord,
  toColumns: mapper.toColumns,
  derive: (patch, before) =>
    patch.active === false && before?.active !== false
      ? { leftAt: new Date() }
      : patch.active === true && before?.active === false
        ? { leftAt: null }
        : {},
  validate: validateContact,
  ...fieldSpecs(builtinObjects.contacts!, contacts),
  search: [contacts.name, contacts.email, contacts.title, contacts.phone],
  defaultSort: 'name',
})
