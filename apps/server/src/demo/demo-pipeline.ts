import { and, eq, getTableColumns, sql } from 'drizzle-orm'
import type { PgTable } from 'drizzle-orm/pg-core'
import type { Ctx } from '../core/context'
import type { Executor } from '../core/db/types'
import { newId } from '../core/ids'
import { opportunityStageChanges } from '../modules/opportunities'
import { pipelineOf, pipelineTables } from '../modules/pipelines'
import type { Lang } from './demo-data'
import type { OpportunityRow, UserKey } from './demo-model'
import { lossReasons } from './demo-words'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const BATCH = 1000

type StageChangeRow = typeof opportunityStageChanges.$inferInsert
type DeliverableRow = typeof pipelineTables.opportunityDeliverables.$inferInsert

/** Rows of any table in batches of one JSON parameter each (as demo-insert.ts does), without audit entries. */
async function bulkInsert(tx: Executor, table: PgTable, rows: readonly Record<string, unknown>[]) {
  const columns = Object.values(getTableColumns(table))
  const names = sql.join(
    columns.map((c) => sql.identifier(c.name)),
    sql`, `,
  )
  for (let i = 0; i < rows.length; i += BATCH) {
    const json = JSON.stringify(
      rows.slice(i, i + BATCH).map((r) => {
        const out: Record<string, unknown> = {}
        for (const [key, col] of Object.entries(getTableColumns(table))) out[col.name] = r[key] ?? null
        return out
      }),
    )
    await tx.execute(
      sql`insert into ${table} (${names}) select ${names} from json_populate_recordset(null::${table}, ${json}::json)`,
    )
  }
}

/** A small deterministic hash of an id, to pick the same deals every time for the same data. */
const hash = (s: string) => [...s].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 7)

/**
 * The pipeline's side of the demo (SPEC R-08): every deal's stage history (the first stage when it was
 * created, then a forward move into each later stage, between its creation and its close — won deals
 * enter implementation when they are won), the deliverables of the stages each deal has passed (links;
 * now and then a waiver by the sales manager), and open deals blocked at the gate: every third open deal
 * in discovery and negotiation (never the largest of its stage) lacks a deliverable of its stage.
 * Also lists the demo's loss reasons in the pipeline, so that the won/lost dialog offers them.
 */
export async function seedPipelineDemo(
  tx: Executor,
  ctx: Ctx,
  deals: readonly OpportunityRow[],
  lang: Lang,
  users: Record<UserKey, string>,
): Promise<number> {
  const pipeline = await pipelineOf(tx, ctx.ws, null)
  const stages = pipeline.stages
  const now = Date.now()
  const changes: StageChangeRow[] = []
  const deliverables: DeliverableRow[] = []
  const waiverReason =
    lang === 'en'
      ? 'The customer declined a formal document; agreed in the deal review.'
      : '客户不需要正式文档；已在商机评审会上确认。'

  // Open deals blocked at the gate: every third by amount in discovery and negotiation, never the largest.
  const blocked = new Set<string>()
  for (const stage of ['discovery', 'negotiation']) {
    const open = deals
      .filter((d) => d.status === 'open' && d.stage === stage)
      .sort((a, b) => Number(b.amount ?? 0) - Number(a.amount ?? 0))
    const top = Number(open[0]?.amount ?? 0)
    open.forEach((d, i) => i % 3 === 1 && Number(d.amount ?? 0) < top && blocked.add(d.id))
  }

  /** The stage's deliverables of `keys`, attached (now and then waived) at `at`. */
  const attach = (d: OpportunityRow, stage: (typeof stages)[number], at: number, keys: string[]) =>
    stage.deliverables
      .filter((x) => keys.includes(x.key))
      .map((item): DeliverableRow => {
        const waived = hash(d.id + item.key) % 23 === 0
        return {
          id: newId(),
          workspaceId: ctx.ws,
          opportunityId: d.id,
          stage: stage.key,
          key: item.key,
          title: item.label,
          url: waived ? null : `https://docs.example.com/deals/${d.id.slice(-12)}/${item.key}.pdf`,
          fileId: null,
          waived,
          waiverReason: waived ? waiverReason : null,
          addedBy: waived ? users.mgrEast : (d.ownerId ?? null),
          addedAt: new Date(at),
        }
      })

  const implementation = stages.findIndex((s) => s.key === 'implementation')
  for (const d of deals) {
    const idx = Math.max(
      0,
      stages.findIndex((s) => s.key === d.stage),
    )
    const created = new Date(d.createdAt as Date).getTime()
    const closed =
      d.status === 'won'
        ? new Date(d.wonAt as Date).getTime()
        : d.status === 'lost'
          ? new Date(d.lostAt as Date).getTime()
          : Math.min(new Date(d.updatedAt as Date).getTime(), now)
    // When the deal entered each stage up to its current one: the selling stages spread between its
    // creation and its close; a won deal enters implementation when it is won, and later stages a month on.
    const selling = d.status === 'won' && implementation > 0 ? Math.min(idx, implementation - 1) : idx
    const span = Math.max(closed - created, (selling + 1) * HOUR)
    const entered = [created]
    for (let k = 1; k <= selling; k++) entered.push(created + Math.round((span * k) / (selling + 1)))
    for (let k = selling + 1; k <= idx; k++) {
      const at = k === implementation ? closed : Math.min(closed + 30 * DAY * (k - implementation), now - DAY)
      entered.push(Math.max(at, entered[k - 1]! + HOUR))
    }
    let passed: DeliverableRow[] = []
    entered.forEach((at, k) => {
      const stage = stages[k]!
      changes.push({
        id: newId(),
        workspaceId: ctx.ws,
        opportunityId: d.id,
        fromStage: k === 0 ? null : stages[k - 1]!.key,
        toStage: stage.key,
        direction: k === 0 ? 'initial' : 'forward',
        changedAt: new Date(at),
        changedBy: d.ownerId ?? null,
        // The waivers of the stage the deal left with this move.
        waivers: passed.filter((x) => x.waived).map((x) => ({ deliverable: x.key, reason: x.waiverReason! })),
      })
      const left = entered[k + 1]
      const keys = stage.deliverables.filter((x) => x.required).map((x) => x.key)
      const held =
        left !== undefined
          ? attach(d, stage, at + (left - at) / 2, keys) // passed: everything the gate needed
          : d.status === 'open' && blocked.has(d.id)
            ? attach(d, stage, at + HOUR, keys.length > 1 ? keys.slice(0, 1) : []) // blocked at the gate
            : d.status === 'open'
              ? attach(d, stage, at + (closed - at) / 2, keys) // ready to move on
              : d.status === 'won'
                ? attach(d, stage, at + HOUR, keys.slice(0, 1)) // work in progress
                : []
      deliverables.push(...held)
      passed = held
    })
  }
  await bulkInsert(tx, pipelineTables.opportunityDeliverables, deliverables)
  await bulkInsert(tx, opportunityStageChanges, changes)
  const p = pipelineTables.pipelines
  if (pipeline.id) {
    const reasons = [...new Set([...lossReasons.map((r) => r[lang]), ...pipeline.lossReasons])]
    await tx
      .update(p)
      .set({ lossReasons: reasons })
      .where(and(eq(p.workspaceId, ctx.ws), eq(p.id, pipeline.id)))
  }
  return changes.length + deliverables.length
}
