// A child process for heap-growth.test.ts: about 40 MB kept alive, then about 0.8 GB allocated in objects that
// outlive a few young collections (a ring of the latest 100,000) before dying in the old space, as a
// server's request objects do while dozens are in flight. Prints the highest old-space size seen, in MB.
import v8 from 'node:v8'
import { limitHeapGrowth } from '../src/core/heap-growth'

limitHeapGrowth(Number(process.argv[2]))
const live: { id: number; text: string }[] = []
for (let i = 0; i < 200_000; i++) live.push({ id: i, text: `kept ${i} `.repeat(10) })
const ring: unknown[] = new Array(100_000)
let peak = 0
for (let i = 0; i < 3_000_000; i++) {
  ring[i % ring.length] = { id: i, text: `churn ${i} `.repeat(10), at: [i, i + 1, i + 2] }
  if (i % 20_000 === 0) {
    const old = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')!
    peak = Math.max(peak, old.space_size)
  }
}
process.stdout.write(`${JSON.stringify({ peakOldMb: Math.round(peak / 2 ** 20), kept: live.length })}\n`)
