import { sql } from 'drizzle-orm'
import { buyingRoles, stances } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { allOf, rowMapper } from '../../core/crud/mapping'
import type { FieldError } from '../../core/errors'
import type { Executor } from '../../core/db/types'
import type { Ctx } from '../../core/context'
import { accountParent } from '../accounts'
import { userRefs } from '../users'
import { contacts } from './contact.table'

const mapper = rowMapper(contacts, { readOnly: ['lastContactedAt', 'leftAt'] })

/** reports-to must be another contact of the same account, and may not close a loop. */
async function reportsTo(
  tx: Executor,
  ctx: Ctx,
  c: Record<string, any>,
  before: Record<string, any> | null,
): Promise<FieldError[]> {
  const target = c.reportsToId
  if (!target || (before && before.reportsToId === target && before.accountId === c.accountId)) return []
  if (target === c.id) return [{ path: 'reportsToId', message: 'a contact cannot report to themself' }]
  const res = (await tx.execute(sql`
    with recursive chain(id, reports_to_id, account_id, depth) as (
      select id, reports_to_id, account_id, 0 from contacts
      where workspace_id = ${ctx.ws} and id = ${target} and deleted_at is null
      union all
      select c.id, c.reports_to_id, c.account_id, chain.depth + 1 from contacts c
      join chain on c.id = chain.reports_to_id
      where c.workspace_id = ${ctx.ws} and chain.depth < 100
    )
    select id, account_id as "accountId", depth from chain`)) as unknown as {
    rows: { id: string; accountId: string; depth: number }[]
  }
  const first = res.rows.find((r) => r.depth === 0)
  if (!first) return [{ path: 'reportsToId', message: 'no such contact in this workspace' }]
  if (first.accountId !== c.accountId)
    return [{ path: 'reportsToId', message: 'must be a contact of the same account' }]
  if (c.id && res.rows.some((r) => r.id === c.id)) {
    return [
      {
        path: 'reportsToId',
        message: 'this would make a reporting loop; choose someone who is not below this contact',
      },
    ]
  }
  return []
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
  validate: allOf(userRefs('ownerId'), reportsTo),
  sortable: {
    updatedAt: { column: contacts.updatedAt, kind: 'date' },
    createdAt: { column: contacts.createdAt, kind: 'date' },
    name: { column: contacts.name, kind: 'string' },
    influence: { column: contacts.influence, kind: 'number' },
    lastContactedAt: { column: contacts.lastContactedAt, kind: 'date' },
  },
  filterable: {
    accountId: { column: contacts.accountId, kind: 'uuid' },
    ownerId: { column: contacts.ownerId, kind: 'uuid' },
    buyingRole: { column: contacts.buyingRole, kind: 'enum', values: buyingRoles },
    stance: { column: contacts.stance, kind: 'enum', values: stances },
    influence: { column: contacts.influence, kind: 'number' },
    relationshipStrength: { column: contacts.relationshipStrength, kind: 'number' },
    reportsToId: { column: contacts.reportsToId, kind: 'uuid' },
    active: { column: contacts.active, kind: 'boolean' },
    email: { column: contacts.email, kind: 'string' },
    lastContactedAt: { column: contacts.lastContactedAt, kind: 'date' },
    updatedAt: { column: contacts.updatedAt, kind: 'date' },
  },
  search: [contacts.name, contacts.email, contacts.title, contacts.phone],
  defaultSort: 'name',
})
