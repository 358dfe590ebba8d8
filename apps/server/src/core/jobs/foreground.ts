import type { StopSignal } from './release'

/** The longest a unit of background work waits for the requests in flight (ms). */
export const FOREGROUND_WAIT_MS = 1000
/** How long no request must have been in flight before a unit of background work starts (ms). */
export const QUIET_MS = 20

/**
 * The requests this process is answering. On the embedded database the API and the background work (event
 * handlers, jobs) share one thread and one connection, and a handler's transaction holds the database whole:
 * a request arriving meanwhile waits for it. So there the background takes its next unit of work (a batch
 * transaction, a job) once no request has been in flight for QUIET_MS — the gap between one client's
 * back-to-back requests is about a millisecond, and a unit started in it held up the next request — or once it
 * has waited FOREGROUND_WAIT_MS, so that under a steady load the backlog still moves (ADR 0040).
 */
export class Foreground {
  private inFlight = 0
  private lastLeft = -Infinity
  private waiters: (() => void)[] = []

  /** A request began; `leave` when its answer is sent or its connection closed. */
  enter() {
    this.inFlight++
  }

  leave() {
    this.inFlight = Math.max(0, this.inFlight - 1)
    this.lastLeft = performance.now()
    if (this.inFlight === 0) for (const w of this.waiters.splice(0)) w()
  }

  get busy() {
    return this.inFlight > 0
  }

  /** Units of background work waiting for the requests in flight. */
  get waiting() {
    return this.waiters.length
  }

  /**
   * Resolves once no request has been in flight for `quietMs`, after `maxMs` at most, or at once when the
   * process is stopping.
   */
  idle(stop?: StopSignal, maxMs = FOREGROUND_WAIT_MS, quietMs = QUIET_MS): Promise<void> {
    const quietFor = () => (this.busy ? 0 : performance.now() - this.lastLeft)
    if (stop?.stopping || quietFor() >= quietMs) return Promise.resolve()
    const deadline = performance.now() + maxMs
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined
      const check = () => {
        clearTimeout(timer)
        this.waiters = this.waiters.filter((w) => w !== check)
        const left = deadline - performance.now()
        const rest = quietMs - quietFor()
        if (stop?.stopping || left <= 0 || rest <= 0) return resolve()
        // Busy: woken by the last request's leave (or the deadline); quiet so far: checked again when the
        // quiet period would end, in case a request came and went meanwhile.
        if (this.busy) this.waiters.push(check)
        timer = setTimeout(check, this.busy ? left : Math.min(rest, left))
      }
      check()
    })
  }
}
