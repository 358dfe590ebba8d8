import pg from 'pg'

type Callback = (payload: string) => void

/**
 * PostgreSQL `LISTEN` on one dedicated connection (a pooled one would lose its subscriptions when
 * released). Connects on the first subscription; when the connection drops it reconnects with a growing
 * pause and listens again on every channel, so a restarted server only costs the notifications sent
 * while it was away — which is why every listener here also has a slower fallback (polling, a TTL).
 */
export class PgListener {
  private client: pg.Client | null = null
  private connecting: Promise<pg.Client> | null = null
  private readonly channels = new Map<string, Set<Callback>>()
  private closed = false
  private retryMs = 250

  constructor(private readonly connectionString: string) {}

  async listen(channel: string, cb: Callback): Promise<() => Promise<void>> {
    let set = this.channels.get(channel)
    if (!set) {
      set = new Set()
      this.channels.set(channel, set)
      const client = await this.connect()
      await client.query(`listen ${pg.escapeIdentifier(channel)}`)
    }
    set.add(cb)
    return async () => {
      set.delete(cb)
      if (set.size || this.channels.get(channel) !== set) return
      this.channels.delete(channel)
      await this.client?.query(`unlisten ${pg.escapeIdentifier(channel)}`).catch(() => undefined)
    }
  }

  async close() {
    this.closed = true
    const c = this.client
    this.client = null
    await c?.end().catch(() => undefined)
  }

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client)
    return (this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.connectionString })
      client.on('notification', (n) => {
        for (const cb of this.channels.get(n.channel) ?? []) cb(n.payload ?? '')
      })
      client.on('error', () => this.lost(client))
      client.on('end', () => this.lost(client))
      try {
        await client.connect()
      } finally {
        this.connecting = null
      }
      this.client = client
      this.retryMs = 250
      return client
    })())
  }

  private lost(client: pg.Client) {
    if (this.client !== client) return
    this.client = null
    if (this.closed) return
    const wait = this.retryMs
    this.retryMs = Math.min(this.retryMs * 2, 10_000)
    setTimeout(() => void this.relisten(), wait).unref()
  }

  private async relisten() {
    if (this.closed || !this.channels.size) return
    try {
      const client = await this.connect()
      for (const channel of this.channels.keys()) await client.query(`listen ${pg.escapeIdentifier(channel)}`)
    } catch {
      if (this.client) void this.client.end().catch(() => undefined)
      else if (!this.closed) {
        setTimeout(() => void this.relisten(), this.retryMs).unref()
        this.retryMs = Math.min(this.retryMs * 2, 10_000)
      }
    }
  }
}
