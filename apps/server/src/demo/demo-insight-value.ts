import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { Ctx } from '../core/context'
import type { Executor } from '../core/db/types'
import { newId } from '../core/ids'
import { accounts } from '../modules/accounts'
import { alerts, evaluateWorkspace } from '../modules/alerts'
import { contacts, relationshipSignals } from '../modules/contacts'
import { usageEvents } from '../modules/health'
import { valueKpiCollection } from '../modules/lifecycle'
import { tickets } from '../modules/tickets'
import type { Lang } from './demo-data'

const DAY = 86_400_000
const HOUR = 3_600_000

const kpis = {
  'zh-CN': [
    {
      name: '单位订单处理成本',
      unit: '元',
      before: 128,
      after: 96,
      betterWhen: 'lower',
      note: '财务部按季度核算',
    },
    { name: '月度经营报表编制工时', unit: '小时', before: 40, after: 12, betterWhen: 'lower', note: null },
    {
      name: '人均每小时处理订单',
      unit: '单',
      before: 35,
      after: 52,
      betterWhen: 'higher',
      note: '客服中心抽样',
    },
  ],
  en: [
    {
      name: 'Cost per order processed',
      unit: 'CNY',
      before: 128,
      after: 96,
      betterWhen: 'lower',
      note: 'Finance, quarterly',
    },
    {
      name: 'Hours to compile the monthly report',
      unit: 'hours',
      before: 40,
      after: 12,
      betterWhen: 'lower',
      note: null,
    },
    {
      name: 'Orders handled per person-hour',
      unit: 'orders',
      before: 35,
      after: 52,
      betterWhen: 'higher',
      note: 'Service centre sample',
    },
  ],
} as const

/**
 * The value report and relationship-alert scenes (issue 23, points 5, 6 and 8), after the alert scene.
 * The flagship account's value report gets real figures: product use grew (140 events by 5 people the
 * year before, 300 by 11 this year), tickets are resolved faster (ten the year before in 30–66 hours,
 * eight this year in 3–12 hours) and the customer entered three before/after KPIs. Two other accounts
 * lose a key contact 20 days ago — the champion of one, the economic buyer of the other — with nobody in
 * the role after, so `champion_left` and `economic_buyer_left` open (stamped when they left); silent key
 * contacts and uncovered committee roles are whatever the demo's contacts and activities say (the alert
 * scene's evaluation opened them), restamped to when the silence passed the threshold.
 */
export async function seedValueDemo(
  tx: Executor,
  ctx: Ctx,
  lang: Lang,
  now = new Date(),
): Promise<{ valueKpis: number; relationshipAlerts: number }> {
  const ws = ctx.ws
  const list = await tx
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ws), isNull(accounts.deletedAt)))
    .orderBy(asc(accounts.createdAt), asc(accounts.id))
  if (list.length < 40) return { valueKpis: 0, relationshipAlerts: 0 }
  const at = (days: number) => new Date(now.getTime() - days * DAY)
  const flagship = list[0]!.id

  // Usage: the year before and this year.
  const usage = (n: number, people: number, fromDays: number) =>
    Array.from({ length: n }, (_, i) => ({
      id: newId(),
      workspaceId: ws,
      accountId: flagship,
      type: i % 4 ? 'feature_used' : 'login',
      feature: i % 4 ? ['orders', 'reports', 'inventory'][i % 3]! : null,
      actor: `user${i % people}@flagship`,
      at: at(fromDays + (i * 330) / n),
    }))
  await tx.insert(usageEvents).values([...usage(140, 5, 372), ...usage(300, 11, 2)])

  // Tickets resolved: slowly the year before, faster this year.
  const subjects =
    lang === 'en'
      ? [
          'Report export slow',
          'Sync error',
          'Permission question',
          'Invoice mismatch',
          'Login issue',
          'API quota',
        ]
      : ['报表导出缓慢', '数据同步报错', '权限配置咨询', '发票金额不符', '登录异常', '接口调用限额']
  const ticket = (i: number, openedDaysAgo: number, hours: number) => ({
    id: newId(),
    workspaceId: ws,
    accountId: flagship,
    subject: subjects[i % subjects.length]!,
    priority: 'normal',
    status: 'closed',
    createdAt: at(openedDaysAgo),
    updatedAt: new Date(at(openedDaysAgo).getTime() + hours * HOUR),
    resolvedAt: new Date(at(openedDaysAgo).getTime() + hours * HOUR),
  })
  await tx
    .insert(tickets)
    .values([
      ...[30, 42, 36, 60, 48, 54, 40, 66, 34, 50].map((h, i) => ticket(i, 380 + i * 30, h)),
      ...[4, 6, 12, 8, 5, 7, 10, 3].map((h, i) => ticket(i + 2, 20 + i * 40, h)),
    ])

  // The customer's KPIs, entered through the collection (audited).
  for (const k of kpis[lang])
    await valueKpiCollection.create(tx, ctx, {
      accountId: flagship,
      ...k,
      measuredOn: at(20).toISOString().slice(0, 10),
    })

  // A champion and an economic buyer leave, 20 days ago, and nobody takes their role.
  const scenes = [
    { accountId: list[30]!.id, role: 'champion' as const },
    { accountId: list[31]!.id, role: 'economic_buyer' as const },
  ]
  for (const s of scenes) {
    const holders = await tx
      .select()
      .from(contacts)
      .where(
        and(
          eq(contacts.workspaceId, ws),
          eq(contacts.accountId, s.accountId),
          isNull(contacts.deletedAt),
          eq(contacts.active, true),
          s.role === 'champion' ? eq(contacts.stance, 'champion') : eq(contacts.buyingRole, 'economic_buyer'),
        ),
      )
      .orderBy(asc(contacts.createdAt), asc(contacts.id))
    const leaver = holders[0]
    if (!leaver) continue
    // The others holding the role step back from it (a champion turns supporter; another buyer's role is cleared).
    if (holders.length > 1)
      await tx
        .update(contacts)
        .set(s.role === 'champion' ? { stance: 'supporter' } : { buyingRole: 'influencer' })
        .where(
          and(
            eq(contacts.workspaceId, ws),
            inArray(
              contacts.id,
              holders.slice(1).map((h) => h.id),
            ),
          ),
        )
    await tx
      .update(contacts)
      .set({ active: false, leftAt: at(20) })
      .where(and(eq(contacts.workspaceId, ws), eq(contacts.id, leaver.id)))
    await tx.insert(relationshipSignals).values({
      id: newId(),
      workspaceId: ws,
      accountId: s.accountId,
      contactId: leaver.id,
      kind: 'left',
      keyContact: true,
      before: { active: true, leftAt: null, stance: leaver.stance, buyingRole: leaver.buyingRole },
      after: {
        active: false,
        leftAt: at(20).toISOString(),
        stance: leaver.stance,
        buyingRole: leaver.buyingRole,
      },
      at: at(20),
    })
  }
  await evaluateWorkspace(tx, { events: ctx.events }, ws, {
    now,
    accountIds: scenes.map((s) => s.accountId),
    types: ['champion_left', 'economic_buyer_left', 'committee_role_uncovered'],
  })
  // Stamp each relationship alert with when its condition began, as the hourly scan would have opened it.
  await tx.execute(sql`
    update alerts set created_at = ${at(19.9).toISOString()}::timestamptz, updated_at = created_at
    where workspace_id = ${ws} and status <> 'resolved' and (type in ('champion_left', 'economic_buyer_left')
      or (type = 'committee_role_uncovered' and account_id = any(${sql.param(scenes.map((x) => x.accountId))}::uuid[])
        and created_at > ${at(0.5).toISOString()}::timestamptz))`)
  await tx.execute(sql`
    update alerts set created_at = ${now.toISOString()}::timestamptz
        - make_interval(secs => greatest(0.05, (details->>'daysSilent')::float8 - (details->>'days')::float8 + 0.3) * 86400),
      updated_at = created_at
    where workspace_id = ${ws} and type = 'key_contact_silent' and status <> 'resolved'`)
  const opened = await tx
    .select({ id: alerts.id })
    .from(alerts)
    .where(
      and(
        eq(alerts.workspaceId, ws),
        inArray(alerts.type, [
          'champion_left',
          'economic_buyer_left',
          'key_contact_silent',
          'committee_role_uncovered',
        ]),
      ),
    )
  return { valueKpis: kpis[lang].length, relationshipAlerts: opened.length }
}
