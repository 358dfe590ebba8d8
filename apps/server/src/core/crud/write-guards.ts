import type { Ctx } from '../context'
import type { Executor } from '../db/types'

type Row = Record<string, any>

/** A write about to happen to a record of an object, as a guard sees it (before the row is written). */
export type GuardedWrite = {
  /** The object key: a collection name (contracts) or a custom object's key. */
  object: string
  action: 'create' | 'update' | 'delete'
  id: string | null
  /** The stored row before the write (null on create). */
  before: Row | null
  /** The fields the request sets, as sent (`custom` holds the custom values sent). */
  changes: Record<string, unknown>
}

/**
 * A module's veto on writes to records it governs (approvals lock a pending record, for one). It throws
 * an AppError to refuse; it runs inside the write's transaction, after permission checks.
 */
export type WriteGuard = (tx: Executor, ctx: Ctx, write: GuardedWrite) => Promise<void>

const guards: WriteGuard[] = []

/** Registers a guard once at start (core/ knows no module; modules plug in here). */
export const addWriteGuard = (g: WriteGuard) => {
  if (!guards.includes(g)) guards.push(g)
}

export async function runWriteGuards(tx: Executor, ctx: Ctx, write: GuardedWrite) {
  for (const g of guards) await g(tx, ctx, write)
}
