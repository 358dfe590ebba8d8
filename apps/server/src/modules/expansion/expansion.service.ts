import type { ExpansionSuggestion } from '@openkam/contract'
import { systemCtx, type Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import type { EventSink } from '../../core/events/bus'
import { accountCollection, workspacesWithAccounts } from '../accounts'
import { opportunityCollection } from '../opportunities'
import { loadTierRules } from '../tiers'
import { candidatesFor, defaultExpansionSettings, newCandidates } from './expansion-rules'
import { opportunityNameOf, reasonOf } from './expansion-texts'
import { expansionSuggestionCollection as suggestions } from './expansion.collection'
import { accountFacts, lockSuggestion, lockWorkspaceRun, settledBases } from './expansion.repository'

type Row = Record<string, any>
type Lang = 'en' | 'zh-CN'
const DAY = 86_400_000
/** Renewals this close make an occasion to propose more. */
export const RENEWAL_WINDOW_DAYS = 90
/** A basis accepted or dismissed is not suggested again for this long. */
export const QUIET_DAYS = 90
const dayOf = (d: Date) => d.toISOString().slice(0, 10)

/** One workspace's run, in one transaction: the new suggestions the rules support, none twice. */
async function generateFor(tx: Executor, events: EventSink, ws: string, now: Date) {
  await lockWorkspaceRun(tx, ws)
  const today = dayOf(now)
  const tiers = await loadTierRules(tx, ws)
  const { facts, owners } = await accountFacts(
    tx,
    ws,
    today,
    dayOf(new Date(now.getTime() + RENEWAL_WINDOW_DAYS * DAY)),
  )
  const { open, closed } = await settledBases(tx, ws, new Date(now.getTime() - QUIET_DAYS * DAY))
  const fresh = newCandidates(
    candidatesFor(facts, defaultExpansionSettings(Number(tiers.strategicMin))),
    open,
    closed,
  )
  const ctx = systemCtx(ws, events)
  for (const c of fresh)
    await suggestions.create(tx, ctx, { ...c, status: 'open', ownerId: owners.get(c.accountId) ?? null })
  return fresh.length
}

/**
 * Suggests cross-sell and upsell for every account of `ws` (or of every workspace) from usage, peers,
 * renewals and tier; each workspace in its own transaction (a savepoint when given one, e.g. the demo seed).
 */
export async function generateSuggestions(db: Executor, events: EventSink, ws?: string, now = new Date()) {
  let created = 0
  for (const w of ws ? [ws] : await workspacesWithAccounts(db))
    created += await db.transaction((tx) => generateFor(tx, events, w, now))
  return { created }
}

/** A suggestion as the reader gets it: the reason in their language. */
export const suggestionView = (r: Row, lang: Lang): ExpansionSuggestion => ({
  id: r.id,
  accountId: r.accountId,
  kind: r.kind,
  rule: r.rule,
  basis: r.basis,
  reason: reasonOf(r.rule, r.evidence, lang),
  evidence: r.evidence,
  status: r.status,
  opportunityId: r.opportunityId ?? null,
  acceptedAt: r.acceptedAt ?? null,
  dismissReason: r.dismissReason ?? null,
  dismissedAt: r.dismissedAt ?? null,
  ownerId: r.ownerId ?? null,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  version: r.version,
})

/** The suggestion, locked, if the person sees it (404 otherwise) and it is still open (409 otherwise). */
async function openSuggestion(tx: Executor, ctx: Ctx, id: string): Promise<Row> {
  await lockSuggestion(tx, ctx.ws, id)
  const rec = (await suggestions.get(tx, ctx, id)) as Row
  if (rec.status === 'accepted')
    throw new AppError(
      'conflict',
      'expansion_suggestion_accepted',
      `The suggestion was accepted already; its opportunity is ${rec.opportunityId}`,
    )
  if (rec.status === 'dismissed')
    throw new AppError('conflict', 'expansion_suggestion_dismissed', 'The suggestion was dismissed already')
  return rec
}

/**
 * Accepts a suggestion: creates the opportunity (type upsell or cross-sell, the reason as its description,
 * owned by the person accepting), links it to the suggestion, and raises `expansion_suggestion.accepted`,
 * all in the caller's transaction. A second accept is a 409.
 */
export async function acceptSuggestion(tx: Executor, ctx: Ctx, id: string, lang: Lang): Promise<any> {
  const rec = await openSuggestion(tx, ctx, id)
  const account = (await accountCollection.get(tx, ctx, rec.accountId)) as Row
  const estimate = rec.evidence?.estimatedAmount
  const opportunity = (await opportunityCollection.create(tx, ctx, {
    accountId: rec.accountId,
    name: opportunityNameOf(account.name, rec.kind, rec.evidence, lang),
    type: rec.kind === 'cross_sell' ? 'cross_sell' : 'upsell',
    status: 'open',
    ...(typeof estimate === 'number' ? { amount: estimate, currency: account.currency ?? 'CNY' } : {}),
    source: 'expansion_suggestion',
    description: reasonOf(rec.rule, rec.evidence, lang),
    ownerId: ctx.principal.userId ?? account.ownerId ?? null,
  })) as Row
  const updated = (await suggestions.update(tx, ctx, id, {
    status: 'accepted',
    opportunityId: opportunity.id,
    acceptedAt: new Date(),
    acceptedBy: ctx.principal.userId,
    version: rec.version,
  })) as Row
  await ctx.events.emit(tx, ctx, [
    {
      type: 'expansion_suggestion.accepted',
      entityType: 'expansion_suggestion',
      entityId: id,
      payload: { record: updated, opportunityId: opportunity.id },
    },
  ])
  return opportunity
}

/** Dismisses a suggestion with the person's reason (400 without one) and raises `expansion_suggestion.dismissed`. */
export async function dismissSuggestion(tx: Executor, ctx: Ctx, id: string, reason: string | undefined) {
  const why = reason?.trim()
  if (!why)
    throw new AppError(
      'invalid',
      'dismiss_reason_required',
      'Say why the suggestion is dismissed: send {"reason": "…"}',
      { errors: [{ path: 'reason', message: 'required: say why the suggestion does not fit' }] },
    )
  const rec = await openSuggestion(tx, ctx, id)
  const updated = (await suggestions.update(tx, ctx, id, {
    status: 'dismissed',
    dismissReason: why,
    dismissedAt: new Date(),
    dismissedBy: ctx.principal.userId,
    version: rec.version,
  })) as Row
  await ctx.events.emit(tx, ctx, [
    {
      type: 'expansion_suggestion.dismissed',
      entityType: 'expansion_suggestion',
      entityId: id,
      payload: { record: updated, reason: why },
    },
  ])
  return updated
}
