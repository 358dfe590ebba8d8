import { describe, expect, it } from 'vitest'
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

  it('waits until the last request in flight has left', async () => {
    const f = new Foreground()
    f.enter()
    f.enter()
    const wait = f.idle(undefined, 60_000)
    expect(f.waiting).toBe(1)
    f.leave()
    expect(await settled(wait)).toBe(false)
    f.leave()
    expect(await settled(wait)).toBe(true)
    expect(f.waiting).toBe(0)
  })

  it('goes after its longest wait under a steady load, and at once when the process stops', async () => {
    const f = new Foreground()
    f.enter()
    const t0 = Date.now()
    await f.idle(undefined, 30)
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
