import type { Principal } from '../../core/access/permissions'
import type { Database } from '../../core/db/types'

type Entry = { principal: Principal; ws: string; expires: number }

/** The channel on which migration 0042's triggers announce a workspace whose access changed. */
export const ACCESS_CHANNEL = 'openkam_access'

/**
 * Resolved principals by token hash, kept for a few seconds so that a request costs no round trip to
 * find who is asking. Sign-out, a password change, a role, team or person changed, a token revoked:
 * the writer drops its own process's entries at once, and the database's triggers announce the
 * workspace on commit to every process (`listenForAccessChanges`), which drops its entries in turn —
 * within a second everywhere. Should a notification be missed (a lost connection), TTL_MS bounds it.
 */
export class PrincipalCache {
  static readonly TTL_MS = 5_000
  private readonly entries = new Map<string, Entry>()
  constructor(private readonly max = 10_000) {}

  get(tokenHash: string): Principal | undefined {
    const e = this.entries.get(tokenHash)
    if (!e) return undefined
    if (e.expires < Date.now()) {
      this.entries.delete(tokenHash)
      return undefined
    }
    return e.principal
  }

  /** Keeps a principal until TTL_MS from now, or until its session or token expires if sooner. */
  set(tokenHash: string, principal: Principal, validUntil: Date | null) {
    if (this.entries.size >= this.max) this.entries.clear()
    const expires = Math.min(Date.now() + PrincipalCache.TTL_MS, validUntil?.getTime() ?? Infinity)
    this.entries.set(tokenHash, { principal, ws: principal.workspaceId, expires })
  }

  drop(tokenHash: string) {
    this.entries.delete(tokenHash)
  }

  /** Drops everything cached for a workspace. */
  invalidate(ws: string) {
    for (const [key, e] of this.entries) if (e.ws === ws) this.entries.delete(key)
  }

  get size() {
    return this.entries.size
  }
}

export const principalCache = new PrincipalCache()

/** Drops a workspace's cached principals whenever any process commits an access change in it. */
export const listenForAccessChanges = (database: Pick<Database, 'listen'>) =>
  database.listen(ACCESS_CHANNEL, (ws) => principalCache.invalidate(ws))
