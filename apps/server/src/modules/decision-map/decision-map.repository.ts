import { and, eq, inArray, isNull, notInArray, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'
import { activities } from '../activities'
import { accounts } from '../accounts'
import { contacts } from '../contacts'
import { decisionMapPlaybooks, opportunityCommitteeMembers } from './decision-map.table'
import type { GapRules } from './gaps'
import type { Playbook } from './playbook'

/** `array[…]::uuid[]` of the ids, for `= any(…)` and `&&` (an empty list gives an empty array). */
const uuidArray = (ids: string[]) =>
  sql`array[${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}]::uuid[]`

/** Contacts (former ones too, not deleted) of the accounts `accountIds` selects (a list or a subquery). */
export const contactsOf = (tx: Executor, ws: string, accountIds: string[] | SQL) =>
  tx
    .select()
    .from(contacts)
    .where(
      and(
        eq(contacts.workspaceId, ws),
        isNull(contacts.deletedAt),
        Array.isArray(accountIds)
          ? inArray(contacts.accountId, accountIds)
          : sql`${contacts.accountId} in ${accountIds}`,
      ),
    )
    .orderBy(contacts.name, contacts.id)

/** Per account and contact, the newest activity naming the contact. */
export async function lastContacts(tx: Executor, ws: string, accountIds: string[] | SQL) {
  const accounts = Array.isArray(accountIds)
    ? sql`(${sql.join(
        accountIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : accountIds
  const res = (await tx.execute(sql`
    select a.account_id as "accountId", cid as "contactId", max(a.occurred_at) as "at"
    from ${activities} a cross join lateral unnest(a.contact_ids) cid
    where a.workspace_id = ${ws} and a.deleted_at is null and a.account_id in ${accounts}
    group by a.account_id, cid`)) as unknown as {
    rows: { accountId: string; contactId: string; at: string | Date }[]
  }
  return res.rows.map((r) => ({ ...r, at: new Date(r.at) }))
}

/**
 * Per account, the activities since `from` that name a contact (of `only`, when given): how many, and which
 * contacts (of `only`).
 */
export async function recentThreads(
  tx: Executor,
  ws: string,
  accountIds: string[] | SQL,
  from: Date,
  only?: string[],
) {
  const accounts = Array.isArray(accountIds)
    ? sql`(${sql.join(
        accountIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : accountIds
  const res = (await tx.execute(sql`
    select a.account_id as "accountId", count(distinct a.id)::int as "count",
      array_agg(distinct cid) as "contactIds"
    from ${activities} a cross join lateral unnest(a.contact_ids) cid
    where a.workspace_id = ${ws} and a.deleted_at is null and a.account_id in ${accounts}
      and a.occurred_at >= ${from.toISOString()}::timestamptz
      ${only ? sql`and cid = any(${uuidArray(only)})` : sql``}
    group by a.account_id`)) as unknown as {
    rows: { accountId: string; count: number; contactIds: string[] | string }[]
  }
  // PGlite may hand uuid[] back as its text form.
  return res.rows.map((r) => ({
    accountId: r.accountId,
    count: Number(r.count),
    contactIds: Array.isArray(r.contactIds)
      ? r.contactIds
      : r.contactIds.replace(/[{}]/g, '').split(',').filter(Boolean),
  }))
}

/** The last activities of one account that name a contact (of `only`, when given), newest first. */
export const recentActivities = (
  tx: Executor,
  ws: string,
  accountId: string,
  limit: number,
  only?: string[],
) =>
  tx
    .select({
      id: activities.id,
      kind: activities.kind,
      subject: activities.subject,
      occurredAt: activities.occurredAt,
      contactIds: activities.contactIds,
    })
    .from(activities)
    .where(
      and(
        eq(activities.workspaceId, ws),
        eq(activities.accountId, accountId),
        isNull(activities.deletedAt),
        sql`cardinality(${activities.contactIds}) > 0`,
        only ? sql`${activities.contactIds} && ${uuidArray(only)}` : undefined,
      ),
    )
    .orderBy(sql`${activities.occurredAt} desc`)
    .limit(limit)

export async function readPlaybook(tx: Executor, ws: string): Promise<Partial<Playbook> | null> {
  const [row] = await tx.select().from(decisionMapPlaybooks).where(eq(decisionMapPlaybooks.workspaceId, ws))
  return (row?.roles as Partial<Playbook>) ?? null
}

export const writePlaybook = (tx: Executor, ws: string, roles: Playbook) =>
  tx
    .insert(decisionMapPlaybooks)
    .values({ workspaceId: ws, roles, updatedAt: new Date() })
    .onConflictDoUpdate({ target: decisionMapPlaybooks.workspaceId, set: { roles, updatedAt: new Date() } })

/** The stored gap-rule overrides and when they changed (locked for an update when `forUpdate`). */
export async function readGapRules(tx: Executor, ws: string, forUpdate = false) {
  const q = tx
    .select({ gapRules: decisionMapPlaybooks.gapRules, at: decisionMapPlaybooks.gapRulesUpdatedAt })
    .from(decisionMapPlaybooks)
    .where(eq(decisionMapPlaybooks.workspaceId, ws))
  const [row] = forUpdate ? await q.for('update') : await q
  return { stored: row?.gapRules ?? null, updatedAt: row?.at ?? null }
}

/** Stores the gap rules; a workspace without a playbook keeps the default one (`roles: {}`). */
export const writeGapRules = (tx: Executor, ws: string, gapRules: GapRules, at: Date) =>
  tx
    .insert(decisionMapPlaybooks)
    .values({ workspaceId: ws, roles: {}, gapRules, gapRulesUpdatedAt: at, updatedAt: at })
    .onConflictDoUpdate({
      target: decisionMapPlaybooks.workspaceId,
      set: { gapRules, gapRulesUpdatedAt: at, updatedAt: at },
    })

/** The contact ids of a deal's own committee, oldest member first (empty: it has none). */
export const committeeOf = async (tx: Executor, ws: string, opportunityId: string) =>
  (
    await tx
      .select({ contactId: opportunityCommitteeMembers.contactId })
      .from(opportunityCommitteeMembers)
      .where(
        and(
          eq(opportunityCommitteeMembers.workspaceId, ws),
          eq(opportunityCommitteeMembers.opportunityId, opportunityId),
        ),
      )
      .orderBy(opportunityCommitteeMembers.addedAt, opportunityCommitteeMembers.contactId)
  ).map((r) => r.contactId)

/** Makes the committee exactly `contactIds`: members kept keep when and by whom they were added. */
export async function replaceCommittee(
  tx: Executor,
  ws: string,
  opportunityId: string,
  contactIds: string[],
  by: string | null,
) {
  const m = opportunityCommitteeMembers
  await tx
    .delete(m)
    .where(
      and(
        eq(m.workspaceId, ws),
        eq(m.opportunityId, opportunityId),
        contactIds.length ? notInArray(m.contactId, contactIds) : undefined,
      ),
    )
  if (contactIds.length)
    await tx
      .insert(m)
      .values(contactIds.map((contactId) => ({ workspaceId: ws, opportunityId, contactId, addedBy: by })))
      .onConflictDoNothing()
}

/** id → reportsToId of the contacts of one account (for loop checks). */
export const reportingLines = async (tx: Executor, ws: string, accountId: string) =>
  tx
    .select({ id: contacts.id, name: contacts.name, reportsToId: contacts.reportsToId })
    .from(contacts)
    .where(and(eq(contacts.workspaceId, ws), eq(contacts.accountId, accountId), isNull(contacts.deletedAt)))

/** The accounts a WHERE fragment on `accounts` selects, as a subquery, and their names. */
export const accountSubquery = (ws: string, where: (SQL | undefined)[]) =>
  sql`(select ${accounts.id} from ${accounts} where ${and(eq(accounts.workspaceId, ws), isNull(accounts.deletedAt), ...where)})`

export const accountsWhere = (tx: Executor, ws: string, where: (SQL | undefined)[]) =>
  tx
    .select({ id: accounts.id, name: accounts.name, ownerId: accounts.ownerId })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ws), isNull(accounts.deletedAt), ...where))
    .orderBy(accounts.name, accounts.id)

/** The account of each of these contacts that exists (not deleted) in the workspace. */
export const accountsOfContacts = (tx: Executor, ws: string, ids: string[]) =>
  ids.length
    ? tx
        .select({ id: contacts.id, accountId: contacts.accountId })
        .from(contacts)
        .where(and(eq(contacts.workspaceId, ws), inArray(contacts.id, ids), isNull(contacts.deletedAt)))
    : Promise.resolve([])
