import type { StopSignal } from './release'

/** The longest a unit of background work waits for the requests in flight (ms). */
export const FOREGROUND_WAIT_MS = 1000

/**
 * The requests this process is answering. On the embedded database the API and the background work (event
 * handlers, jobs) share one thread and one connection, and a handler's transaction holds the database whole:
 * a request arriving meanwhile waits for it. So there the background takes its next unit of work (a batch
 * transaction, a job) once no request is in flight — or once it has waited FOREGROUND_WAIT_MS, so that under
 * a steady load the backlog still moves (ADR 0040).
 */
export class Foreground {
  private inFlight = 0
  private waiters: (() => void)[] = []

  /** A request began; `leave` when its answer is sent or its connection closed. */
  enter() {
    this.inFlight++
  }

  leave() {
    this.inFlight = Math.max(0, this.inFlight - 1)
    if (this.inFlight === 0) for (const w of this.waiters.splice(0)) w()
  }

  get busy() {
    return this.inFlight > 0
  }

  /** Units of background work waiting for the requests in flight. */
  get waiting() {
    return this.waiters.length
  }

  /** Resolves when no request is in flight, after `maxMs` at most, or at once when the process is stopping. */
  idle(stop?: StopSignal, maxMs = FOREGROUND_WAIT_MS): Promise<void> {
    if (!this.busy || stop?.stopping) return Promise.resolve()
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.waiters = this.waiters.filter((w) => w !== done)
        resolve()
      }
      const timer = setTimeout(done, maxMs)
      this.waiters.push(done)
    })
  }
}
