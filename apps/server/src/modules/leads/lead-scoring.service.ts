import { and, eq, inArray, isNull } from 'drizzle-orm'
import type { z } from 'zod'
import type { LeadScoringConfig, LeadScoringSettings, LeadScoringUpdate } from '@openkam/contract'
import { scopeFor, systemPrincipal } from '../../core/access/permissions'
import { diff, recordAudit } from '../../core/audit/audit'
import type { Ctx } from '../../core/context'
import type { Db, Executor } from '../../core/db/types'
import { AppError, type FieldError } from '../../core/errors'
import type { EventSink } from '../../core/events/bus'
import type { JobQueue } from '../../core/jobs/jobs'
import { notify, workspaceLocale } from '../notifications'
import { missingUsers, peopleWithRole, teamMemberIds, userTables } from '../users'
import { defaultScoringConfig, isHot, scoreLead } from './lead-score'
import {
  behaviourOf,
  claimRouting,
  findScoringRow,
  leadsToScore,
  nextTurn,
  saveScoringRow,
  writeScores,
} from './lead-scoring.repository'
import { leadCollection } from './lead.collection'
import { leads } from './lead.table'

type Row = Record<string, any>
export type LeadDeps = { events: EventSink; jobs: JobQueue }

/** Leads that can still be routed. */
const routable = new Set(['new', 'working', 'qualified'])
const PAGE = 500

export const leadSystemCtx = (ws: string, events: EventSink): Ctx => ({
  ws,
  principal: systemPrincipal(ws),
  events,
})

async function langOf(tx: Executor, ws: string) {
  return (await workspaceLocale(tx, ws)) === 'en' ? 'en' : 'zh-CN'
}

/** The workspace's scoring points, threshold and routing; the defaults until an administrator saves them. */
export async function loadScoring(tx: Executor, ws: string, forUpdate = false): Promise<LeadScoringSettings> {
  const row = await findScoringRow(tx, ws, forUpdate)
  if (row) return { ...row.config, version: row.version, updatedAt: row.updatedAt.toISOString() }
  return { ...defaultScoringConfig(await langOf(tx, ws)), version: 1, updatedAt: null }
}

const configOf = ({ version: _v, updatedAt: _u, ...c }: LeadScoringSettings): LeadScoringConfig => c

/** People and the team the routing names must exist in the workspace. */
async function routingErrors(
  tx: Executor,
  ws: string,
  r: LeadScoringConfig['routing'],
): Promise<FieldError[]> {
  const errors: FieldError[] = []
  const missing = new Set(
    await missingUsers(tx, ws, [...r.userIds, ...r.territories.map((t) => t.userId), r.fallbackUserId]),
  )
  r.userIds.forEach((u, i) => {
    if (missing.has(u))
      errors.push({ path: `routing.userIds.${i}`, message: 'no such user in this workspace' })
  })
  r.territories.forEach((t, i) => {
    if (missing.has(t.userId))
      errors.push({ path: `routing.territories.${i}.userId`, message: 'no such user in this workspace' })
  })
  if (r.fallbackUserId && missing.has(r.fallbackUserId))
    errors.push({ path: 'routing.fallbackUserId', message: 'no such user in this workspace' })
  if (r.teamId) {
    const { teams } = userTables
    const [t] = await tx
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.workspaceId, ws), eq(teams.id, r.teamId), isNull(teams.deletedAt)))
    if (!t) errors.push({ path: 'routing.teamId', message: 'no such team in this workspace' })
  }
  return errors
}

/**
 * Changes the points, decay, threshold or routing (administrators; a stale version answers 409). Every
 * open lead is rescored by the `leads_rescore` job queued in the same transaction.
 */
export async function updateScoring(
  tx: Executor,
  ctx: Ctx,
  deps: LeadDeps,
  input: z.infer<typeof LeadScoringUpdate>,
): Promise<LeadScoringSettings> {
  if (scopeFor(ctx.principal, 'workspace', 'update') !== 'all')
    throw new AppError('forbidden', 'forbidden', 'Only administrators may change lead scoring')
  const current = await loadScoring(tx, ctx.ws, true)
  if (current.version !== input.version)
    throw new AppError(
      'conflict',
      'version_conflict',
      'The lead-scoring settings changed since you read them; reload them and apply your change again',
      { current },
    )
  const { version: _v, ...changes } = input
  const next: LeadScoringConfig = { ...configOf(current), ...changes }
  const errors = await routingErrors(tx, ctx.ws, next.routing)
  if (errors.length)
    throw new AppError('invalid', 'invalid_input', 'The lead routing names unknown people or teams', {
      errors,
    })
  const row = await saveScoringRow(tx, ctx.ws, next, current.version + 1, ctx.principal.userId)
  const after: LeadScoringSettings = {
    ...row.config,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  }
  const d = diff(current, after)
  await recordAudit(tx, ctx, [
    { action: 'update', entityType: 'lead_scoring', entityId: ctx.ws, before: d.before, after: d.after },
  ])
  await deps.jobs.send(tx, 'leads_rescore', { ws: ctx.ws }, { singletonKey: `leads_rescore:${ctx.ws}` })
  return after
}

/** The owner routing gives a hot lead, and why; null when routing names nobody. */
async function pickOwner(
  tx: Executor,
  ws: string,
  c: LeadScoringConfig,
  lead: Row,
): Promise<{ userId: string; why: string } | null> {
  const r = c.routing
  if (r.strategy === 'territory') {
    const region = String(lead.region ?? '').toLowerCase()
    const t = region ? r.territories.find((x) => region.includes(x.region.toLowerCase())) : undefined
    if (t) return { userId: t.userId, why: `territory ${t.region}` }
    if (r.fallbackUserId) return { userId: r.fallbackUserId, why: 'territory fallback' }
  }
  let pool = [...r.userIds]
  if (r.teamId) pool.push(...(await teamMemberIds(tx, ws, r.teamId)))
  pool = [...new Set(pool)]
  const gone = new Set(await missingUsers(tx, ws, pool))
  pool = pool.filter((u) => !gone.has(u))
  if (!pool.length) pool = (await peopleWithRole(tx, ws, 'sales')).map((p) => p.id)
  if (!pool.length) return r.fallbackUserId ? { userId: r.fallbackUserId, why: 'fallback' } : null
  const turn = await nextTurn(tx, ws, c)
  return { userId: pool[turn % pool.length]!, why: `round robin, turn ${turn + 1} of ${pool.length}` }
}

/**
 * Routes a hot lead once: claims it (`routedAt`), gives it an owner through the lead's own update
 * (audited, `lead.updated`), emits `lead.routed` and tells the new owner in the app.
 */
async function routeLead(
  tx: Executor,
  deps: LeadDeps,
  ws: string,
  c: LeadScoringConfig,
  lead: Row,
  score: number,
) {
  const choice = await pickOwner(tx, ws, c, lead)
  if (!choice) return false
  const now = new Date()
  if (!(await claimRouting(tx, ws, lead.id, now))) return false
  const ctx = leadSystemCtx(ws, deps.events)
  const current = (await leadCollection.get(tx, ctx, lead.id)) as Row
  await leadCollection.update(tx, ctx, lead.id, { version: current.version, ownerId: choice.userId })
  await ctx.events.emit(tx, ctx, [
    {
      type: 'lead.routed',
      entityType: 'lead',
      entityId: lead.id,
      payload: { ownerId: choice.userId, score, why: choice.why },
    },
  ])
  const en = (await langOf(tx, ws)) === 'en'
  const who = lead.company ? `${lead.name} (${lead.company})` : lead.name
  await notify(tx, ws, deps.jobs, {
    userIds: [choice.userId],
    channels: ['in_app'],
    subject: en ? `Hot lead for you: ${who}, score ${score}` : `新的高意向线索：${who}，评分 ${score}`,
    body: en
      ? `${who} reached the lead-score threshold (${c.threshold}) and was assigned to you (${choice.why}). Follow up today.`
      : `${who} 的线索评分达到阈值（${c.threshold}），已分配给你。请尽快跟进。`,
    link: `/leads/${lead.id}`,
    relatedType: 'lead',
    relatedId: lead.id,
  })
  return true
}

/**
 * Scores leads (by ids, or every open lead of the workspace page by page) and routes those that became
 * hot, in the caller's transaction. Scores are derived values: written in one statement, with
 * `lead.scored` for each score that moved. Returns how many scores moved and how many leads were routed.
 */
export async function rescoreLeads(
  tx: Executor,
  deps: LeadDeps,
  ws: string,
  opts: { ids?: string[]; afterId?: string; now?: Date; silent?: boolean } = {},
): Promise<{ scored: number; changed: number; routed: number; lastId: string | null }> {
  const now = opts.now ?? new Date()
  const config = configOf(await loadScoring(tx, ws))
  const list = await leadsToScore(tx, ws, { ids: opts.ids, afterId: opts.afterId, limit: PAGE })
  const behaviour = await behaviourOf(
    tx,
    ws,
    list.map((l) => l.id),
  )
  const results = list.map((l) => ({ lead: l, ...scoreLead(l, behaviour.get(l.id) ?? [], config, now) }))
  await writeScores(
    tx,
    ws,
    results.map((r) => ({ id: r.lead.id, score: r.score, breakdown: r.breakdown })),
    now,
  )
  const moved = results.filter((r) => r.lead.score !== r.score)
  // `silent`: freshly loaded data (the demo) has no earlier score to move from.
  if (moved.length && !opts.silent) {
    const ctx = leadSystemCtx(ws, deps.events)
    await ctx.events.emit(
      tx,
      ctx,
      moved.map((r) => ({
        type: 'lead.scored',
        entityType: 'lead',
        entityId: r.lead.id,
        payload: { from: r.lead.score, to: r.score, hot: isHot(r.score, config.threshold) },
      })),
    )
  }
  let routed = 0
  if (config.routing.enabled) {
    for (const r of results) {
      const l = r.lead
      if (!isHot(r.score, config.threshold) || l.routedAt || l.ownerId || !routable.has(l.status)) continue
      if (await routeLead(tx, deps, ws, config, l, r.score)) routed++
    }
  }
  return {
    scored: results.length,
    changed: moved.length,
    routed,
    lastId: list.length === PAGE ? list[list.length - 1]!.id : null,
  }
}

/** The nightly rescoring (behaviour decays): every open lead of every workspace, a page per transaction. */
export async function rescoreAllLeads(db: Db, deps: LeadDeps, ws?: string) {
  const list = ws
    ? [ws]
    : (
        await db
          .selectDistinct({ ws: leads.workspaceId })
          .from(leads)
          .where(and(isNull(leads.deletedAt), inArray(leads.status, [...routable])))
      ).map((r) => r.ws)
  const total = { scored: 0, changed: 0, routed: 0 }
  for (const w of list) {
    let afterId: string | undefined
    for (;;) {
      const r = await db.transaction((tx) => rescoreLeads(tx, deps, w, { afterId }))
      total.scored += r.scored
      total.changed += r.changed
      total.routed += r.routed
      if (!r.lastId) break
      afterId = r.lastId
    }
  }
  return { workspaces: list.length, ...total }
}
