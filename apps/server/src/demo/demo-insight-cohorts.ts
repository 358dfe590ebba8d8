import { sql } from 'drizzle-orm'
import type { Ctx } from '../core/context'
import type { Executor } from '../core/db/types'
import { newId } from '../core/ids'
import { marketingTouches } from '../modules/marketing'
import type { Lang } from './demo-data'
import { insertRows } from './demo-insert'
import { Rng } from './demo-random'

const DAY = 86_400_000

/** The offline seminar of the cohort demo: its campaign name, as the Insight page's preset asks for it. */
export const demoSeminar = {
  'zh-CN': { campaign: '线下研讨会：续约实践', title: '参加活动：线下研讨会：续约实践' },
  en: { campaign: 'Offline seminar: renewal practice', title: 'Attended: Offline seminar: renewal practice' },
} as const

type Row = {
  account_id: string
  ended: number
  renewed: number
  first_end: string
  contact_id: string | null
}

/**
 * The seminar cohort (issue 23, points 2 and 8): a contact of some accounts attended an offline seminar
 * some months before their contracts came up for renewal. Attendance goes mostly to accounts that went on
 * to renew (65% of those that renewed most of their ended contracts, 15% of the others), so the Insight
 * page's "contacts attended an offline seminar vs the rest" shows a true difference in renewal rate —
 * from the demo's own contracts, with a small-sample warning when the cohort is small.
 */
export async function seedCohortDemo(tx: Executor, ctx: Ctx, lang: Lang): Promise<number> {
  const rows = (
    (await tx.execute(sql`
      select c.account_id, count(*)::int as ended,
        count(*) filter (where exists (
          select 1 from contracts n where n.workspace_id = c.workspace_id and n.account_id = c.account_id
            and n.deleted_at is null and n.id <> c.id and n.status in ('approved', 'active', 'ended')
            and n.start_date >= c.end_date - 60 and coalesce(n.end_date, 'infinity'::date) > c.end_date
        ))::int as renewed,
        min(c.end_date)::text as first_end,
        (select k.id from contacts k where k.workspace_id = c.workspace_id and k.account_id = c.account_id
           and k.deleted_at is null order by k.created_at, k.id limit 1) as contact_id
      from contracts c
      where c.workspace_id = ${ctx.ws} and c.deleted_at is null and c.status in ('approved', 'active', 'ended')
        and c.end_date < current_date and c.end_date >= current_date - 1095
      group by c.workspace_id, c.account_id
      order by c.account_id`)) as { rows: Row[] }
  ).rows
  const rng = new Rng(2302)
  const seminar = demoSeminar[lang]
  const touches = rows
    .filter((r) => rng.chance(r.renewed * 2 >= r.ended ? 0.65 : 0.15))
    .map((r) => ({
      id: newId(),
      accountId: r.account_id,
      contactId: r.contact_id,
      kind: 'event_attended',
      campaign: seminar.campaign,
      title: seminar.title,
      // Four months before the first of its contracts in the window ended.
      occurredAt: new Date(Date.parse(`${r.first_end}T02:00:00Z`) - 120 * DAY),
    }))
  return insertRows(tx, ctx, marketingTouches, 'marketing_touch', touches)
}
