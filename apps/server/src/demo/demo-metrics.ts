import { and, asc, eq, gte, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm'
import type { Ctx } from '../core/context'
import type { Executor } from '../core/db/types'
import { newId } from '../core/ids'
import { accounts } from '../modules/accounts'
import { contracts } from '../modules/commerce'
import { contacts } from '../modules/contacts'
import { handoffs, loadHandoffSettings } from '../modules/handoffs'
import { milestones, settleLifecycleStages } from '../modules/lifecycle'
import { opportunities } from '../modules/opportunities'
import { defaultEffortCosts, setEffortCosts } from '../modules/reports'
import type { Lang } from './demo-data'
import { insertRows } from './demo-insert'
import { Rng } from './demo-random'
import { touchCampaigns } from './demo-text'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const YEAR = 365 * DAY
const t = (lang: Lang, zh: string, en: string) => (lang === 'en' ? en : zh)

/** What each demo campaign cost (CNY), by its name in both languages: events most, e-mails least. */
const spendByKind: Record<keyof typeof touchCampaigns, number[]> = {
  event_attended: [180_000, 150_000, 60_000, 50_000],
  webinar_attended: [20_000, 20_000, 15_000],
  email_opened: [8_000, 12_000, 30_000],
  email_clicked: [8_000, 25_000, 30_000],
  page_visited: [],
  form_submitted: [],
}

/** The demo's effort costs: the template's hourly rates and the spend of its campaigns, named in its language. */
function demoCosts(lang: Lang) {
  const campaignSpend: Record<string, number> = {}
  for (const [kind, list] of Object.entries(touchCampaigns) as [
    keyof typeof touchCampaigns,
    typeof touchCampaigns.event_attended,
  ][])
    list.forEach((c, i) => {
      const spend = spendByKind[kind][i]
      if (spend) campaignSpend[c.name[lang]] = spend
    })
  return { ...defaultEffortCosts(), campaignSpend }
}

/**
 * The figures the metrics and fixed dashboard views read that the rest of the demo leaves empty (issue
 * 17): campaign spend for the ROI of effort; the handoff history of the deals won over the last year
 * (submitted about 5 days after the win a year ago, 1–2 days lately); and the go-live milestones of the
 * contracts signed over the last year, confirmed by the customer about 15 days after signing a year ago
 * and 7 lately — the case study's cut. Runs after the lifecycle scenes, so the scenes' handoffs stay.
 */
export async function seedMetricsDemo(tx: Executor, ctx: Ctx, lang: Lang) {
  const now = Date.now()
  const rng = new Rng(1717)
  await setEffortCosts(tx, ctx, demoCosts(lang))
  const handoffCount = await handoffHistory(tx, ctx, lang, now, rng)
  const goLives = await goLiveHistory(tx, ctx, lang, now, rng)
  return { handoffs: handoffCount, goLives }
}

/** How far back (0 now … 1 a year ago) an instant is. */
const ageOf = (at: number, now: number) => Math.min(1, Math.max(0, (now - at) / YEAR))

async function handoffHistory(tx: Executor, ctx: Ctx, lang: Lang, now: number, rng: Rng) {
  const o = opportunities
  const won = await tx
    .select({ id: o.id, accountId: o.accountId, ownerId: o.ownerId, wonAt: o.wonAt, csmId: accounts.csmId })
    .from(o)
    .innerJoin(accounts, and(eq(accounts.workspaceId, o.workspaceId), eq(accounts.id, o.accountId)))
    .where(
      and(
        eq(o.workspaceId, ctx.ws),
        eq(o.status, 'won'),
        isNull(o.deletedAt),
        isNull(accounts.deletedAt),
        isNotNull(o.wonAt),
        gte(o.wonAt, new Date(now - YEAR)),
        sql`not exists (select 1 from ${handoffs} where ${handoffs.workspaceId} = ${o.workspaceId} and ${handoffs.opportunityId} = ${o.id})`,
      ),
    )
    .orderBy(asc(o.wonAt), asc(o.id))
  const settings = await loadHandoffSettings(tx, ctx.ws)
  const rows: (Omit<typeof handoffs.$inferInsert, 'workspaceId'> & { id: string })[] = []
  for (const w of won) {
    const wonAt = w.wonAt!.getTime()
    const days = 1 + 4 * ageOf(wonAt, now) + rng.float(0, 1.5)
    const submittedAt = wonAt + days * DAY
    // A deal won in the last days would be handed over in the future: the scenes cover those.
    if (submittedAt > now - HOUR) continue
    const validatedAt = submittedAt + rng.int(5, 20) * DAY
    const validated = validatedAt < now
    rows.push({
      id: newId(),
      accountId: w.accountId,
      opportunityId: w.id,
      salesOwnerId: w.ownerId,
      csmId: w.csmId,
      ownerId: w.csmId ?? w.ownerId,
      createdBy: w.ownerId,
      createdAt: new Date(wonAt + HOUR),
      updatedAt: new Date(validated ? validatedAt : submittedAt),
      status: validated ? 'validated' : 'submitted',
      dueAt: new Date(wonAt + settings.dueHours * HOUR),
      submittedAt: new Date(submittedAt),
      validationDueAt: new Date(submittedAt + settings.validationDays * DAY),
      validatedAt: validated ? new Date(validatedAt) : null,
      validationComment: validated
        ? t(lang, '交接内容已与客户确认', 'Handoff confirmed with the customer')
        : null,
      checklist: settings.checklist.map((item) => ({ ...item, value: item.label, done: true })),
    })
  }
  await insertRows(tx, ctx, handoffs, 'handoff', rows)
  // Handoffs still waiting for validation keep their accounts in delivery.
  await settleLifecycleStages(tx, ctx, [...new Set(rows.map((r) => r.accountId))], new Date(now))
  return rows.length
}

async function goLiveHistory(tx: Executor, ctx: Ctx, lang: Lang, now: number, rng: Rng) {
  const c = contracts
  const signed = await tx
    .select({
      accountId: c.accountId,
      opportunityId: c.opportunityId,
      signedDate: c.signedDate,
      ownerId: c.ownerId,
      csmId: accounts.csmId,
    })
    .from(c)
    .innerJoin(accounts, and(eq(accounts.workspaceId, c.workspaceId), eq(accounts.id, c.accountId)))
    .innerJoin(
      opportunities,
      and(eq(opportunities.workspaceId, c.workspaceId), eq(opportunities.id, c.opportunityId)),
    )
    .where(
      and(
        eq(c.workspaceId, ctx.ws),
        isNull(c.deletedAt),
        isNull(accounts.deletedAt),
        inArray(c.status, ['approved', 'active', 'ended']),
        // New implementations go live; a renewal or an upsell extends what is live already.
        inArray(opportunities.type, ['new_business', 'cross_sell']),
        gte(c.signedDate, new Date(now - YEAR).toISOString().slice(0, 10)),
        lte(c.signedDate, new Date(now).toISOString().slice(0, 10)),
      ),
    )
    .orderBy(asc(c.signedDate), asc(c.id))
  const names = new Map(
    (
      await tx
        .select({ accountId: contacts.accountId, name: contacts.name })
        .from(contacts)
        .where(and(eq(contacts.workspaceId, ctx.ws), isNull(contacts.deletedAt)))
        .orderBy(asc(contacts.name))
    ).map((r) => [r.accountId, r.name]),
  )
  const rows: (Omit<typeof milestones.$inferInsert, 'workspaceId'> & { id: string })[] = []
  for (const s of signed) {
    const signedAt = Date.parse(`${s.signedDate}T00:00:00Z`)
    const days = Math.round(7 + 8 * ageOf(signedAt, now) + rng.float(-1, 1))
    const confirmedAt = signedAt + days * DAY + rng.int(9, 17) * HOUR
    if (confirmedAt > now - HOUR) continue
    rows.push({
      id: newId(),
      accountId: s.accountId,
      opportunityId: s.opportunityId,
      title: t(lang, '系统上线', 'Go-live'),
      description: t(lang, '客户确认系统已上线运行', 'The customer confirmed the system is live'),
      dueDate: new Date(signedAt + (days + 1) * DAY).toISOString().slice(0, 10),
      status: 'confirmed',
      ownerId: s.csmId ?? s.ownerId,
      createdBy: s.ownerId,
      createdAt: new Date(signedAt + DAY),
      updatedAt: new Date(confirmedAt),
      confirmationRequestedAt: new Date(confirmedAt - DAY),
      confirmedAt: new Date(confirmedAt),
      confirmedByName: names.get(s.accountId) ?? t(lang, '客户项目负责人', 'Customer project lead'),
    })
  }
  return insertRows(tx, ctx, milestones, 'milestone', rows)
}
