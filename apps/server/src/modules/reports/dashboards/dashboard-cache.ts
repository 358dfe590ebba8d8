import type { DashboardData } from '@openkam/contract'

export const CACHE_TTL_MS = 5 * 60_000
export const CACHE_CAP = 500

type Entry<V> = { value: V; at: number; ws: string; dashboardId: string; reportIds: string[] }

/**
 * A small in-process LRU with a time to live (a Map keeps insertion order: a hit moves its entry to the
 * end, the oldest goes first when full). Entries remember their workspace, dashboard and reports so a
 * write to either drops them.
 */
export class LruTtl<V> {
  private readonly map = new Map<string, Entry<V>>()

  constructor(
    readonly cap = CACHE_CAP,
    readonly ttlMs = CACHE_TTL_MS,
  ) {}

  get(key: string, now = Date.now()): V | undefined {
    const e = this.map.get(key)
    if (!e) return undefined
    this.map.delete(key)
    if (now - e.at > this.ttlMs) return undefined
    this.map.set(key, e)
    return e.value
  }

  set(key: string, value: V, meta: Omit<Entry<V>, 'value' | 'at'>, now = Date.now()) {
    this.map.delete(key)
    this.map.set(key, { value, at: now, ...meta })
    while (this.map.size > this.cap) this.map.delete(this.map.keys().next().value!)
  }

  /** Drops the entries `test` picks. */
  drop(test: (e: Omit<Entry<V>, 'value'>) => boolean) {
    for (const [k, e] of this.map) if (test(e)) this.map.delete(k)
  }

  get size() {
    return this.map.size
  }

  clear() {
    this.map.clear()
  }
}

/** Dashboard data per (workspace, dashboard and version, the reader's visibility, filter set). */
export const dashboardCache = new LruTtl<DashboardData>()

/** Forgets a dashboard's cached data (any write to it). */
export const forgetDashboard = (ws: string, dashboardId: string) =>
  dashboardCache.drop((e) => e.ws === ws && e.dashboardId === dashboardId)

/** Forgets the cached data of every dashboard showing a saved report (any write to the report). */
export const forgetReport = (ws: string, reportId: string) =>
  dashboardCache.drop((e) => e.ws === ws && e.reportIds.includes(reportId))

/** A stable text of a value: object keys sorted, undefined left out. */
export function stableKey(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? ''
  if (Array.isArray(v)) return `[${v.map(stableKey).join(',')}]`
  const o = v as Record<string, unknown>
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableKey(o[k])}`)
    .join(',')}}`
}
