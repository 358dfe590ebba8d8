import { createHash, randomBytes } from 'node:crypto'
import type { z } from 'zod'
import type {
  PublicSurvey,
  PublicSurveyAnswered,
  SurveyKind,
  SurveySend,
  SurveySendResult,
} from '@openkam/contract'
import { systemPrincipal } from '../../core/access/permissions'
import { recordAudit } from '../../core/audit/audit'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import type { EventSink } from '../../core/events/bus'
import { newId } from '../../core/ids'
import type { JobQueue } from '../../core/jobs/jobs'
import { accountCollection } from '../accounts'
import { contactCollection } from '../contacts'
import { recordMetrics } from '../health'
import { absoluteAppLink, emailAddress, workspaceLocale } from '../notifications'
import { getWorkspace } from '../workspaces'
import { surveyCollection, surveyResponseCollection } from './survey.collection'
import {
  accountNpsCategories,
  existingInvitations,
  insertInvitations,
  invitationByHash,
  knownContactIds,
  lockSurvey,
  markAnswered,
  surveyTargets,
  visibleAccountIds,
} from './survey.repository'
import { categoryOf, scaleOf, tally, validScore } from './survey-score'
import { defaultQuestion, invitationText } from './survey-texts'

type Row = Record<string, any>
type Result = z.infer<typeof SurveySendResult>
export type SurveyDeps = { events: EventSink; jobs: JobQueue }

const DAY = 86_400_000
/** The account's NPS counts the answers of this many days (each contact's latest). */
export const NPS_WINDOW_DAYS = 365

/** Only the hash of a token is stored; a leaked table answers nothing. */
export const surveyTokenHash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex')

const langOf = async (tx: Executor, ws: string) =>
  (await workspaceLocale(tx, ws)) === 'en' ? ('en' as const) : ('zh-CN' as const)

const questionOf = (s: Row, lang: 'zh-CN' | 'en', workspace: string) =>
  (lang === 'en' ? s.questionEn || s.questionZh : s.questionZh || s.questionEn) ||
  defaultQuestion(s.kind as SurveyKind, lang, workspace)

const invalid = (path: string, message: string) =>
  new AppError('invalid', 'invalid_input', `Invalid ${path}: ${message}`, { errors: [{ path, message }] })

/**
 * Invites the active contacts of the chosen accounts (or tiers, segments, or the chosen contacts) to
 * answer a survey: one single-use link each (32 random bytes, only its hash kept), expiring after the
 * survey's `expiresInDays`, e-mailed through the notifications module. Contacts without an e-mail, with
 * an open invitation to this survey or who already answered it are skipped and counted. A draft survey
 * opens. With `dryRun` only the counts are returned.
 */
export async function sendSurvey(
  tx: Executor,
  ctx: Ctx,
  deps: SurveyDeps,
  id: string,
  input: z.infer<typeof SurveySend>,
): Promise<z.infer<typeof SurveySendResult>> {
  surveyCollection.scope(ctx, 'update')
  let survey = (await surveyCollection.get(tx, ctx, id)) as Row
  if (!input.dryRun) {
    await lockSurvey(tx, ctx.ws, id)
    survey = (await surveyCollection.get(tx, ctx, id)) as Row
  }
  if (survey.status === 'closed')
    throw new AppError(
      'unprocessable',
      'survey_closed',
      'This survey is closed and takes no more answers; reopen it (status open) or create a new one',
    )
  const accountScope = accountCollection.scope(ctx, 'read')
  const visible = accountCollection.visibility(ctx, accountScope)
  if (input.accountIds?.length) {
    const found = new Set(await visibleAccountIds(tx, ctx.ws, input.accountIds, visible))
    const missing = input.accountIds.filter((a) => !found.has(a))
    if (missing.length) throw invalid('accountIds', `no such account: ${missing.slice(0, 5).join(', ')}`)
  }
  if (input.contactIds?.length) {
    const found = new Set(await knownContactIds(tx, ctx.ws, input.contactIds, visible))
    const missing = input.contactIds.filter((c) => !found.has(c))
    if (missing.length) throw invalid('contactIds', `no such contact: ${missing.slice(0, 5).join(', ')}`)
  }
  const targets = await surveyTargets(tx, ctx.ws, input, visible)
  const now = new Date()
  const seen = await existingInvitations(
    tx,
    ctx.ws,
    id,
    targets.map((t) => t.contactId),
    now,
  )
  const answered = new Set(seen.filter((s) => s.answeredAt).map((s) => s.contactId))
  const open = new Set(
    seen.filter((s) => !s.answeredAt && !answered.has(s.contactId)).map((s) => s.contactId),
  )
  const counts = { alreadyAnswered: 0, alreadyInvited: 0, withoutEmail: 0 }
  const invite: typeof targets = []
  for (const t of targets) {
    if (answered.has(t.contactId)) counts.alreadyAnswered++
    else if (open.has(t.contactId)) counts.alreadyInvited++
    else if (!t.email?.trim()) counts.withoutEmail++
    else invite.push(t)
  }
  const base = { dryRun: !!input.dryRun, contacts: targets.length, invited: invite.length, ...counts }
  if (input.dryRun)
    return { ...base, emailed: 0, emailNote: null, links: [], survey: survey as Result['survey'] }

  const expiresAt = new Date(now.getTime() + survey.expiresInDays * DAY)
  const made = invite.map((t) => ({ t, token: randomBytes(32).toString('base64url'), id: newId() }))
  await insertInvitations(
    tx,
    made.map(({ t, token, id: invId }) => ({
      id: invId,
      workspaceId: ctx.ws,
      surveyId: id,
      accountId: t.accountId,
      contactId: t.contactId,
      tokenHash: surveyTokenHash(token),
      channel: 'email',
      sentAt: now,
      expiresAt,
      createdBy: ctx.principal.userId,
    })),
  )
  const lang = await langOf(tx, ctx.ws)
  const workspace = made.length ? (await getWorkspace(tx, ctx)).name : ''
  const question = questionOf(survey, lang, workspace)
  let emailed = 0
  let emailNote: string | null = null
  const links: z.infer<typeof SurveySendResult>['links'] = []
  for (const { t, token, id: invId } of made) {
    const path = `/survey/${token}`
    links.push({
      invitationId: invId,
      contactId: t.contactId,
      accountId: t.accountId,
      url: (await absoluteAppLink(tx, ctx.ws, path)) ?? path,
    })
    const sent = await emailAddress(tx, ctx.ws, deps.jobs, {
      to: t.email!,
      ...invitationText(lang, {
        contact: t.contactName,
        account: t.accountName,
        workspace,
        question,
        expiresAt,
      }),
      link: path,
      lang,
      relatedType: 'survey',
      relatedId: id,
      needsAbsoluteLink: true,
    })
    if (sent.status === 'pending') emailed++
    else emailNote ??= sent.error
  }
  if (survey.status === 'draft' && made.length)
    survey = (await surveyCollection.update(tx, ctx, id, { version: survey.version, status: 'open' })) as Row
  if (made.length) {
    await recordAudit(tx, ctx, [
      {
        action: 'send',
        entityType: 'survey',
        entityId: id,
        after: { ...base, emailed, contactIds: made.map((m) => m.t.contactId) },
      },
    ])
    await ctx.events.emit(tx, ctx, [
      {
        type: 'survey.sent',
        entityType: 'survey',
        entityId: id,
        payload: { surveyId: id, invited: made.length, expiresAt: expiresAt.toISOString() },
      },
    ])
    survey = (await surveyCollection.get(tx, ctx, id)) as Row
  }
  return { ...base, emailed, emailNote, links, survey: survey as Result['survey'] }
}

type Found = NonNullable<Awaited<ReturnType<typeof invitationByHash>>>
const day = (d: Date) => d.toISOString().slice(0, 10)

/** The invitation of a token, or why it no longer works (404 unknown; 410 answered, closed, withdrawn, expired). */
async function usableInvitation(tx: Executor, token: string, forUpdate = false): Promise<Found> {
  const f = await invitationByHash(tx, surveyTokenHash(token), forUpdate)
  if (!f)
    throw new AppError(
      'not_found',
      'survey_not_found',
      'This survey link is not valid. Check that it was copied completely, or ask your account team for a new one.',
    )
  const i = f.invitation
  if (i.answeredAt)
    throw new AppError(
      'gone',
      'survey_answered',
      `This survey was already answered on ${day(i.answeredAt)}. Thank you — nothing more is needed.`,
      { answeredAt: i.answeredAt.toISOString() },
    )
  if (f.survey.deletedAt)
    throw new AppError('gone', 'survey_withdrawn', 'This survey was withdrawn by your account team.')
  if (f.survey.status === 'closed')
    throw new AppError('gone', 'survey_closed', 'This survey is closed and takes no more answers.')
  if (i.expiresAt.getTime() <= Date.now())
    throw new AppError('gone', 'survey_expired', `This survey link expired on ${day(i.expiresAt)}.`, {
      expiredAt: i.expiresAt.toISOString(),
    })
  return f
}

/** What the survey link asks (public, no login). */
export async function publicSurvey(tx: Executor, token: string): Promise<z.infer<typeof PublicSurvey>> {
  const f = await usableInvitation(tx, token)
  const kind = f.survey.kind as SurveyKind
  return {
    kind,
    surveyName: f.survey.name,
    question: {
      'zh-CN': questionOf(f.survey, 'zh-CN', f.workspaceName),
      en: questionOf(f.survey, 'en', f.workspaceName),
    },
    accountName: f.accountName,
    workspaceName: f.workspaceName,
    contactName: f.contactName,
    locale: f.locale,
    ...scaleOf(kind),
    expiresAt: f.invitation.expiresAt.toISOString(),
  }
}

/**
 * The contact answers (public, no login), all in one transaction: the invitation is used up, the answer
 * stored (rules see `survey_response.created`: the template's detractor follow-up), the account's NPS
 * recomputed and recorded as health metric `nps`, the contact's latest satisfaction noted on the contact
 * (`custom.surveyScore`, `surveyCategory`, `surveyAnsweredAt`) and `survey.answered` emitted.
 */
export async function answerSurvey(
  tx: Executor,
  deps: SurveyDeps,
  token: string,
  input: { score: number; comment?: string },
  from: { requestId?: string } = {},
): Promise<z.infer<typeof PublicSurveyAnswered>> {
  const f = await usableInvitation(tx, token, true)
  const kind = f.survey.kind as SurveyKind
  if (!validScore(kind, input.score)) {
    const { min, max } = scaleOf(kind)
    throw new AppError(
      'unprocessable',
      'score_out_of_range',
      `The score must be a whole number from ${min} to ${max}`,
      {
        errors: [{ path: 'score', message: `a whole number from ${min} to ${max}` }],
      },
    )
  }
  const ws = f.invitation.workspaceId
  const ctx: Ctx = {
    ws,
    principal: systemPrincipal(ws),
    events: deps.events,
    ...(from.requestId ? { requestId: from.requestId } : {}),
  }
  const now = new Date()
  const category = categoryOf(kind, input.score)
  const comment = input.comment?.trim() || null
  const inv = f.invitation
  const response = (await surveyResponseCollection.create(tx, ctx, {
    surveyId: inv.surveyId,
    invitationId: inv.id,
    accountId: inv.accountId,
    contactId: inv.contactId,
    kind,
    score: input.score,
    comment,
    category,
    answeredAt: now.toISOString(),
    ownerId: null,
  })) as Row
  const used = await markAnswered(tx, ws, inv.id, now, response.id)
  if (!used.length) throw new AppError('gone', 'survey_answered', 'This survey was already answered.')
  if (kind === 'nps') await recordAccountNps(tx, ws, inv.accountId, now)
  await noteContactSatisfaction(tx, ctx, inv.contactId, { score: input.score, category, kind, at: now })
  await ctx.events.emit(tx, ctx, [
    {
      type: 'survey.answered',
      entityType: 'survey',
      entityId: inv.surveyId,
      payload: {
        surveyId: inv.surveyId,
        responseId: response.id,
        accountId: inv.accountId,
        contactId: inv.contactId,
        kind,
        score: input.score,
        category,
      },
    },
  ])
  return { score: input.score, category, answeredAt: now.toISOString() }
}

/** Recomputes the account's NPS and records it as the health metric `nps` (source `survey`). */
export async function recordAccountNps(tx: Executor, ws: string, accountId: string, at: Date) {
  const since = new Date(at.getTime() - NPS_WINDOW_DAYS * DAY)
  const t = tally(await accountNpsCategories(tx, ws, accountId, since))
  if (t.nps !== null)
    await recordMetrics(tx, ws, [{ accountId, metric: 'nps', value: t.nps, at, source: 'survey' }])
  return t
}

async function noteContactSatisfaction(
  tx: Executor,
  ctx: Ctx,
  contactId: string,
  v: { score: number; category: string; kind: string; at: Date },
) {
  let c: Row
  try {
    c = (await contactCollection.get(tx, ctx, contactId)) as Row
  } catch (e) {
    // A contact deleted since the invitation: the answer still counts for the account.
    if (e instanceof AppError && e.kind === 'not_found') return
    throw e
  }
  await contactCollection.update(tx, ctx, contactId, {
    version: c.version,
    custom: {
      surveyScore: v.score,
      surveyKind: v.kind,
      surveyCategory: v.category,
      surveyAnsweredAt: v.at.toISOString(),
    },
  })
}

/**
 * The account's NPS as the health metric counts it (last 12 months, each contact's latest answer), for
 * the 360° page; null when nobody answered.
 */
export async function accountNpsSummary(tx: Executor, ws: string, accountId: string) {
  const t = tally(await accountNpsCategories(tx, ws, accountId, new Date(Date.now() - NPS_WINDOW_DAYS * DAY)))
  return t.responses ? t : null
}
