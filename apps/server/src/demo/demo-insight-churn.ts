import { sql } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import type { Ctx } from '../core/context'
import type { Executor } from '../core/db/types'
import { newId } from '../core/ids'
import { contracts, payments } from '../modules/commerce'
import { contacts, relationshipSignals } from '../modules/contacts'
import { healthSnapshots, recordMetricsSilently } from '../modules/health'
import { trainWorkspace } from '../modules/insights/churn'
import { tickets } from '../modules/tickets'
import type { Lang } from './demo-random'
import { insertRows } from './demo-insert'

const DAY = 86_400_000
/** Former customers among the prospects (win-back prospects); three stay plain prospects. */
const FORMER = 9

type Row<T extends PgTable> = Omit<T['$inferInsert'], 'workspaceId'> & { id: string }

/** The champions who left, named as the demo names people (two Latin words; Chinese names). */
const formerChampionsEn = [
  'Grace Walker',
  'Tom Harris',
  'Nina Brooks',
  'Owen Price',
  'Lucy Grant',
  'Sam Turner',
  'Ella Reed',
  'Ian Foster',
  'Maya Cole',
]
const formerChampionsZh = [
  '周文博',
  '林晓岚',
  '郑凯',
  '何雨桐',
  '袁志远',
  '孔佳怡',
  '曹明轩',
  '龚思琪',
  '潘立新',
]

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows

/**
 * The churn model's part of the demo (issue 23, points 3 and 8): nine of the prospects were customers
 * whose contract ended 1–9 months ago without a renewal, and the signals were there 90 days before the
 * end — a health score at risk, low feature usage and NPS, a burst of tickets, a payment paid late, and
 * for most a champion who left. With the demo's own renewals and its few lost renewals this is enough
 * history to train on; the model is trained here, so the Insight panel and the 360° cards show risks at
 * first start.
 */
export async function seedChurnDemo(tx: Executor, ctx: Ctx, lang: Lang, now = new Date()) {
  const prospects = rowsOf<{ id: string; owner_id: string | null; contacts: number }>(
    await tx.execute(sql`
      select a.id, a.owner_id,
        (select count(*)::int from contacts c where c.workspace_id = a.workspace_id and c.account_id = a.id) as contacts
      from accounts a
      where a.workspace_id = ${ctx.ws} and a.deleted_at is null
        and not exists (select 1 from contracts c where c.workspace_id = a.workspace_id and c.account_id = a.id)
      order by a.created_at, a.id
      limit ${FORMER}`),
  )
  const [model] = rowsOf<{ id: string }>(
    await tx.execute(
      sql`select id from health_models where workspace_id = ${ctx.ws} and is_default order by id limit 1`,
    ),
  )
  const at = (day: number) => new Date(now.getTime() + day * DAY)
  const date = (day: number) => at(day).toISOString().slice(0, 10)
  const contractRows: Row<typeof contracts>[] = []
  const paymentRows: Row<typeof payments>[] = []
  const ticketRows: Row<typeof tickets>[] = []
  const contactRows: Row<typeof contacts>[] = []
  const signals: (typeof relationshipSignals.$inferInsert)[] = []
  const snapshots: (typeof healthSnapshots.$inferInsert)[] = []
  const metrics: { accountId: string; metric: string; value: number; at: Date; source: string }[] = []
  const subjects =
    lang === 'en'
      ? ['Reports time out again', 'Data export missing rows', 'Users cannot sign in', 'Billing question']
      : ['报表再次超时', '数据导出缺少记录', '用户无法登录', '账单疑问']
  prospects.forEach((p, i) => {
    const end = -(40 + i * 30)
    const contractId = newId()
    const amount = (180_000 + i * 35_000).toFixed(2)
    contractRows.push({
      id: contractId,
      ownerId: p.owner_id,
      accountId: p.id,
      number: `HT-F${String(i + 1).padStart(3, '0')}`,
      amount,
      status: 'ended',
      startDate: date(end - 364),
      endDate: date(end),
      signedDate: date(end - 370),
    })
    // Paid 70 days late: unpaid when the risk could have been seen.
    if (i % 3 !== 2)
      paymentRows.push({
        id: newId(),
        ownerId: p.owner_id,
        accountId: p.id,
        contractId,
        number: `PAY-F${String(i + 1).padStart(3, '0')}`,
        amount: (Number(amount) / 2).toFixed(2),
        status: 'paid',
        dueDate: date(end - 150),
        paidDate: date(end - 80),
      })
    for (let k = 0; k < 3 + (i % 3); k++)
      ticketRows.push({
        id: newId(),
        ownerId: p.owner_id,
        accountId: p.id,
        subject: subjects[(i + k) % subjects.length]!,
        type: 'problem',
        priority: k === 0 ? 'high' : 'normal',
        status: 'closed',
        channel: 'email',
        createdAt: at(end - 150 + k * 12),
        updatedAt: at(end - 140 + k * 12),
        resolvedAt: at(end - 140 + k * 12),
      })
    // A champion who left (a new, inactive contact: the account's committee stays as it was).
    if (i % 4 !== 3 && p.contacts < 12) {
      const contactId = newId()
      contactRows.push({
        id: contactId,
        ownerId: p.owner_id,
        accountId: p.id,
        name: (lang === 'en' ? formerChampionsEn : formerChampionsZh)[i % FORMER]!,
        title: lang === 'en' ? 'Project lead (left)' : '项目负责人（已离职）',
        stance: 'champion',
        active: false,
        leftAt: at(end - 130),
      })
      signals.push({
        id: newId(),
        workspaceId: ctx.ws,
        accountId: p.id,
        contactId,
        kind: 'left',
        keyContact: true,
        keyRole: 'champion',
        before: { active: true, stance: 'champion' },
        after: { active: false },
        at: at(end - 130),
      })
    }
    const seen = at(end - 91)
    metrics.push(
      { accountId: p.id, metric: 'feature_usage', value: 18 + i * 2, at: seen, source: 'demo' },
      { accountId: p.id, metric: 'feature_usage', value: 55 + i, at: at(end - 181), source: 'demo' },
      { accountId: p.id, metric: 'nps', value: -30 + i * 2, at: seen, source: 'demo' },
    )
    if (model)
      snapshots.push({
        id: newId(),
        workspaceId: ctx.ws,
        accountId: p.id,
        modelId: model.id,
        score: (28 + ((i * 7) % 20)).toFixed(2),
        band: 'at_risk',
        computedAt: seen,
        reason: 'demo',
      })
  })
  await insertRows(tx, ctx, contracts, 'contract', contractRows)
  await insertRows(tx, ctx, payments, 'payment', paymentRows)
  await insertRows(tx, ctx, tickets, 'ticket', ticketRows)
  await insertRows(tx, ctx, contacts, 'contact', contactRows)
  if (signals.length) await tx.insert(relationshipSignals).values(signals)
  if (snapshots.length) await tx.insert(healthSnapshots).values(snapshots)
  await recordMetricsSilently(tx, ctx.ws, metrics)
  const trained = await trainWorkspace(tx, ctx.ws, now)
  return { formerCustomers: prospects.length, modelSamples: trained.samples }
}
