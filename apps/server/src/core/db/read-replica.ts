import pg from 'pg'

/** Errors that mean "the replica cannot answer now", after which the same read is sent to the primary. */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EPIPE',
])
const unreachable = (err: unknown) => {
  const e = err as { code?: string; message?: string }
  if (!e || typeof e !== 'object') return false
  if (e.code && UNREACHABLE_CODES.has(e.code)) return true
  // Class 08 (connection), 57P01–57P03 (shut down, cannot connect now), 40001 on a standby: a query
  // cancelled for a conflict with recovery — the primary answers it without that conflict.
  if (e.code && /^(08|57P0[123]$|40001$)/.test(e.code)) return true
  return /Connection terminated|timeout exceeded when trying to connect/i.test(e.message ?? '')
}

export type ReplicaState = {
  /** Whether reads go to the replica now. */
  useReplica: boolean
  /** The replica's lag when last measured (seconds; 0 when it had replayed all the primary had written). */
  lagSeconds: number | null
  /** Why reads go to the primary, when they do. */
  reason?: string
}

export type ReplicaOptions = {
  /** Lag beyond which reads go to the primary. */
  maxLagSeconds: number
  /** How long one measure of the lag is trusted. */
  checkEveryMs?: number
  log?: (state: ReplicaState) => void
}

/**
 * Measures a streaming replica's lag against its primary, at most once per `checkEveryMs` (the verdict in
 * hand is used while the next is measured). The replica is current when it has replayed the primary's
 * WAL position read just before (or 100 ms later); otherwise its lag is the age of the last transaction
 * it replayed.
 * An unreachable replica, or one whose lag exceeds the limit, sends reads to the primary.
 */
export class ReplicaLag {
  private state: ReplicaState | null = null
  private measuredAt = 0
  private measuring: Promise<ReplicaState> | null = null

  constructor(
    private readonly primary: pg.Pool,
    private readonly replica: pg.Pool,
    private readonly opts: ReplicaOptions,
  ) {}

  /** The verdict: measured on first use; afterwards the last one, refreshed in the background when old. */
  async current(): Promise<ReplicaState> {
    const fresh = Date.now() - this.measuredAt < (this.opts.checkEveryMs ?? 3000)
    if (this.state && fresh) return this.state
    const next = (this.measuring ??= this.measure().finally(() => (this.measuring = null)))
    return this.state ?? next
  }

  /** A read just failed on the replica: use the primary until the next measure says otherwise. */
  markUnreachable(err: unknown) {
    this.set({ useReplica: false, lagSeconds: null, reason: `unreachable: ${(err as Error).message}` })
  }

  private async measure(): Promise<ReplicaState> {
    let state: ReplicaState
    try {
      const { rows: p } = await this.primary.query<{ lsn: string }>(
        'select pg_current_wal_lsn()::text as lsn',
      )
      const replayed = () =>
        this.replica.query<{ standby: boolean; caught_up: boolean; lag: number | null }>(
          `select pg_is_in_recovery() as standby,
                  coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) as caught_up,
                  extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 as lag`,
          [p[0]!.lsn],
        )
      let { rows } = await replayed()
      // A write in flight: a replica streaming normally replays it within milliseconds; ask once more
      // rather than take the age of its previous transaction (old after a quiet spell) for its lag.
      if (rows[0]!.standby && !rows[0]!.caught_up) {
        await new Promise((r) => setTimeout(r, 100))
        ;({ rows } = await replayed())
      }
      const r = rows[0]!
      const lag = !r.standby || r.caught_up ? 0 : r.lag
      state =
        lag !== null && lag <= this.opts.maxLagSeconds
          ? { useReplica: true, lagSeconds: lag }
          : { useReplica: false, lagSeconds: lag, reason: `lag above ${this.opts.maxLagSeconds} s` }
    } catch (err) {
      state = { useReplica: false, lagSeconds: null, reason: `unreachable: ${(err as Error).message}` }
    }
    this.set(state)
    return state
  }

  private set(state: ReplicaState) {
    const changed = this.state?.useReplica !== state.useReplica
    this.state = state
    this.measuredAt = Date.now()
    if (changed) this.opts.log?.(state)
  }
}

/**
 * What Drizzle is given for reads (its name says Pool so that Drizzle takes a connection per transaction):
 * each query and each transaction's connection comes from the replica while `ReplicaLag` allows it, else
 * from the primary — and a read that fails because the replica cannot be reached is sent to the primary.
 */
export class ReplicaRoutingPool {
  constructor(
    private readonly primary: pg.Pool,
    private readonly replica: pg.Pool,
    private readonly lag: ReplicaLag,
  ) {}

  async query(...args: unknown[]): Promise<unknown> {
    if ((await this.lag.current()).useReplica) {
      try {
        return await (this.replica.query as (...a: unknown[]) => Promise<unknown>)(...args)
      } catch (err) {
        if (!unreachable(err)) throw err
        this.lag.markUnreachable(err)
      }
    }
    return (this.primary.query as (...a: unknown[]) => Promise<unknown>)(...args)
  }

  async connect(): Promise<pg.PoolClient> {
    if ((await this.lag.current()).useReplica) {
      try {
        return await this.replica.connect()
      } catch (err) {
        if (!unreachable(err)) throw err
        this.lag.markUnreachable(err)
      }
    }
    return this.primary.connect()
  }
}
