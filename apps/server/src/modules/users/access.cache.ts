import type { AccessRow } from './access.repository'

type Entry = { value: Omit<AccessRow, 'tokenId'>; expires: number }

/**
 * Roles and team reach of a person, kept for a few seconds so that each request costs one small
 * session lookup. This process drops it at once when users, teams or roles change; other processes
 * see the change within TTL_MS. Session validity (expiry, sign-out, revocation, disabling) is never cached.
 */
export class AccessCache {
  static readonly TTL_MS = 10_000
  private readonly entries = new Map<string, Entry>()
  constructor(private readonly max = 10_000) {}

  get(ws: string, userId: string): Entry['value'] | undefined {
    const key = `${ws}:${userId}`
    const e = this.entries.get(key)
    if (!e) return undefined
    if (e.expires < Date.now()) {
      this.entries.delete(key)
      return undefined
    }
    return e.value
  }

  set(ws: string, userId: string, value: Entry['value']) {
    if (this.entries.size >= this.max) this.entries.clear()
    this.entries.set(`${ws}:${userId}`, { value, expires: Date.now() + AccessCache.TTL_MS })
  }

  /** Drops everything cached for a workspace. */
  invalidate(ws: string) {
    for (const key of this.entries.keys()) if (key.startsWith(`${ws}:`)) this.entries.delete(key)
  }
}

export const accessCache = new AccessCache()
