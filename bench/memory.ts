// The API process's memory: its resident set (VmRSS of /proc/<pid>/status), sampled while loads run.
import fs from 'node:fs'

/** The process's resident set in MB, or null where /proc is not there (not Linux) or it has exited. */
export function rssMb(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) / 1024 : null
  } catch {
    return null
  }
}

/** Peak and last resident set (MB) seen while sampling, and how many samples were taken. */
export type Rss = { peak: number; last: number; samples: number; idle: number | null }

/**
 * A sampler of `pid`'s resident set: `during(work)` samples every `everyMs` while `work` runs; `result()`
 * gives the peak over every such stretch (null when nothing was sampled), with the figure before the first.
 */
export function rssSampler(pid: number, everyMs = 200) {
  const idle = rssMb(pid)
  let peak = 0
  let last = 0
  let samples = 0
  const sample = () => {
    const v = rssMb(pid)
    if (v === null) return
    peak = Math.max(peak, v)
    last = v
    samples++
  }
  return {
    async during<T>(work: () => Promise<T>): Promise<T> {
      sample()
      const timer = setInterval(sample, everyMs)
      try {
        return await work()
      } finally {
        clearInterval(timer)
        sample()
      }
    },
    result: (): Rss | null => (samples ? { peak, last, samples, idle } : null),
  }
}
