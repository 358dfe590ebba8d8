import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm'
import type { SurveyCategory } from '@openkam/contract'
import type { Executor } from '../../core/db/types'
import { accounts } from '../accounts'
import { contacts } from '../contacts'
import { workspaces } from '../workspaces'
import { surveyInvitations as inv, surveyResponses as resp, surveys } from './survey.table'
import { npsOf } from './survey-score'

type Row = Record<string, any>

const num = (v: unknown) => Number(v ?? 0)

/** Invitation and answer counts of some surveys, in two grouped queries. */
export async function surveyStats(tx: Executor, ws: string, ids: string[]) {
  const out = new Map<string, Row>()
  for (const id of ids)
    out.set(id, {
      invited: 0,
      answered: 0,
      open: 0,
      responseRate: null,
      promoters: 0,
      passives: 0,
      detractors: 0,
      nps: null,
      average: null,
    })
  if (!ids.length) return out
  const now = new Date()
  const invites = await tx
    .select({
      surveyId: inv.surveyId,
      invited: sql<number>`count(*)`,
      answered: sql<number>`count(${inv.answeredAt})`,
      open: sql<number>`count(*) filter (where ${inv.answeredAt} is null and ${inv.expiresAt} > ${now})`,
    })
    .from(inv)
    .where(and(eq(inv.workspaceId, ws), inArray(inv.surveyId, ids)))
    .groupBy(inv.surveyId)
  const answers = await tx
    .select({
      surveyId: resp.surveyId,
      promoters: sql<number>`count(*) filter (where ${resp.category} = 'promoter')`,
      passives: sql<number>`count(*) filter (where ${resp.category} = 'passive')`,
      detractors: sql<number>`count(*) filter (where ${resp.category} = 'detractor')`,
      average: sql<string | null>`avg(${resp.score})`,
    })
    .from(resp)
    .where(and(eq(resp.workspaceId, ws), inArray(resp.surveyId, ids), isNull(resp.deletedAt)))
    .groupBy(resp.surveyId)
  for (const i of invites) {
    const s = out.get(i.surveyId)!
    s.invited = num(i.invited)
    s.answered = num(i.answered)
    s.open = num(i.open)
    s.responseRate = s.invited ? Math.round((s.answered / s.invited) * 1000) / 1000 : null
  }
  for (const a of answers) {
    const s = out.get(a.surveyId)!
    s.promoters = num(a.promoters)
    s.passives = num(a.passives)
    s.detractors = num(a.detractors)
    s.nps = npsOf(s as { promoters: number; passives: number; detractors: number })
    s.average = a.average === null ? null : Math.round(Number(a.average) * 100) / 100
  }
  return out
}

export async function responseCount(tx: Executor, ws: string, surveyId: string) {
  const [r] = await tx
    .select({ n: sql<number>`count(*)` })
    .from(resp)
    .where(and(eq(resp.workspaceId, ws), eq(resp.surveyId, surveyId)))
  return num(r?.n)
}

/** Names of the surveys, accounts and contacts of some answers (three queries, none per row). */
export async function namesForResponses(tx: Executor, ws: string, recs: Row[]) {
  const ids = (k: string) => [
    ...new Set(recs.map((r) => r[k] as string | null).filter((x): x is string => !!x)),
  ]
  const [s, a, c] = [ids('surveyId'), ids('accountId'), ids('contactId')]
  const pairs = async (t: typeof surveys | typeof accounts | typeof contacts, list: string[]) =>
    list.length
      ? new Map(
          (
            await tx
              .select({ id: t.id, name: t.name })
              .from(t)
              .where(and(eq(t.workspaceId, ws), inArray(t.id, list)))
          ).map((r) => [r.id, r.name]),
        )
      : new Map<string, string>()
  return {
    surveys: await pairs(surveys, s),
    accounts: await pairs(accounts, a),
    contacts: await pairs(contacts, c),
  }
}

/** Locks a survey row for a send, so two sends of one survey do not invite the same contact twice. */
export const lockSurvey = (tx: Executor, ws: string, id: string) =>
  tx
    .select({ id: surveys.id })
    .from(surveys)
    .where(and(eq(surveys.workspaceId, ws), eq(surveys.id, id)))
    .for('update')

/** The live accounts among some ids that `visible` lets this person reach. */
export const visibleAccountIds = async (tx: Executor, ws: string, ids: string[], visible?: SQL) =>
  (
    await tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(
        and(eq(accounts.workspaceId, ws), inArray(accounts.id, ids), isNull(accounts.deletedAt), visible),
      )
  ).map((r) => r.id)

/** Active contacts of the chosen accounts, tiers or segments, or the chosen contacts, with their accounts. */
export async function surveyTargets(
  tx: Executor,
  ws: string,
  pick: { accountIds?: string[]; contactIds?: string[]; tiers?: string[]; segments?: string[] },
  visibleAccounts?: SQL,
) {
  const any = [
    pick.accountIds?.length ? inArray(accounts.id, pick.accountIds) : undefined,
    pick.contactIds?.length ? inArray(contacts.id, pick.contactIds) : undefined,
    pick.tiers?.length ? inArray(accounts.tier, pick.tiers) : undefined,
    pick.segments?.length ? inArray(accounts.segment, pick.segments) : undefined,
  ].filter((x): x is SQL => !!x)
  if (!any.length) return []
  return tx
    .select({
      contactId: contacts.id,
      contactName: contacts.name,
      email: contacts.email,
      accountId: accounts.id,
      accountName: accounts.name,
    })
    .from(contacts)
    .innerJoin(
      accounts,
      and(eq(accounts.workspaceId, contacts.workspaceId), eq(accounts.id, contacts.accountId)),
    )
    .where(
      and(
        eq(contacts.workspaceId, ws),
        isNull(contacts.deletedAt),
        eq(contacts.active, true),
        isNull(accounts.deletedAt),
        or(...any),
        visibleAccounts,
      ),
    )
    .orderBy(asc(accounts.name), asc(contacts.name), asc(contacts.id))
}

/** The live contacts among some ids (any state), with their account, to tell unknown ids from inactive ones. */
export const knownContactIds = async (tx: Executor, ws: string, ids: string[], visibleAccounts?: SQL) =>
  (
    await tx
      .select({ id: contacts.id })
      .from(contacts)
      .innerJoin(
        accounts,
        and(eq(accounts.workspaceId, contacts.workspaceId), eq(accounts.id, contacts.accountId)),
      )
      .where(
        and(
          eq(contacts.workspaceId, ws),
          inArray(contacts.id, ids),
          isNull(contacts.deletedAt),
          visibleAccounts,
        ),
      )
  ).map((r) => r.id)

/** Invitations of a survey to some contacts that were answered or are still open. */
export async function existingInvitations(
  tx: Executor,
  ws: string,
  surveyId: string,
  contactIds: string[],
  now: Date,
) {
  if (!contactIds.length) return []
  return tx
    .select({ contactId: inv.contactId, answeredAt: inv.answeredAt })
    .from(inv)
    .where(
      and(
        eq(inv.workspaceId, ws),
        eq(inv.surveyId, surveyId),
        inArray(inv.contactId, contactIds),
        or(isNotNull(inv.answeredAt), gt(inv.expiresAt, now)),
      ),
    )
}

export const insertInvitations = (tx: Executor, rows: (typeof inv.$inferInsert)[]) =>
  rows.length ? tx.insert(inv).values(rows) : Promise.resolve()

/** An invitation by its token's hash, with what the public page shows; optionally locked for answering. */
export async function invitationByHash(tx: Executor, tokenHash: string, forUpdate = false) {
  const q = tx
    .select({
      invitation: inv,
      survey: surveys,
      accountName: accounts.name,
      workspaceName: workspaces.name,
      locale: workspaces.locale,
      contactName: contacts.name,
    })
    .from(inv)
    .innerJoin(surveys, and(eq(surveys.workspaceId, inv.workspaceId), eq(surveys.id, inv.surveyId)))
    .innerJoin(accounts, and(eq(accounts.workspaceId, inv.workspaceId), eq(accounts.id, inv.accountId)))
    .innerJoin(workspaces, eq(workspaces.id, inv.workspaceId))
    .leftJoin(contacts, and(eq(contacts.workspaceId, inv.workspaceId), eq(contacts.id, inv.contactId)))
    .where(eq(inv.tokenHash, tokenHash))
  return (forUpdate ? (await q.for('update', { of: inv }))[0] : (await q)[0]) ?? null
}

/** Marks an invitation answered, once: an empty result means it was answered meanwhile. */
export const markAnswered = (tx: Executor, ws: string, id: string, at: Date, responseId: string) =>
  tx
    .update(inv)
    .set({ answeredAt: at, responseId })
    .where(and(eq(inv.workspaceId, ws), eq(inv.id, id), isNull(inv.answeredAt)))
    .returning({ id: inv.id })

/**
 * The categories the account's NPS counts: NPS answers of the last 12 months, each contact's latest
 * one only (a contact who answered twice counts once; answers without a contact count each).
 */
export async function accountNpsCategories(tx: Executor, ws: string, accountId: string, since: Date) {
  const person = sql`coalesce(${resp.contactId}, ${resp.id})`
  const rows = await tx
    .selectDistinctOn([person], { category: resp.category })
    .from(resp)
    .where(
      and(
        eq(resp.workspaceId, ws),
        eq(resp.accountId, accountId),
        eq(resp.kind, 'nps'),
        isNull(resp.deletedAt),
        gt(resp.answeredAt, since),
      ),
    )
    .orderBy(person, desc(resp.answeredAt), desc(resp.id))
  return rows.map((r) => r.category as SurveyCategory)
}

/** Invitations of a survey with their account and contact names, newest first. */
export async function invitationsOf(
  tx: Executor,
  ws: string,
  surveyId: string,
  visibleAccounts?: SQL,
  limit = 1000,
) {
  return tx
    .select({
      id: inv.id,
      surveyId: inv.surveyId,
      accountId: inv.accountId,
      accountName: accounts.name,
      contactId: inv.contactId,
      contactName: contacts.name,
      channel: inv.channel,
      sentAt: inv.sentAt,
      expiresAt: inv.expiresAt,
      answeredAt: inv.answeredAt,
    })
    .from(inv)
    .innerJoin(accounts, and(eq(accounts.workspaceId, inv.workspaceId), eq(accounts.id, inv.accountId)))
    .leftJoin(contacts, and(eq(contacts.workspaceId, inv.workspaceId), eq(contacts.id, inv.contactId)))
    .where(and(eq(inv.workspaceId, ws), eq(inv.surveyId, surveyId), visibleAccounts))
    .orderBy(desc(inv.sentAt), asc(inv.id))
    .limit(limit)
}
