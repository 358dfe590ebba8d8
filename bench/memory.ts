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

/** What the process's memory held, in MB, from its Prometheus figures (prom-client's default metrics). */
export type MemoryParts = {
  rss: number
  /** V8's heap as reserved, and the part of it in use. */
  heapTotal: number
  heapUsed: number
  /** The heap's spaces (new, old, code, large objects…), reserved. */
  spaces: Record<string, number>
  /** Memory of C++ objects bound to JavaScript ones (Buffers and the like). */
  external: number
}

/** Peak and last resident set (MB) seen while sampling, and how many samples were taken. */
export type Rss = {
  peak: number
  last: number
  samples: number
  idle: number | null
  /** The memory's parts at the highest resident set read with them, when the metrics endpoint was there. */
  parts: MemoryParts | null
}

const MB = 2 ** 20

/** The memory's parts read from a /metrics page, or null when it lacks them. */
export function memoryParts(text: string): MemoryParts | null {
  const value = (name: string) => {
    const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text)
    return m ? Number(m[1]) / MB : null
  }
  const rss = value('process_resident_memory_bytes')
  const heapTotal = value('nodejs_heap_size_total_bytes')
  const heapUsed = value('nodejs_heap_size_used_bytes')
  const external = value('nodejs_external_memory_bytes')
  if (rss === null || heapTotal === null || heapUsed === null || external === null) return null
  const spaces: Record<string, number> = {}
  for (const m of text.matchAll(/^nodejs_heap_space_size_total_bytes\{space="([^"]+)"\} (\S+)$/gm))
    spaces[m[1]!] = Number(m[2]) / MB
  return { rss, heapTotal, heapUsed, spaces, external }
}

/**
 * A sampler of `pid`'s resident set: `during(work)` samples every `everyMs` while `work` runs; `result()`
 * gives the peak over every such stretch (null when nothing was sampled), with the figure before the first.
 * With `metricsUrl` (the server's Prometheus endpoint), its memory's parts are read every second as well,
 * and those of the highest resident set kept.
 */
export function rssSampler(pid: number, metricsUrl: () => string | null = () => null, everyMs = 200) {
  const idle = rssMb(pid)
  let peak = 0
  let last = 0
  let samples = 0
  let parts: MemoryParts | null = null
  const sample = () => {
    const v = rssMb(pid)
    if (v === null) return
    peak = Math.max(peak, v)
    last = v
    samples++
  }
  const read = async () => {
    const url = metricsUrl()
    if (!url) return
    try {
      const p = memoryParts(await (await fetch(url)).text())
      if (p && (!parts || p.rss > parts.rss)) parts = p
    } catch {
      // the endpoint is optional: without it the resident set alone is kept
    }
  }
  return {
    async during<T>(work: () => Promise<T>): Promise<T> {
      sample()
      const timer = setInterval(sample, everyMs)
      const reader = setInterval(() => void read(), 1000)
      try {
        return await work()
      } finally {
        clearInterval(timer)
        clearInterval(reader)
        sample()
      }
    },
    result: (): Rss | null => (samples ? { peak, last, samples, idle, parts } : null),
  }
}
