import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import { builtinObjects } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { fieldSpecs } from '../../core/crud/field-specs'
import { allOf, refCheck, rowMapper } from '../../core/crud/mapping'
import { accountParent } from '../accounts'
import { contacts } from '../contacts'
import { opportunities } from '../opportunities'
import { userRefs } from '../users'
import { activities } from './activity.table'
import { checkRelated, locateAccount } from './related-record'

const mapper = rowMapper(activities)
type Row = Record<string, any>
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/**
 * The contacts and the deal an activity names belong to its account: a meeting at one customer cannot mark
 * another customer's contact as contacted. Checked when the account, the contacts or the deal change.
 */
async function sameAccount(tx: Executor, ctx: Ctx, candidate: Row, before: Row | null) {
  const accountId = candidate.accountId as string | undefined
  if (!accountId)
    return (candidate.contactIds ?? []).length || candidate.opportunityId
      ? [
          {
            path: (candidate.contactIds ?? []).length ? 'contactIds' : 'opportunityId',
            message: 'an activity without an account (about a lead) names no contacts or deal',
          },
        ]
      : []
  const moved = !before || before.accountId !== accountId
  const errors: { path: string; message: string }[] = []
  const ids: string[] = candidate.contactIds ?? []
  if (ids.length && (moved || !same(before?.contactIds, ids))) {
    const rows = await tx
      .select({ id: contacts.id, accountId: contacts.accountId })
      .from(contacts)
      .where(and(eq(contacts.workspaceId, ctx.ws), inArray(contacts.id, ids), isNull(contacts.deletedAt)))
    for (const r of rows)
      if (r.accountId !== accountId)
        errors.push({
          path: 'contactIds',
          message: `contact ${r.id} is not a contact of the activity's account`,
        })
  }
  const dealId = candidate.opportunityId as string | null | undefined
  if (dealId && (moved || before?.opportunityId !== dealId)) {
    const [r] = await tx
      .select({ accountId: opportunities.accountId })
      .from(opportunities)
      .where(and(eq(opportunities.workspaceId, ctx.ws), eq(opportunities.id, dealId)))
    if (r && r.accountId !== accountId)
      errors.push({ path: 'opportunityId', message: "the opportunity is not one of the activity's account" })
  }
  return errors
}

export const activityCollection = new Collection<any, any, any>({
  name: 'activities',
  entity: 'activity',
  label: 'Activity',
  table: activities,
  // An activity about a lead has no account until the lead converts (its activities then move there).
  parent: accountParent(activities.accountId, true),
  toRecord: mapper.toRecord,
  toColumns: mapper.toColumns,
  derive: (patch, before) => (!before && !patch.occurredAt ? { occurredAt: new Date() } : {}),
  // The account of the record the activity is about, when none was given.
  beforeInsert: async (tx, ctx, row) =>
    row.accountId ? {} : { accountId: await locateAccount(tx, ctx, row) },
  beforeUpdate: async (tx, ctx, patch, before) => {
    const next = { ...before, ...patch }
    const moved = ['accountId', 'relatedType', 'relatedId'].some((k) => k in patch)
    return moved && !next.accountId ? { accountId: await locateAccount(tx, ctx, next) } : {}
  },
  /** Keeps each linked contact's last-contact date (a derived, read-only field) up to date. */
  async afterWrite(tx, ctx, id) {
    await tx.execute(sql`
      update contacts c set last_contacted_at = greatest(c.last_contacted_at, a.occurred_at)
      from activities a
      where a.workspace_id = ${ctx.ws} and a.id = ${id} and c.workspace_id = ${ctx.ws} and c.id = any(a.contact_ids)`)
  },
  validate: allOf(
    userRefs('ownerId'),
    refCheck(contacts, 'contact', 'contactIds'),
    refCheck(opportunities, 'opportunity', 'opportunityId'),
    async (tx, ctx, c, before) => {
      // The record it is about, when that changes; then its people and deal against the account it will have.
      const about =
        !before ||
        ['accountId', 'relatedType', 'relatedId'].some((k) => String(before[k] ?? '') !== String(c[k] ?? ''))
      const related = about ? await checkRelated(tx, ctx, c) : { errors: [], accountId: c.accountId }
      if (related.errors.length) return related.errors
      return sameAccount(tx, ctx, { ...c, accountId: related.accountId ?? c.accountId }, before)
    },
  ),
  ...fieldSpecs(builtinObjects.activities!, activities, {
    // `?contactIds=<id>[,<id>]`: the activities naming one of these contacts (a contact's activity feed).
    filterable: {
      contactIds: { column: sql`to_jsonb(${activities.contactIds})`, kind: 'uuid', many: true },
      // `?relatedType=lead&relatedId=<id>`: the activities about one record (a lead's or contract's feed).
      relatedType: { column: activities.relatedType, kind: 'string' },
      relatedId: { column: activities.relatedId, kind: 'uuid' },
    },
  }),
  search: [activities.subject, activities.body],
  defaultSort: '-occurredAt',
})
