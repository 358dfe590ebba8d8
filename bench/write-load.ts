// A steady write load on the API: a few clients, each writing its own accounts back to back (three PATCHes,
// then one POST of a new account), bounded in time and in count. Latencies are every answer's own time.
import { summarize, type Load } from './stats'

export type Writable = { id: string; version: number }

export type WriteLoad = {
  /** Stops the clients after their current request; resolves with the figures of the whole run. */
  stop(): Promise<Load>
  /** Resolves when the run ends by itself (time or count reached). */
  done: Promise<Load>
}

/**
 * Starts `accounts.length / clients`-account slices written by `clients` clients until `stop()`, `seconds`
 * or `maxRequests` (all clients together). `body(i)` gives the i-th write's fields (e.g. a custom value).
 */
export function startWriteLoad(opts: {
  url: string
  token: string
  accounts: Writable[]
  clients: number
  seconds: number
  maxRequests: number
  body: (i: number) => Record<string, unknown>
}): WriteLoad {
  const latencies: number[] = []
  let failed = 0
  let sample = ''
  let sent = 0
  let stopping = false
  const started = performance.now()
  const deadline = started + opts.seconds * 1000
  const headers = { authorization: `Bearer ${opts.token}`, 'content-type': 'application/json' }
  const client = async (c: number) => {
    const mine = opts.accounts.filter((_, i) => i % opts.clients === c)
    for (let n = 0; !stopping && performance.now() < deadline && sent < opts.maxRequests; n++) {
      const i = sent++
      const create = n % 4 === 3
      const a = mine[n % mine.length]!
      const t0 = performance.now()
      let status = 0
      let text = ''
      try {
        const res = await fetch(`${opts.url}/api/v1/accounts${create ? '' : `/${a.id}`}`, {
          method: create ? 'POST' : 'PATCH',
          headers,
          body: JSON.stringify(
            create
              ? { name: `Bench write ${c}-${n}`, ...opts.body(i) }
              : { version: a.version, ...opts.body(i) },
          ),
        })
        status = res.status
        text = await res.text()
      } catch (err) {
        text = String(err)
      }
      const ms = performance.now() - t0
      if (status >= 200 && status < 300) {
        latencies.push(ms)
        if (!create) a.version = (JSON.parse(text) as { version: number }).version
      } else {
        failed++
        sample ||= `${create ? 'POST' : 'PATCH'} ${status || 'no answer'} ${text.slice(0, 300)}`
        // A version conflict tells the current version: carry on from it.
        const current =
          status === 409 ? (JSON.parse(text) as { current?: { version?: number } }).current : null
        if (current?.version !== undefined) a.version = current.version
      }
    }
  }
  const done = Promise.all(Array.from({ length: opts.clients }, (_, c) => client(c))).then(() => {
    const load = summarize(latencies, (performance.now() - started) / 1000, failed)
    return sample ? { ...load, errorSample: sample } : load
  })
  return {
    done,
    stop: () => {
      stopping = true
      return done
    },
  }
}
