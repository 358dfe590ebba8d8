import type { EventHandler } from '../../core/events/registry'
import type { EventSink } from '../../core/events/bus'
import type { JobQueue } from '../../core/jobs/jobs'
import { REQUALIFY_JOB } from './qualification.jobs'
import { requalify } from './qualification.service'
import { derivedAccountFields } from './segment.service'
import { systemCtx } from '../../core/context'

const recordEvents = (entity: string) =>
  ['created', 'updated', 'deleted', 'restored'].map((a) => `${entity}.${a}`)

/**
 * Keeps an account's ICP fits and segment current: its own changes recompute both (changes of the derived
 * fields alone do not, which also ends the loop of our own writes — except a segment cleared by hand);
 * deals and contracts move its demand maturity, so they recompute the segment.
 */
export const qualificationAccountsHandler = (deps: { events: EventSink }): EventHandler => ({
  name: 'qualification.accounts',
  events: [
    'account.created',
    'account.updated',
    'account.restored',
    ...recordEvents('opportunity'),
    ...recordEvents('contract'),
  ],
  async handle(tx, event) {
    const p = event.payload as {
      record?: { id?: string; accountId?: string }
      before?: { accountId?: string }
      changed?: string[]
    }
    const ctx = systemCtx(event.workspaceId, deps.events)
    if (event.entityType === 'account') {
      const changed = p.changed ?? []
      // A cleared segment is derived again; other changes of derived fields alone need nothing.
      const cleared = changed.includes('segment') && !(p.record as { segment?: string | null })?.segment
      if (event.type === 'account.updated' && !cleared && changed.every((c) => derivedAccountFields.has(c)))
        return
      const id = p.record?.id ?? event.entityId
      if (id) await requalify(tx, ctx, [id])
      return
    }
    const ids = [p.record?.accountId, p.before?.accountId].filter((x): x is string => !!x)
    if (ids.length) await requalify(tx, ctx, ids, { fits: false })
  },
})

/**
 * An ICP or the size thresholds changed, or accounts were imported: every account of the workspace is
 * requalified in the background.
 */
export const qualificationConfigHandler = (deps: { jobs: JobQueue }): EventHandler => ({
  name: 'qualification.config',
  events: [...recordEvents('icp'), 'segment_settings.updated', 'import.completed'],
  async handle(tx, event) {
    // Imported accounts come with one summary event, not one per account (ADR 0007).
    if (event.type === 'import.completed') {
      const p = event.payload as { object?: string; created?: number }
      if (p.object !== 'accounts' || !p.created) return
    }
    if (
      event.type === 'segment_settings.updated' &&
      !(event.payload as { thresholdsChanged?: boolean }).thresholdsChanged
    )
      return
    if (event.type === 'icp.updated') {
      const changed = (event.payload as { changed?: string[] }).changed ?? []
      if (!changed.some((c) => c === 'dimensions' || c === 'active')) return
    }
    await deps.jobs.send(
      tx,
      REQUALIFY_JOB,
      { ws: event.workspaceId },
      { singletonKey: `requalify:${event.workspaceId}` },
    )
  },
})
