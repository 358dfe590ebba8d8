import { randomBytes } from 'node:crypto'
import { and, asc, eq, getTableColumns, isNotNull, isNull, sql } from 'drizzle-orm'
import type { SurveyCategory } from '@openkam/contract'
import type { Ctx } from '../core/context'
import type { Executor } from '../core/db/types'
import { newId } from '../core/ids'
import { accounts } from '../modules/accounts'
import { contacts } from '../modules/contacts'
import { recordMetrics } from '../modules/health'
import {
  categoryOf,
  surveyInvitations,
  surveyResponses,
  surveys,
  surveyTokenHash,
  tally,
} from '../modules/surveys'
import { taskCollection } from '../modules/tasks'
import type { Lang } from './demo-data'
import { insertRows } from './demo-insert'
import { Rng } from './demo-random'

const DAY = 86_400_000
const t = (lang: Lang, zh: string, en: string) => (lang === 'en' ? en : zh)

/** Leaning of scores: strategic accounts are looked after best; some industries are harder to please. */
const tierBias: Record<string, number> = { strategic: 1.2, growth: 0, essential: -1.3 }
const industryBias: Record<string, number> = {
  manufacturing: 0.6,
  finance: -0.8,
  retail: -1.2,
  healthcare: 0.3,
  saas: 0.9,
  logistics: -0.4,
}

const comments: Record<SurveyCategory, [zh: string, en: string][]> = {
  promoter: [
    [
      '实施团队非常专业，上线比预期还快。',
      'The implementation team was very professional; we went live sooner than planned.',
    ],
    [
      '月报自动化后，财务部每月节省了好几天。',
      'Automating the monthly report saves finance several days every month.',
    ],
    ['客户成功经理响应及时，值得推荐。', 'Our customer success manager answers quickly — easy to recommend.'],
  ],
  passive: [
    ['整体不错，但移动端还需要加强。', 'Good overall, but the mobile app needs work.'],
    ['功能够用，价格略高。', 'It does the job; the price is a little high.'],
  ],
  detractor: [
    [
      '上次故障处理太慢，影响了月底结账。',
      'The last outage took too long to fix and delayed our month-end close.',
    ],
    ['培训不足，很多同事还不会用。', 'Not enough training; many colleagues still cannot use it.'],
    ['需求提了三个月还没有回复。', 'We raised a request three months ago and heard nothing back.'],
  ],
}

type Target = { accountId: string; contactId: string; name: string; tier: string; industry: string }

/**
 * The NPS demo (SPEC R-15), set-based: a relationship survey closed last quarter and a pulse survey
 * open now, invitations (answered, expired and still open) and answers whose scores lean by tier and
 * industry, so that NPS differs by segment and tier; each answering account's NPS recorded as the health
 * metric `nps`; and the follow-up task the template rule gives the owner for the latest detractor.
 */
export async function seedSurveyDemo(tx: Executor, ctx: Ctx, lang: Lang) {
  const now = Date.now()
  const rng = new Rng(1507)
  const people: Target[] = (
    await tx
      .select({
        accountId: accounts.id,
        contactId: contacts.id,
        name: contacts.name,
        tier: accounts.tier,
        industry: accounts.industry,
      })
      .from(contacts)
      .innerJoin(
        accounts,
        and(eq(accounts.workspaceId, contacts.workspaceId), eq(accounts.id, contacts.accountId)),
      )
      .where(
        and(
          eq(contacts.workspaceId, ctx.ws),
          eq(contacts.active, true),
          isNotNull(contacts.email),
          isNull(contacts.deletedAt),
          isNull(accounts.deletedAt),
        ),
      )
      .orderBy(asc(accounts.name), asc(contacts.name))
  ).map((p) => ({ ...p, tier: p.tier ?? 'essential', industry: p.industry ?? 'other' }))
  if (!people.length) return { surveys: 0, invitations: 0, responses: 0 }

  const closedId = newId()
  const openId = newId()
  const closedOpened = new Date(now - 130 * DAY)
  const openOpened = new Date(now - 9 * DAY)
  await insertRows(tx, ctx, surveys, 'survey', [
    {
      id: closedId,
      createdAt: closedOpened,
      updatedAt: new Date(now - 80 * DAY),
      ownerId: ctx.principal.userId,
      name: t(lang, '年度客户关系 NPS 调研', 'Annual relationship NPS'),
      kind: 'nps',
      status: 'closed',
      expiresInDays: 21,
      audience: t(lang, '全部客户的在职联系人', 'Active contacts of every account'),
      openedAt: closedOpened,
      closedAt: new Date(now - 80 * DAY),
    },
    {
      id: openId,
      createdAt: openOpened,
      updatedAt: openOpened,
      ownerId: ctx.principal.userId,
      name: t(lang, '上线后满意度脉搏调研', 'Post-go-live pulse'),
      kind: 'nps',
      status: 'open',
      expiresInDays: 30,
      audience: t(lang, '战略与成长客户的联系人', 'Contacts of strategic and growth accounts'),
      openedAt: openOpened,
    },
  ])

  const invitations: (typeof surveyInvitations.$inferInsert)[] = []
  const answers: (Omit<typeof surveyResponses.$inferInsert, 'workspaceId'> & { id: string })[] = []
  const wave = (
    surveyId: string,
    sentAt: number,
    days: number,
    who: Target[],
    rate: number,
    answerDays: number,
  ) => {
    for (const p of who) {
      const id = newId()
      const answered = rng.chance(rate)
      const at = new Date(sentAt + rng.float(0.1, answerDays) * DAY)
      const mean = 7.4 + (tierBias[p.tier] ?? 0) + (industryBias[p.industry] ?? 0)
      const score = Math.max(0, Math.min(10, Math.round(mean + rng.float(-3, 3))))
      const category = categoryOf('nps', score)
      const responseId = answered ? newId() : null
      invitations.push({
        id,
        workspaceId: ctx.ws,
        surveyId,
        accountId: p.accountId,
        contactId: p.contactId,
        tokenHash: surveyTokenHash(randomBytes(24).toString('base64url')),
        channel: 'email',
        sentAt: new Date(sentAt),
        expiresAt: new Date(sentAt + days * DAY),
        answeredAt: answered ? at : null,
        responseId,
        createdBy: ctx.principal.userId,
      })
      if (!answered) continue
      const say = rng.chance(category === 'passive' ? 0.4 : 0.7) ? rng.pick(comments[category]) : null
      answers.push({
        id: responseId!,
        createdAt: at,
        updatedAt: at,
        ownerId: null,
        surveyId,
        invitationId: id,
        accountId: p.accountId,
        contactId: p.contactId,
        kind: 'nps',
        score,
        comment: say ? say[lang === 'en' ? 1 : 0] : null,
        category,
        answeredAt: at,
      })
    }
  }
  // A few contacts per account keep the seed fast (the embedded start has a 5-second budget).
  const perAccount = (max: number, who: Target[]) => {
    const n = new Map<string, number>()
    return who.filter((p) => {
      const k = (n.get(p.accountId) ?? 0) + 1
      n.set(p.accountId, k)
      return k <= max
    })
  }
  // Last quarter: everyone, half answered; the rest expired. Now: strategic and growth, a third so far.
  wave(closedId, closedOpened.getTime(), 21, perAccount(3, people), 0.5, 14)
  wave(
    openId,
    openOpened.getTime(),
    30,
    perAccount(
      2,
      people.filter((p) => p.tier !== 'essential'),
    ),
    0.4,
    8,
  )
  // Invitations are not audited records: one statement, the rows as one JSON parameter (see insertRows).
  const cols = Object.values(getTableColumns(surveyInvitations))
  const names = sql.join(
    cols.map((c) => sql.identifier(c.name)),
    sql`, `,
  )
  const json = JSON.stringify(
    invitations.map((r) =>
      Object.fromEntries(
        Object.entries(getTableColumns(surveyInvitations)).map(([k, c]) => [
          c.name,
          (r as Record<string, unknown>)[k] ?? null,
        ]),
      ),
    ),
  )
  await tx.execute(
    sql`insert into ${surveyInvitations} (${names}) select ${names} from json_populate_recordset(null::${surveyInvitations}, ${json}::json)`,
  )
  await insertRows(tx, ctx, surveyResponses, 'survey_response', answers)

  // Each account's NPS (each contact's latest answer), recorded as the health metric.
  const latest = new Map<string, (typeof answers)[number]>()
  for (const a of answers) {
    const prev = latest.get(a.contactId!)
    if (!prev || +prev.answeredAt! < +a.answeredAt!) latest.set(a.contactId!, a)
  }
  const byAccount = new Map<string, { cats: SurveyCategory[]; at: Date }>()
  for (const a of latest.values()) {
    const g = byAccount.get(a.accountId) ?? { cats: [], at: a.answeredAt as Date }
    g.cats.push(a.category as SurveyCategory)
    if (+(a.answeredAt as Date) > +g.at) g.at = a.answeredAt as Date
    byAccount.set(a.accountId, g)
  }
  await recordMetrics(
    tx,
    ctx.ws,
    [...byAccount.entries()].map(([accountId, g]) => ({
      accountId,
      metric: 'nps',
      value: tally(g.cats).nps!,
      at: g.at,
      source: 'survey',
    })),
  )

  // The template rule's follow-up for the latest detractor of the open survey.
  const detractor = answers
    .filter((a) => a.surveyId === openId && a.category === 'detractor')
    .sort((a, b) => +(b.answeredAt as Date) - +(a.answeredAt as Date))[0]
  if (detractor) {
    const [acc] = await tx
      .select({ name: accounts.name, ownerId: accounts.ownerId })
      .from(accounts)
      .where(and(eq(accounts.workspaceId, ctx.ws), eq(accounts.id, detractor.accountId)))
    const who = people.find((p) => p.contactId === detractor.contactId)?.name ?? ''
    if (acc?.ownerId)
      await taskCollection.create(tx, ctx, {
        title: t(
          lang,
          `回访「${acc.name}」的低分：${who} 打了 ${detractor.score} 分`,
          `Follow up on a low score from ${acc.name}: ${who} gave ${detractor.score}`,
        ),
        description: detractor.comment ? `“${detractor.comment}”` : null,
        assigneeId: acc.ownerId,
        ownerId: acc.ownerId,
        accountId: detractor.accountId,
        dueAt: new Date(now + 2 * DAY).toISOString(),
        priority: 'high',
        source: 'rule',
      })
  }
  return { surveys: 2, invitations: invitations.length, responses: answers.length }
}
