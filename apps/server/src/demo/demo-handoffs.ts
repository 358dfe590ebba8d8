import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm'
import type { Ctx } from '../core/context'
import type { Executor } from '../core/db/types'
import { accounts } from '../modules/accounts'
import { contacts } from '../modules/contacts'
import { handoffCollection, openHandoffForWonDeal } from '../modules/handoffs'
import { milestoneCollection, settleLifecycleStages } from '../modules/lifecycle'
import { opportunities, opportunityCollection } from '../modules/opportunities'
import { startDueRenewals } from '../modules/renewals'
import type { Lang } from './demo-data'

const HOUR = 3_600_000
const DAY = 24 * HOUR
type Row = Record<string, any>

const t = (lang: Lang, zh: string, en: string) => (lang === 'en' ? en : zh)

/** What a salesperson wrote in each checklist item (by key), in both languages. */
const answers: Record<string, [zh: string, en: string]> = {
  decision_chain: [
    '信息化总监拍板，财务总监签字；采购部可能拖延流程',
    'The CIO decides, the CFO signs; procurement can slow things down',
  ],
  core_needs: [
    '打通生产与销售数据，月度经营分析自动化',
    'Connect production and sales data; automate the monthly business review',
  ],
  pain_points: [
    '报表靠手工汇总，每月耗时 5 个工作日',
    'Reports are compiled by hand: 5 working days a month',
  ],
  competitors: [
    '对比了两家国际厂商，我们胜在本地化实施与价格',
    'Two international vendors were considered; we won on local delivery and price',
  ],
  commitments: [
    '承诺 8 周内上线首批报表，并提供 2 次现场培训',
    'First reports live within 8 weeks, two on-site trainings',
  ],
  contract_scope: [
    '一年订阅，300 个账号，含标准实施服务',
    'One-year subscription, 300 seats, standard implementation included',
  ],
  success_criteria: [
    '首年月报编制时间缩短 80%，关键用户周活跃率 70% 以上',
    'Monthly report time cut by 80% in year one; 70% weekly active key users',
  ],
  key_contacts: [
    '信息化总监（项目负责人）、财务经理（关键用户）',
    'CIO (project lead), finance manager (key user)',
  ],
  risks: [
    '数据源质量参差，需要客户 IT 配合清洗',
    'Uneven data quality; needs the customer IT team to clean it',
  ],
  timeline: [
    '第 2 周启动会，第 8 周上线，第 10 个月启动续约沟通',
    'Kick-off week 2, go-live week 8, renewal talks in month 10',
  ],
}

/**
 * The lifecycle scenes of the demo, after the bulk seed and through the services: three recent wins
 * with their handoffs (one overdue, so the first `handoffs_scan` escalates it; one submitted and waiting
 * for the CSM's validation; one validated), delivery milestones (one confirmed by the customer, one
 * awaiting confirmation, one pending), renewal work for the contracts ending in the next 90 days (the
 * renewals scan, run once) and every account's lifecycle stage derived from its records.
 */
export async function playLifecycleScenes(tx: Executor, ctx: Ctx, lang: Lang) {
  const now = Date.now()
  const won = await tx
    .select({ id: opportunities.id })
    .from(opportunities)
    .innerJoin(
      accounts,
      and(eq(accounts.workspaceId, opportunities.workspaceId), eq(accounts.id, opportunities.accountId)),
    )
    .where(
      and(
        eq(opportunities.workspaceId, ctx.ws),
        eq(opportunities.status, 'won'),
        isNull(opportunities.deletedAt),
        isNotNull(accounts.csmId),
      ),
    )
    .orderBy(desc(opportunities.wonAt), opportunities.id)
    .limit(3)
  const scenes = [
    { wonAgo: 4 * DAY + 3 * HOUR, step: 'open' },
    { wonAgo: 9 * DAY, step: 'submitted' },
    { wonAgo: 20 * DAY, step: 'validated' },
  ] as const
  const opened: Row[] = []
  for (const [i, w] of won.entries()) {
    const scene = scenes[i]!
    const deal = (await opportunityCollection.get(tx, ctx, w.id)) as Row
    const wonAt = new Date(now - scene.wonAgo)
    const moved = (await opportunityCollection.update(tx, ctx, deal.id, {
      version: deal.version,
      wonAt: wonAt.toISOString(),
    })) as Row
    let h = await openHandoffForWonDeal(tx, ctx, moved)
    if (!h) continue
    h = await handoffCollection.update(tx, ctx, h.id, {
      version: h.version,
      valueGoal: t(
        lang,
        '首年将月度经营分析时间缩短 80%',
        'Cut the time of the monthly business review by 80% in year one',
      ),
    })
    if (scene.step !== 'open') {
      const submittedAt = new Date(wonAt.getTime() + (scene.step === 'submitted' ? 2 : 1) * DAY)
      h = await handoffCollection.update(tx, ctx, h!.id, {
        version: h!.version,
        checklist: (h!.checklist as Row[]).map((item) => {
          const a = answers[item.key]
          return { ...item, value: a ? t(lang, a[0], a[1]) : item.label, done: true }
        }),
        status: 'submitted',
        submittedAt: submittedAt.toISOString(),
        validationDueAt: new Date(submittedAt.getTime() + 30 * DAY).toISOString(),
        ...(h!.csmId ? { ownerId: h!.csmId } : {}),
      })
    }
    if (scene.step === 'validated')
      h = await handoffCollection.update(tx, ctx, h!.id, {
        version: h!.version,
        status: 'validated',
        validatedAt: new Date(wonAt.getTime() + 12 * DAY).toISOString(),
        validationComment: t(lang, '需求已与客户逐项确认', 'Needs confirmed with the customer, item by item'),
      })
    opened.push(h!)
  }
  const milestones = await deliveryMilestones(tx, ctx, lang, opened.at(-1), now)
  const renewals = await startDueRenewals(tx, ctx.events, ctx.ws, new Date(now))
  const ids = (
    await tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(and(eq(accounts.workspaceId, ctx.ws), isNull(accounts.deletedAt)))
  ).map((r) => r.id)
  const stages = await settleLifecycleStages(tx, ctx, ids, new Date(now))
  return { handoffs: opened.length, milestones, renewals: renewals.started, lifecycleChanges: stages }
}

/** Milestones of the validated handoff's account: confirmed, awaiting confirmation, and still ahead. */
async function deliveryMilestones(tx: Executor, ctx: Ctx, lang: Lang, h: Row | undefined, now: number) {
  if (!h) return 0
  const [contact] = await tx
    .select({ id: contacts.id, name: contacts.name })
    .from(contacts)
    .where(
      and(eq(contacts.workspaceId, ctx.ws), eq(contacts.accountId, h.accountId), isNull(contacts.deletedAt)),
    )
    .orderBy(contacts.name)
    .limit(1)
  const day = (offset: number) => new Date(now + 8 * HOUR + offset * DAY).toISOString().slice(0, 10)
  const make = (title: string, dueDate: string) =>
    milestoneCollection.create(tx, ctx, {
      accountId: h.accountId,
      opportunityId: h.opportunityId,
      title,
      dueDate,
      ownerId: h.csmId ?? h.salesOwnerId,
    }) as Promise<Row>
  const kickoff = await make(t(lang, '项目启动会', 'Project kick-off workshop'), day(-12))
  await milestoneCollection.update(tx, ctx, kickoff.id, {
    version: kickoff.version,
    status: 'confirmed',
    confirmationContactId: contact?.id ?? null,
    confirmationRequestedAt: new Date(now - 11 * DAY).toISOString(),
    confirmedAt: new Date(now - 10 * DAY).toISOString(),
    confirmedByName: contact?.name ?? t(lang, '客户项目负责人', 'Customer project lead'),
    confirmationComment: t(
      lang,
      '启动会按计划完成，纪要已确认。',
      'Kick-off held as planned; minutes agreed.',
    ),
  })
  const golive = await make(t(lang, '首批报表上线', 'First reports live'), day(-1))
  await milestoneCollection.update(tx, ctx, golive.id, {
    version: golive.version,
    status: 'awaiting_confirmation',
    confirmationContactId: contact?.id ?? null,
    confirmationRequestedAt: new Date(now - 1 * DAY).toISOString(),
    confirmationExpiresAt: new Date(now + 13 * DAY).toISOString(),
  })
  await make(t(lang, '关键用户培训', 'Key-user training'), day(14))
  return 3
}
