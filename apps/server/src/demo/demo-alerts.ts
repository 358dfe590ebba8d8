import { and, asc, eq, inArray, isNull, ne, or } from 'drizzle-orm'
import type { Ctx } from '../core/context'
import type { Executor } from '../core/db/types'
import { newId } from '../core/ids'
import { accounts } from '../modules/accounts'
import { acknowledgeAlert, alerts, evaluateWorkspace, resolveAlert, snoozeAlert } from '../modules/alerts'
import { payments } from '../modules/commerce'
import { contacts, relationshipSignals } from '../modules/contacts'
import { recomputeAccounts, refreshDerivedMetrics, usageEvents } from '../modules/health'
import { tickets } from '../modules/tickets'
import type { Lang } from './demo-data'

const DAY = 86_400_000

/**
 * The early-warning scene (SPEC ), after the health scene: product usage for a dozen accounts,
 * then for chosen healthy accounts the inputs of each default rule — a silent one (no login for 40
 * days), two whose usage halved while their economic buyer or champion left (one of them at risk:
 * danger), a ticket surge and a payment 45 days overdue — all inserted set-based. One evaluation then
 * of these accounts opens the alerts through the collection (their `alert.created` events notify the account managers
 * once the worker runs), and a few are acknowledged, snoozed and resolved.
 */
export async function seedAlertDemo(tx: Executor, ctx: Ctx, lang: Lang, now = new Date()) {
  const ws = ctx.ws
  const list = await tx
    .select({ id: accounts.id, band: accounts.healthBand })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, ws), isNull(accounts.deletedAt)))
    .orderBy(asc(accounts.createdAt), asc(accounts.id))
  const healthy = list.filter((a) => a.band !== 'at_risk')
  const risky = list.filter((a) => a.band === 'at_risk')
  if (healthy.length < 12 || !risky.length) return { alerts: 0 }
  const [silent, dropA, surge, overdue] = [healthy[1]!, healthy[3]!, healthy[5]!, healthy[7]!]
  const dropB = risky[0]!
  const steady = healthy.slice(8, 14)
  const at = (days: number) => new Date(now.getTime() - days * DAY)

  // Usage: steady accounts log in every other day; the silent one stopped logging in 40 days ago; the two
  // that dropped went from 30 to 10 events a month.
  const usage: (typeof usageEvents.$inferInsert)[] = []
  const push = (accountId: string, type: string, days: number, i: number) =>
    usage.push({
      id: newId(),
      workspaceId: ws,
      accountId,
      type,
      at: at(days),
      actor: `user${i % 5}@customer`,
    })
  steady.forEach((a, k) => {
    for (let d = 1; d < 60; d += 2) push(a.id, d % 4 === 1 ? 'login' : 'feature_used', d + k * 0.1, d)
  })
  for (let d = 40; d < 70; d += 3) push(silent.id, 'login', d, d)
  for (let d = 2; d < 30; d += 5) push(silent.id, 'feature_used', d, d)
  for (const a of [dropA, dropB]) {
    for (let i = 0; i < 30; i++) push(a.id, i % 2 ? 'login' : 'feature_used', 31 + i * 0.9, i)
    for (let i = 0; i < 10; i++) push(a.id, i % 2 ? 'login' : 'feature_used', 1 + i * 2.5, i)
  }
  await tx.insert(usageEvents).values(usage)

  // A key contact of each dropping account left 12 days ago (the signal history the rule reads).
  const keyContacts = await tx
    .select({
      id: contacts.id,
      accountId: contacts.accountId,
      stance: contacts.stance,
      role: contacts.buyingRole,
    })
    .from(contacts)
    .where(
      and(
        eq(contacts.workspaceId, ws),
        inArray(contacts.accountId, [dropA.id, dropB.id]),
        eq(contacts.active, true),
        or(eq(contacts.stance, 'champion'), eq(contacts.buyingRole, 'economic_buyer')),
      ),
    )
    .orderBy(asc(contacts.createdAt), asc(contacts.id))
  const leaving = [dropA.id, dropB.id]
    .map((id) => keyContacts.find((c) => c.accountId === id))
    .filter((c): c is NonNullable<typeof c> => !!c)
  if (leaving.length) {
    await tx
      .update(contacts)
      .set({ active: false, leftAt: at(12) })
      .where(
        and(
          eq(contacts.workspaceId, ws),
          inArray(
            contacts.id,
            leaving.map((c) => c.id),
          ),
        ),
      )
    await tx.insert(relationshipSignals).values(
      leaving.map((c) => ({
        id: newId(),
        workspaceId: ws,
        accountId: c.accountId,
        contactId: c.id,
        kind: 'left',
        keyContact: true,
        before: { active: true, leftAt: null, stance: c.stance, buyingRole: c.role },
        after: { active: false, leftAt: at(12).toISOString(), stance: c.stance, buyingRole: c.role },
        at: at(12),
      })),
    )
  }

  // Five tickets in the last four days, where there had been one in three months.
  const subjects =
    lang === 'en'
      ? ['Export fails', 'Login slow', 'Report totals wrong', 'Sync stopped', 'API errors']
      : ['导出失败', '登录缓慢', '报表合计错误', '数据同步中断', '接口报错']
  await tx.insert(tickets).values(
    [...subjects.map((s, i) => ({ s, d: 0.5 + i * 0.8 })), { s: subjects[0]!, d: 50 }].map((x) => ({
      id: newId(),
      workspaceId: ws,
      accountId: surge.id,
      subject: x.s,
      priority: 'high',
      status: 'open',
      createdAt: at(x.d),
      updatedAt: at(x.d),
    })),
  )

  // A payment 45 days past due.
  await tx.insert(payments).values({
    id: newId(),
    workspaceId: ws,
    accountId: overdue.id,
    number: 'PAY-DEMO-ALERT',
    amount: '86000.00',
    currency: 'CNY',
    status: 'pending',
    dueDate: at(45).toISOString().slice(0, 10),
    createdAt: at(75),
    updatedAt: at(75),
  })

  // The health inputs settle first: metrics derived from the demo's records (meetings, tickets, the usage
  // above) replace the seeded values now, silently, rather than in the handlers after the seed — where
  // every band they move would open an alert stamped "now".
  const all = list.map((a) => a.id)
  await refreshDerivedMetrics(tx, ws, all, now)
  await recomputeAccounts(tx, ctx, all, { reason: 'demo', now, silent: true })
  // Every account is evaluated now (set-based, one query per rule), so that each alert can be stamped
  // with when its condition began — the hourly scan would otherwise open the rest at start, all "now".
  await evaluateWorkspace(tx, { events: ctx.events }, ws, { now })

  const opened = await tx
    .select({ id: alerts.id, type: alerts.type, accountId: alerts.accountId, details: alerts.details })
    .from(alerts)
    .where(and(eq(alerts.workspaceId, ws), ne(alerts.status, 'resolved')))
    .orderBy(asc(alerts.createdAt), asc(alerts.id))
  // The scan above runs now, but the hourly scan would have opened each alert when its condition first
  // held: a silent account once 30 days had passed without a login (the silent one: 10 days ago), an
  // overdue payment once it was 30 days overdue (the scene's: 15 days ago), the usage drops when their key
  // contacts left (12 days ago), the surge at its third ticket (2 days ago); the band alerts fell over the
  // last four weeks (one within the hour). Their ages are stamped accordingly.
  const fixedDaysAgo: Record<string, number> = { usage_drop_key_contact: 11.6, ticket_surge: 2.1 }
  let band = 0
  for (const a of opened) {
    const e = (a.details ?? {}) as Record<string, unknown>
    const past = (n: unknown) => Math.max(0.05, Number(n ?? 0) - 30 + 0.3)
    const days =
      a.type === 'band_at_risk'
        ? band++ === 0
          ? 0.03
          : 0.2 + ((band * 2.9) % 27)
        : a.type === 'no_login'
          ? past(e.daysSinceLogin)
          : a.type === 'payment_overdue'
            ? past(e.daysOverdue)
            : (fixedDaysAgo[a.type] ?? 1)
    await tx
      .update(alerts)
      .set({ createdAt: at(days), updatedAt: at(days) })
      .where(and(eq(alerts.workspaceId, ws), eq(alerts.id, a.id)))
  }

  // Some alerts already worked on: acknowledged, snoozed and resolved (with an outcome).
  const of = (type: string, accountId?: string) =>
    opened.find((a) => a.type === type && (!accountId || a.accountId === accountId))
  const ack = of('payment_overdue', overdue.id)
  if (ack) await acknowledgeAlert(tx, ctx, ack.id)
  const bands = opened.filter((a) => a.type === 'band_at_risk')
  if (bands[1])
    await snoozeAlert(tx, ctx, bands[1].id, {
      until: new Date(now.getTime() + 5 * DAY).toISOString(),
      note: lang === 'en' ? 'Waiting for the quarterly review' : '等待季度复盘后再跟进',
    })
  if (bands[2])
    await resolveAlert(tx, ctx, bands[2].id, {
      outcome: 'retained',
      note: lang === 'en' ? 'Expert call-back done; usage recovering' : '专家回访完成，使用量回升',
    })
  return { alerts: opened.length }
}

/**
 * The last step of the demo: the scenes seeded after the alert scene (value, churn, expansion, …) moved
 * some accounts' health inputs. Their health settles here, silently, and the alerts that opens are stamped
 * at believable ages over the last four weeks — rather than left to the handlers after the seed, which
 * would open them all "now". Returns how many alerts this opened.
 */
export async function settleDemoAlerts(tx: Executor, ctx: Ctx, now = new Date()) {
  const ws = ctx.ws
  const open = async () =>
    tx
      .select({ id: alerts.id })
      .from(alerts)
      .where(and(eq(alerts.workspaceId, ws), ne(alerts.status, 'resolved')))
      .orderBy(asc(alerts.createdAt), asc(alerts.id))
  const before = new Set((await open()).map((a) => a.id))
  const all = (
    await tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(and(eq(accounts.workspaceId, ws), isNull(accounts.deletedAt)))
  ).map((a) => a.id)
  await refreshDerivedMetrics(tx, ws, all, now)
  await recomputeAccounts(tx, ctx, all, { reason: 'demo', now, silent: true })
  await evaluateWorkspace(tx, { events: ctx.events }, ws, { now })
  const opened = (await open()).filter((a) => !before.has(a.id))
  for (const [k, a] of opened.entries()) {
    const at = new Date(now.getTime() - (1.3 + ((k * 3.7) % 26)) * DAY)
    await tx
      .update(alerts)
      .set({ createdAt: at, updatedAt: at })
      .where(and(eq(alerts.workspaceId, ws), eq(alerts.id, a.id)))
  }
  return opened.length
}
