import type { EventHandler } from '../../core/events/registry'
import type { DomainEvent } from '../../core/events/types'
import type { Executor } from '../../core/db/types'
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
  handle: (tx, event) => requalifyFor(tx, deps.events, [event]),
  // A batch recomputes each account once (requalify reads the account as it stands, not the events).
  handleMany: (tx, events) => requalifyFor(tx, deps.events, events),
})

/** Requalifies the accounts some events touched: fits and segment for account changes, the segment for the rest. */
async function requalifyFor(tx: Executor, sink: EventSink, events: DomainEvent[]) {
  const byWs = new Map<string, { full: Set<string>; segment: Set<string> }>()
  for (const event of events) {
    const p = event.payload as {
      record?: { id?: string; accountId?: string }
      before?: { accountId?: string }
      changed?: string[]
    }
    const ws = byWs.get(event.workspaceId) ?? { full: new Set<string>(), segment: new Set<string>() }
    byWs.set(event.workspaceId, ws)
    if (event.entityType === 'account') {
      const changed = p.changed ?? []
      // A cleared segment is derived again; other changes of derived fields alone need nothing.
      const cleared = changed.includes('segment') && !(p.record as { segment?: string | null })?.segment
      if (event.type === 'account.updated' && !cleared && changed.every((c) => derivedAccountFields.has(c)))
        continue
      const id = p.record?.id ?? event.entityId
      if (id) ws.full.add(id)
      continue
    }
    for (const id of [p.record?.accountId, p.before?.accountId]) if (id) ws.segment.add(id)
  }
  for (const [wsId, { full, segment }] of byWs) {
    const ctx = systemCtx(wsId, sink)
    if (full.size) await requalify(tx, ctx, [...full])
    const rest = [...segment].filter((id) => !full.has(id))
    if (rest.length) await requalify(tx, ctx, rest, { fits: false })
  }
}

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
