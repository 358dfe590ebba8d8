/** Latencies (ms) and throughput of one timed run. */
export type Load = {
  p50: number
  p95: number
  rate: number
  count: number
  errors: number
  /** The first failed answer (status and body), when some failed. */
  errorSample?: string
}

/** The q-quantile (0…1) of ascending values, nearest-rank. */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}

export function summarize(latencies: number[], seconds: number, errors = 0): Load {
  const sorted = [...latencies].sort((a, b) => a - b)
  return {
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    rate: latencies.length / seconds,
    count: latencies.length,
    errors,
  }
}
