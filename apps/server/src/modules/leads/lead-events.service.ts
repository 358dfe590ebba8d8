import type { z } from 'zod'
import type { LeadEventsInput } from '@openkam/contract'
import { recordAudit } from '../../core/audit/audit'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import { newId } from '../../core/ids'
import { insertLeadEvents, listLeadEvents } from './lead-scoring.repository'
import { rescoreLeads, type LeadDeps } from './lead-scoring.service'
import { leadCollection } from './lead.collection'

const eventOut = (e: Awaited<ReturnType<typeof listLeadEvents>>[number]) => ({
  id: e.id,
  leadId: e.leadId,
  kind: e.kind,
  at: e.at.toISOString(),
  title: e.title,
  url: e.url,
  source: e.source as 'api' | 'form' | 'marketing',
})

/**
 * Records what a lead did (page visits, clicks, events attended) and rescores it at once, in one
 * transaction. Whoever may see the lead may record its behaviour.
 */
export async function recordLeadEvents(
  tx: Executor,
  ctx: Ctx,
  deps: LeadDeps,
  leadId: string,
  input: z.infer<typeof LeadEventsInput>,
) {
  const lead = (await leadCollection.get(tx, ctx, leadId)) as { id: string; status: string }
  const list = Array.isArray(input) ? input : [input]
  const now = new Date()
  const future = list.findIndex((e) => e.at && new Date(e.at).getTime() > now.getTime() + 5 * 60_000)
  if (future >= 0)
    throw new AppError('invalid', 'invalid_input', 'A lead event cannot lie in the future', {
      errors: [{ path: Array.isArray(input) ? `${future}.at` : 'at', message: 'must not be in the future' }],
    })
  const rows = list.map((e) => ({
    id: newId(),
    workspaceId: ctx.ws,
    leadId,
    kind: e.kind,
    at: e.at ? new Date(e.at) : now,
    title: e.title ?? null,
    url: e.url ?? null,
    source: 'api',
    createdBy: ctx.principal.userId,
  }))
  await insertLeadEvents(tx, rows)
  await recordAudit(tx, ctx, [
    {
      action: 'lead_events_recorded',
      entityType: 'lead',
      entityId: leadId,
      after: { events: rows.map((r) => ({ kind: r.kind, at: r.at.toISOString() })) },
    },
  ])
  const r = await rescoreLeads(tx, deps, ctx.ws, { ids: [lead.id], now })
  const after = (await leadCollection.get(tx, ctx, leadId)) as Record<string, unknown>
  return { recorded: rows.length, routed: r.routed > 0, lead: after }
}

export async function leadEventsOf(tx: Executor, ctx: Ctx, leadId: string) {
  await leadCollection.get(tx, ctx, leadId)
  return { data: (await listLeadEvents(tx, ctx.ws, leadId)).map(eventOut) }
}
