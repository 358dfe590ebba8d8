import { and, asc, eq, isNull, lte, sql } from 'drizzle-orm'
import type { Executor } from '../../core/db/types'
import { handoffSettings, handoffs } from './handoff.table'

export const findSettingsRow = async (tx: Executor, ws: string, forUpdate = false) => {
  const q = tx.select().from(handoffSettings).where(eq(handoffSettings.workspaceId, ws))
  return (forUpdate ? await q.for('update') : await q)[0] ?? null
}

export const saveSettingsRow = async (
  tx: Executor,
  ws: string,
  values: {
    checklist: { key: string; label: string }[]
    dueHours: number
    validationDays: number
    version: number
  },
  userId: string | null,
) =>
  (
    await tx
      .insert(handoffSettings)
      .values({ workspaceId: ws, ...values, updatedAt: new Date(), updatedBy: userId })
      .onConflictDoUpdate({
        target: handoffSettings.workspaceId,
        set: {
          checklist: sql`excluded.checklist`,
          dueHours: sql`excluded.due_hours`,
          validationDays: sql`excluded.validation_days`,
          version: sql`excluded.version`,
          updatedAt: sql`excluded.updated_at`,
          updatedBy: sql`excluded.updated_by`,
        },
      })
      .returning()
  )[0]!

/** The handoff of an opportunity, deleted or not (there is at most one). */
export const findByOpportunity = async (tx: Executor, ws: string, opportunityId: string) =>
  (
    await tx
      .select({ id: handoffs.id })
      .from(handoffs)
      .where(and(eq(handoffs.workspaceId, ws), eq(handoffs.opportunityId, opportunityId)))
  )[0] ?? null

/** Locks one handoff row for a state change (escalation, submission) and returns it. */
export const lockHandoff = async (tx: Executor, ws: string, id: string) =>
  (
    await tx
      .select()
      .from(handoffs)
      .where(and(eq(handoffs.workspaceId, ws), eq(handoffs.id, id)))
      .for('update')
  )[0] ?? null

export type EscalationKind = 'handoff' | 'validation'

/** Handoffs past a deadline and not escalated for it yet, oldest first. */
export const dueForEscalation = (db: Executor, kind: EscalationKind, now: Date, ws?: string, limit = 500) => {
  const t = handoffs
  const where =
    kind === 'handoff'
      ? and(eq(t.status, 'open'), lte(t.dueAt, now), isNull(t.escalatedAt))
      : and(eq(t.status, 'submitted'), lte(t.validationDueAt, now), isNull(t.validationEscalatedAt))
  return db
    .select({ id: t.id, workspaceId: t.workspaceId })
    .from(t)
    .where(and(ws ? eq(t.workspaceId, ws) : undefined, isNull(t.deletedAt), where))
    .orderBy(asc(kind === 'handoff' ? t.dueAt : t.validationDueAt))
    .limit(limit)
}

/** The first-year value goal of an account's latest handoff that has one (for the value report). */
export const latestValueGoal = async (tx: Executor, ws: string, accountId: string): Promise<string | null> =>
  (
    await tx
      .select({ goal: handoffs.valueGoal })
      .from(handoffs)
      .where(
        and(
          eq(handoffs.workspaceId, ws),
          eq(handoffs.accountId, accountId),
          isNull(handoffs.deletedAt),
          sql`coalesce(${handoffs.valueGoal}, '') <> ''`,
        ),
      )
      .orderBy(sql`${handoffs.createdAt} desc`)
      .limit(1)
  )[0]?.goal ?? null
