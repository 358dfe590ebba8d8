import { sql } from 'drizzle-orm'
import type { GuardedWrite, WriteGuard } from '../../core/crud/write-guards'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import { enabledFlows, pendingFor } from './approval.repository'

type Row = Record<string, any>

const TTL_MS = 2000
/** Per workspace: the objects that have approval flows (any state), and when that was read. */
const governed = new Map<string, { at: number; objects: Set<string> }>()

/** Drops the cached list after a flow changes in this process (other processes re-read within 2 s). */
export const forgetGoverned = (ws: string) => governed.delete(ws)

async function governedObjects(tx: Executor, ws: string): Promise<Set<string>> {
  const hit = governed.get(ws)
  if (hit && Date.now() - hit.at < TTL_MS) return hit.objects
  const rows = (
    (await tx.execute(
      sql`select distinct object from approval_flows where workspace_id = ${ws}
          union select distinct object from approvals where workspace_id = ${ws} and status = 'pending'`,
    )) as unknown as { rows: { object: string }[] }
  ).rows
  const objects = new Set(rows.map((r) => r.object))
  governed.set(ws, { at: Date.now(), objects })
  return objects
}

const same = (a: unknown, b: unknown) => {
  if (a === b) return true
  if (a == null || b == null) return a == b
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b)
  return String(a) === String(b)
}

/** The fields a write really changes (`custom.<key>` for custom ones). */
export function touchedFields(changes: Record<string, unknown>, before: Row | null): string[] {
  const out: string[] = []
  for (const [k, v] of Object.entries(changes)) {
    if (k === 'version') continue
    if (k === 'custom' && v && typeof v === 'object') {
      for (const [ck, cv] of Object.entries(v as Row))
        if (!same(before?.custom?.[ck], cv)) out.push(`custom.${ck}`)
    } else if (!before || !same(before[k], v)) out.push(k)
  }
  return out
}

const valueIn = (changes: Record<string, unknown>, field: string) =>
  field.startsWith('custom.') ? (changes.custom as Row | undefined)?.[field.slice(7)] : changes[field]

/**
 * The approvals' veto on record writes (SPEC R-19): while a request is pending, its locked fields (all of
 * them when the flow names none) and deleting the record answer 422 `approval_pending`; setting a flow's
 * pending or approved value by hand answers 422 `approval_required` (administrators may still create a
 * record already approved, for history). The engine's own writes pass.
 */
export const approvalGuard: WriteGuard = async (tx, ctx, w: GuardedWrite) => {
  if (ctx.approvalId || ctx.principal.kind === 'system') return
  if (!(await governedObjects(tx, ctx.ws)).has(w.object)) return
  const touched = touchedFields(w.changes, w.before)
  if (w.action !== 'create' && w.id) {
    const pending = await pendingFor(tx, ctx.ws, w.object, w.id)
    if (pending) {
      const locked = pending.lockedFields ?? []
      const hit =
        w.action === 'delete'
          ? ['(delete)']
          : locked.length
            ? touched.filter((f) => locked.includes(f))
            : touched
      if (hit.length)
        throw new AppError(
          'unprocessable',
          'approval_pending',
          w.action === 'delete'
            ? 'This record is waiting for approval: recall the approval before deleting it'
            : `This record is waiting for approval; these fields are locked until it is decided: ${hit.join(', ')}`,
          {
            approvalId: pending.id,
            ...(w.action === 'delete'
              ? {}
              : { errors: hit.map((f) => ({ path: f, message: 'is locked while approval is pending' })) }),
          },
        )
    }
  }
  if (w.action === 'delete') return
  for (const flow of await enabledFlows(tx, ctx.ws, w.object)) {
    const o = flow.outcome
    if (!o || !touched.includes(o.field)) continue
    const v = valueIn(w.changes, o.field)
    // Administrators may enter an already-approved record (history, migrations); nobody creates one pending.
    if (w.action === 'create' && v === o.approved && ctx.principal.roles.includes('admin')) continue
    if (v === o.pending || v === o.approved)
      throw new AppError(
        'unprocessable',
        'approval_required',
        `${o.field} becomes ${v} only through the approval flow "${flow.name}": submit the record for approval (POST /api/v1/approvals)`,
        { errors: [{ path: o.field, message: `is set by the approval flow, not by hand` }] },
      )
  }
}
