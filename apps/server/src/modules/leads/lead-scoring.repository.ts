import { and, asc, eq, gt, inArray, isNull, ne, or, sql } from 'drizzle-orm'
import type { LeadScoreBreakdown, LeadScoringConfig } from '@openkam/contract'
import type { Executor } from '../../core/db/types'
import { leadEvents, leads, leadScoringSettings } from './lead.table'

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows

export const findScoringRow = async (tx: Executor, ws: string, forUpdate = false) => {
  const q = tx.select().from(leadScoringSettings).where(eq(leadScoringSettings.workspaceId, ws))
  return (forUpdate ? await q.for('update') : await q)[0] ?? null
}

export const saveScoringRow = async (
  tx: Executor,
  ws: string,
  config: LeadScoringConfig,
  version: number,
  userId: string | null,
) =>
  (
    await tx
      .insert(leadScoringSettings)
      .values({ workspaceId: ws, config, version, updatedAt: new Date(), updatedBy: userId })
      .onConflictDoUpdate({
        target: leadScoringSettings.workspaceId,
        set: {
          config: sql`excluded.config`,
          version: sql`excluded.version`,
          updatedAt: sql`excluded.updated_at`,
          updatedBy: sql`excluded.updated_by`,
        },
      })
      .returning()
  )[0]!

/** Takes the next round-robin turn atomically (the row is created with the defaults when missing). */
export async function nextTurn(tx: Executor, ws: string, defaults: LeadScoringConfig): Promise<number> {
  const r = rowsOf<{ turn: number }>(
    await tx.execute(sql`
      insert into lead_scoring_settings (workspace_id, config, turn, version)
      values (${ws}, ${JSON.stringify(defaults)}::jsonb, 0, 1)
      on conflict (workspace_id) do update set turn = lead_scoring_settings.turn + 1
      returning turn`),
  )
  return r[0]?.turn ?? 0
}

/** Leads to score: not deleted, not converted (unless never scored); by ids or a page after `afterId`. */
export async function leadsToScore(
  tx: Executor,
  ws: string,
  opts: { ids?: string[]; afterId?: string; limit: number },
) {
  return tx
    .select()
    .from(leads)
    .where(
      and(
        eq(leads.workspaceId, ws),
        isNull(leads.deletedAt),
        // Converted leads keep the score they converted with (scored once if they never were).
        or(ne(leads.status, 'converted'), isNull(leads.scoredAt)),
        opts.ids ? inArray(leads.id, opts.ids) : undefined,
        opts.afterId ? gt(leads.id, opts.afterId) : undefined,
      ),
    )
    .orderBy(asc(leads.id))
    .limit(opts.limit)
}

/** The behaviour of some leads: their own events and the marketing touches linked to them. */
export async function behaviourOf(tx: Executor, ws: string, ids: string[]) {
  if (!ids.length) return new Map<string, { kind: string; at: Date }[]>()
  const own = await tx
    .select({ leadId: leadEvents.leadId, kind: leadEvents.kind, at: leadEvents.at })
    .from(leadEvents)
    .where(and(eq(leadEvents.workspaceId, ws), inArray(leadEvents.leadId, ids)))
  // Marketing touches that name the lead. Raw SQL on purpose: the marketing module imports this one
  // (touches reference leads), so importing it back would make a cycle.
  const touches = rowsOf<{ leadId: string; kind: string; at: Date | string }>(
    await tx.execute(sql`
      select lead_id as "leadId", kind, occurred_at as "at" from marketing_touches
      where workspace_id = ${ws} and deleted_at is null and lead_id in (${sql.join(
        ids.map((i) => sql`${i}::uuid`),
        sql`, `,
      )})`),
  ).map((r) => ({ ...r, at: new Date(r.at) }))
  const out = new Map<string, { kind: string; at: Date }[]>()
  for (const e of [...own, ...touches]) {
    const list = out.get(e.leadId!) ?? []
    list.push({ kind: e.kind, at: e.at })
    out.set(e.leadId!, list)
  }
  return out
}

/** Writes many scores in one statement. */
export async function writeScores(
  tx: Executor,
  ws: string,
  rows: { id: string; score: number; breakdown: LeadScoreBreakdown }[],
  at: Date,
) {
  if (!rows.length) return
  const json = JSON.stringify(rows.map((r) => ({ id: r.id, score: r.score, b: r.breakdown })))
  await tx.execute(sql`
    update leads l set score = v.score, score_breakdown = v.b, scored_at = ${at.toISOString()}::timestamptz
    from json_to_recordset(${json}::json) as v(id uuid, score int, b jsonb)
    where l.workspace_id = ${ws} and l.id = v.id`)
}

/** Claims a lead for routing: true once, whoever asks first. */
export async function claimRouting(tx: Executor, ws: string, id: string, at: Date) {
  const r = await tx
    .update(leads)
    .set({ routedAt: at })
    .where(and(eq(leads.workspaceId, ws), eq(leads.id, id), isNull(leads.routedAt)))
    .returning({ id: leads.id })
  return r.length > 0
}

export const insertLeadEvents = (tx: Executor, rows: (typeof leadEvents.$inferInsert)[]) =>
  rows.length ? tx.insert(leadEvents).values(rows) : Promise.resolve()

export const listLeadEvents = (tx: Executor, ws: string, leadId: string) =>
  tx
    .select()
    .from(leadEvents)
    .where(and(eq(leadEvents.workspaceId, ws), eq(leadEvents.leadId, leadId)))
    .orderBy(sql`${leadEvents.at} desc`)
    .limit(500)
