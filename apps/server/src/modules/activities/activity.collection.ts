import { sql } from 'drizzle-orm'
import { builtinObjects } from '@openkam/contract'
import { Collection } from '../../core/crud/collection'
import { fieldSpecs } from '../../core/crud/field-specs'
import { allOf, refCheck, rowMapper } from '../../core/crud/mapping'
import { accountParent } from '../accounts'
import { contacts } from '../contacts'
import { opportunities } from '../opportunities'
import { userRefs } from '../users'
import { activities } from './activity.table'

const mapper = rowMapper(activities)

export const activityCollection = new Collection<any, any, any>({
  name: 'activities',
  entity: 'activity',
  label: 'Activity',
  table: activities,
  parent: accountParent(activities.accountId),
  toRecord: mapper.toRecord,
  toColumns: mapper.toColumns,
  derive: (patch, before) => (!before && !patch.occurredAt ? { occurredAt: new Date() } : {}),
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
  ),
  ...fieldSpecs(builtinObjects.activities!, activities),
  search: [activities.subject, activities.body],
  defaultSort: '-occurredAt',
})
