import { afterEach, describe, expect, it, vi } from 'vitest'
import { Foreground } from './foreground'
import { StopSignal } from './release'

const settled = async (p: Promise<void>) => {
  let done = false
  void p.then(() => (done = true))
  await new Promise((r) => setImmediate(r))
  return done
}

describe('background work defers to the requests in flight', () => {
  it('goes at once when no request is in flight', async () => {
    expect(await settled(new Foreground().idle())).toBe(true)
  })

  // The clock is faked: what is checked is the order of events, not how fast the machine is.
  const fakeClock = () => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('waits until the last request in flight has left, then for a quiet moment', async () => {
    fakeClock()
    const f = new Foreground()
    f.enter()
    f.enter()
    const wait = f.idle(undefined, 60_000, 30)
    expect(f.waiting).toBe(1)
    f.leave()
    expect(await settled(wait)).toBe(false)
    f.leave()
    expect(f.waiting).toBe(0)
    await vi.advanceTimersByTimeAsync(29)
    expect(await settled(wait)).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(await settled(wait)).toBe(true)
  })

  it('waits again when a request comes and goes within the quiet moment', async () => {
    fakeClock()
    const f = new Foreground()
    f.enter()
    f.leave()
    // Just after a request: not quiet yet.
    const wait = f.idle(undefined, 60_000, 50)
    await vi.advanceTimersByTimeAsync(30)
    f.enter()
    f.leave()
    // 60 ms after the first request, 30 ms after the second: still waiting.
    await vi.advanceTimersByTimeAsync(30)
    expect(await settled(wait)).toBe(false)
    await vi.advanceTimersByTimeAsync(20)
    expect(await settled(wait)).toBe(true)
    // Long after the last request: at once.
    expect(await settled(f.idle(undefined, 60_000, 50))).toBe(true)
  })

  it('goes after its longest wait under a steady load, and at once when the process stops', async () => {
    const f = new Foreground()
    f.enter()
    const t0 = Date.now()
    await f.idle(undefined, 30, 5)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(25)
    expect(f.waiting).toBe(0)
    const stop = new StopSignal()
    stop.stopping = true
    expect(await settled(f.idle(stop, 60_000))).toBe(true)
  })

  it('does not count below zero', async () => {
    const f = new Foreground()
    f.leave()
    f.enter()
    expect(f.busy).toBe(true)
    f.leave()
    expect(f.busy).toBe(false)
  })
})
