import type { SegmentMatrix, SegmentSettings } from '@openkam/contract'
import { scopeFor } from '../../core/access/permissions'
import { recordAudit } from '../../core/audit/audit'
import type { Ctx } from '../../core/context'
import type { Executor } from '../../core/db/types'
import { AppError } from '../../core/errors'
import { accountCollection } from '../accounts'
import {
  accountRows,
  findSegmentSettings,
  insertSegmentSettings,
  segmentCounts,
  segmentInputs,
  setSegments,
  updateSegmentSettingsRow,
} from './qualification.repository'
import type { SegmentCellSetting, SizeThresholds } from './qualification.table'
import {
  cellSetting,
  defaultThresholds,
  maturityOf,
  maturityOrder,
  parseSegmentKey,
  segmentKey,
  sizeBandOf,
  sizeOrder,
  type Maturity,
  type SizeBand,
} from './segment'

/** Segment and demand maturity are derived from these account fields; their changes need no recompute. */
export const derivedAccountFields = new Set(['segment', 'demandMaturity', 'potential', 'icpFit', 'icpId'])

const today = (now: Date) => now.toISOString().slice(0, 10)

/** The workspace's settings, or the defaults when it has none yet. */
export async function settingsOf(tx: Executor, ws: string) {
  const s = await findSegmentSettings(tx, ws)
  return {
    thresholds: s?.thresholds ?? defaultThresholds,
    cells: s?.cells ?? {},
    version: s?.version ?? 0,
    updatedAt: s?.updatedAt ?? null,
  }
}

/**
 * Places some accounts in their segment `industry:size:maturity` (SPEC R-03), set-based, in the
 * caller's transaction. A segment set by hand (any value that is not such a key) is kept — accepted
 * data is never overwritten — until someone clears it. Changed accounts get an audit entry and `account.updated` (changed: segment,
 * demandMaturity) so health models and rules that depend on the segment follow — unless `silent`
 * (bulk loads). Returns the number of accounts whose segment changed.
 */
export async function recomputeSegments(
  tx: Executor,
  ctx: Ctx,
  accountIds: string[],
  opts: { silent?: boolean; now?: Date } = {},
): Promise<number> {
  if (!accountIds.length) return 0
  const { thresholds } = await settingsOf(tx, ctx.ws)
  const inputs = await segmentInputs(tx, ctx.ws, [...new Set(accountIds)], today(opts.now ?? new Date()))
  const changes: {
    id: string
    segment: string
    maturity: string
    before: { segment: string | null; demandMaturity: string | null }
  }[] = []
  for (const a of inputs) {
    // A segment typed by hand (not a derived key) is the person's call: kept, with its maturity.
    if (a.segment && !parseSegmentKey(a.segment)) continue
    const size = sizeBandOf(
      {
        employees: a.employees,
        annualRevenue: a.annual_revenue === null ? null : Number(a.annual_revenue),
        sizeBand: a.size_band,
      },
      thresholds,
    )
    const maturity = maturityOf({ customer: a.customer, openStages: a.open_stages ?? [] })
    const segment = segmentKey(a.industry, size, maturity)
    if (segment !== a.segment || maturity !== a.demand_maturity)
      changes.push({
        id: a.id,
        segment,
        maturity,
        before: { segment: a.segment, demandMaturity: a.demand_maturity },
      })
  }
  await setSegments(tx, ctx.ws, changes)
  if (opts.silent || !changes.length) return changes.length
  const byId = new Map(changes.map((c) => [c.id, c]))
  const rows = await accountRows(tx, ctx.ws, [...byId.keys()])
  await recordAudit(
    tx,
    ctx,
    changes.map((c) => ({
      action: 'segment_changed',
      entityType: 'account',
      entityId: c.id,
      before: c.before,
      after: { segment: c.segment, demandMaturity: c.maturity },
    })),
  )
  await ctx.events.emit(
    tx,
    ctx,
    rows.map((r) => {
      const c = byId.get(r.id)!
      return {
        type: 'account.updated',
        entityType: 'account',
        entityId: r.id,
        payload: {
          record: accountCollection.def.toRecord(r),
          changed: ['segment', 'demandMaturity'].filter((k) =>
            k === 'segment' ? c.before.segment !== c.segment : c.before.demandMaturity !== c.maturity,
          ),
          before: c.before as never,
        },
      }
    }),
  )
  return changes.length
}

/** The template's settings (default thresholds and the cells' texts), unless the workspace has some. */
export async function installSegmentSettings(
  tx: Executor,
  ws: string,
  cells: Record<string, SegmentCellSetting>,
) {
  if (await findSegmentSettings(tx, ws)) return false
  await insertSegmentSettings(tx, ws, { thresholds: defaultThresholds, cells, template: 'default' })
  return true
}

export async function getSegmentSettings(tx: Executor, ctx: Ctx): Promise<SegmentSettings> {
  if (scopeFor(ctx.principal, 'segment-settings', 'read') === 'none')
    throw new AppError('forbidden', 'forbidden', 'Your role may not read the segment settings')
  const s = await settingsOf(tx, ctx.ws)
  return { ...s, updatedAt: s.updatedAt ? s.updatedAt.toISOString() : null }
}

/**
 * Changes the thresholds and cells (administrators: update on `segment-settings` for all). Cells not
 * named are kept; a cell set to null is removed. Stale `version` → 409. Audited; emits
 * `segment_settings.updated` (the worker re-segments every account when the thresholds changed).
 */
export async function putSegmentSettings(
  tx: Executor,
  ctx: Ctx,
  body: {
    version: number
    thresholds?: SizeThresholds
    cells?: Record<string, SegmentCellSetting | null>
  },
): Promise<SegmentSettings> {
  if (scopeFor(ctx.principal, 'segment-settings', 'update') !== 'all')
    throw new AppError('forbidden', 'forbidden', 'Only administrators may change the segment settings')
  await insertSegmentSettings(tx, ctx.ws, { thresholds: defaultThresholds, cells: {}, template: null })
  const current = (await findSegmentSettings(tx, ctx.ws, true))!
  if (current.version !== body.version)
    throw new AppError(
      'conflict',
      'version_conflict',
      'The segment settings were changed by someone else since you read them; reload them and apply your change again',
      { current: { version: current.version } },
    )
  const cells = { ...current.cells }
  for (const [k, v] of Object.entries(body.cells ?? {})) {
    if (v === null) delete cells[k]
    else cells[k] = v
  }
  const thresholds = body.thresholds ?? current.thresholds
  const thresholdsChanged = JSON.stringify(thresholds) !== JSON.stringify(current.thresholds)
  const saved = await updateSegmentSettingsRow(tx, ctx, thresholds, cells)
  await recordAudit(tx, ctx, [
    {
      action: 'update',
      entityType: 'segment_settings',
      entityId: null,
      before: { thresholds: current.thresholds, cells: current.cells },
      after: { thresholds, cells },
    },
  ])
  await ctx.events.emit(tx, ctx, [
    {
      type: 'segment_settings.updated',
      entityType: 'segment_settings',
      entityId: null,
      payload: { thresholdsChanged, version: saved.version },
    },
  ])
  return { thresholds, cells, version: saved.version, updatedAt: saved.updatedAt.toISOString() }
}

const toCents = (s: string) => {
  const [i, f = ''] = s.split('.')
  const neg = i!.startsWith('-')
  const v = BigInt(i!.replace('-', '') || '0') * 100n + BigInt((f + '00').slice(0, 2))
  return neg ? -v : v
}
const fromCents = (c: bigint) => {
  const neg = c < 0n
  const a = neg ? -c : c
  return `${neg ? '-' : ''}${a / 100n}.${String(a % 100n).padStart(2, '0')}`
}

/**
 * The segment matrix (SPEC R-03): size band × demand maturity, each cell with its accounts, their annual
 * spend (ARR), average health, strategy and service level; optionally for one industry. Only the accounts
 * the person reads are counted.
 */
export async function segmentMatrix(
  tx: Executor,
  ctx: Ctx,
  q: { industry?: string },
): Promise<SegmentMatrix> {
  const vis = accountCollection.visibility(ctx, accountCollection.scope(ctx, 'read'))
  const { cells: settings } = await settingsOf(tx, ctx.ws)
  const rows = await segmentCounts(tx, ctx.ws, vis)
  type Acc = { count: number; arr: bigint; healthSum: number; healthCount: number; segments: Set<string> }
  const acc = new Map<string, Acc>()
  const industries = new Map<string, number>()
  let total = 0
  let unsegmented = 0
  for (const r of rows) {
    total += r.count
    const p = r.segment ? parseSegmentKey(r.segment) : null
    if (!p) {
      unsegmented += r.count
      continue
    }
    industries.set(p.industry, (industries.get(p.industry) ?? 0) + r.count)
    if (q.industry && p.industry !== q.industry) continue
    const key = `${p.size}:${p.maturity}`
    const a = acc.get(key) ?? { count: 0, arr: 0n, healthSum: 0, healthCount: 0, segments: new Set<string>() }
    a.count += r.count
    a.arr += toCents(r.arr)
    a.healthSum += r.healthSum === null ? 0 : Number(r.healthSum)
    a.healthCount += r.healthCount
    a.segments.add(r.segment!)
    acc.set(key, a)
  }
  const cells = sizeOrder.flatMap((size: SizeBand) =>
    maturityOrder.map((maturity: Maturity) => {
      const a = acc.get(`${size}:${maturity}`)
      const s = cellSetting(settings, q.industry ?? null, size, maturity)
      return {
        key: `${size}:${maturity}`,
        size,
        maturity,
        count: a?.count ?? 0,
        arr: fromCents(a?.arr ?? 0n),
        avgHealth: a && a.healthCount ? Math.round((a.healthSum / a.healthCount) * 10) / 10 : null,
        strategy: s.strategy,
        serviceLevel: s.serviceLevel,
        segments: a ? [...a.segments].sort() : [],
      }
    }),
  )
  return {
    industry: q.industry ?? null,
    sizes: sizeOrder,
    maturities: maturityOrder,
    industries: [...industries]
      .map(([industry, count]) => ({ industry, count }))
      .sort((x, y) => y.count - x.count),
    cells,
    total,
    unsegmented,
  }
}

/** The segment of one account with its cell's strategy and service level. */
export async function accountSegment(tx: Executor, ctx: Ctx, accountId: string) {
  const a = await accountCollection.get(tx, ctx, accountId)
  const p = a.segment ? parseSegmentKey(a.segment) : null
  const { cells } = await settingsOf(tx, ctx.ws)
  const s = p ? cellSetting(cells, p.industry, p.size, p.maturity) : { strategy: null, serviceLevel: null }
  return {
    accountId,
    segment: a.segment ?? null,
    industry: p?.industry ?? a.industry ?? 'other',
    size: p?.size ?? 'unknown',
    maturity: p?.maturity ?? 'awareness',
    ...s,
  }
}
