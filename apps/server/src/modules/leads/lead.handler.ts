import type { EventHandler } from '../../core/events/registry'
import { rescoreLeads, type LeadDeps } from './lead-scoring.service'

/** Lead fields that scoring reads. */
const profileFields = [
  'company',
  'title',
  'email',
  'industry',
  'region',
  'source',
  'employees',
  'status',
  'score',
]

/**
 * Keeps scores current: a new or restored lead, a change of a field scoring reads, or a marketing touch
 * linked to a lead rescores it (and routes it if it became hot), in the handler's own transaction. The
 * scorer's own writes (score, routing's owner change) do not loop: a written score that equals the
 * computed one changes nothing. Imported leads come with one summary event (ADR 0007): the workspace's
 * leads are rescored (and routed, once each) by the `leads_rescore` job.
 */
export const leadScoringHandler = (deps: LeadDeps): EventHandler => ({
  name: 'leads.scoring',
  events: [
    'lead.created',
    'lead.updated',
    'lead.restored',
    'marketing_touch.created',
    'marketing_touch.updated',
    'import.completed',
  ],
  async handle(tx, event) {
    if (event.type === 'import.completed') {
      const p = event.payload as { object?: string; created?: number }
      if (p.object === 'leads' && p.created)
        await deps.jobs.send(
          tx,
          'leads_rescore',
          { ws: event.workspaceId },
          { singletonKey: `leads_rescore:${event.workspaceId}` },
        )
      return
    }
    const p = event.payload as { record?: { id?: string; leadId?: string | null }; changed?: string[] }
    let id: string | null | undefined
    if (event.type.startsWith('marketing_touch.')) id = p.record?.leadId
    else {
      if (event.type === 'lead.updated' && !p.changed?.some((c) => profileFields.includes(c))) return
      id = p.record?.id
    }
    if (!id) return
    await rescoreLeads(tx, deps, event.workspaceId, { ids: [id] })
  },
})
