import type { DashboardData } from '@openkam/contract'

export const CACHE_TTL_MS = 5 * 60_000
export const CACHE_CAP = 500
/** At most this much answer text (characters of JSON) in the cache, whatever the number of entries. */
export const CACHE_MAX_CHARS = 64 * 1024 * 1024

type Entry<V> = { value: V; at: number; size: number; ws: string; dashboardId: string; reportIds: string[] }
type Meta<V> = Omit<Entry<V>, 'value' | 'at' | 'size'>

/**
 * A small in-process LRU with a time to live (a Map keeps insertion order: a hit moves its entry to the
 * end, the oldest goes first when full). Entries remember their workspace, dashboard and reports so a
 * write to either drops them.
 */
export class LruTtl<V> {
  private readonly map = new Map<string, Entry<V>>()
  private chars = 0

  constructor(
    readonly cap = CACHE_CAP,
    readonly ttlMs = CACHE_TTL_MS,
    readonly maxChars = CACHE_MAX_CHARS,
  ) {}

  private remove(key: string) {
    const e = this.map.get(key)
    if (!e) return undefined
    this.map.delete(key)
    this.chars -= e.size
    return e
  }

  get(key: string, now = Date.now()): V | undefined {
    const e = this.remove(key)
    if (!e || now - e.at > this.ttlMs) return undefined
    this.map.set(key, e)
    this.chars += e.size
    return e.value
  }

  /** Keeps `value` (of `size` characters as JSON); the least recently used go while over a limit. */
  set(key: string, value: V, meta: Meta<V>, size = 0, now = Date.now()) {
    this.remove(key)
    if (size > this.maxChars) return
    this.map.set(key, { value, at: now, size, ...meta })
    this.chars += size
    while (this.map.size > this.cap || this.chars > this.maxChars) this.remove(this.map.keys().next().value!)
  }

  /** Drops the entries `test` picks. */
  drop(test: (e: Omit<Entry<V>, 'value'>) => boolean) {
    for (const [k, e] of [...this.map]) if (test(e)) this.remove(k)
  }

  get size() {
    return this.map.size
  }

  /** Characters of JSON held. */
  get weight() {
    return this.chars
  }

  clear() {
    this.map.clear()
    this.chars = 0
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
