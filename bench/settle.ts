// Waiting for the server's background work to drain before a timing, so that a load measures itself and not
// the backlog an earlier one left (the worker runs in the server process, on the same cores).

/** Jobs due and not yet taken, summed over every queue, from the server's Prometheus page; null without it. */
export function waitingJobs(text: string): number | null {
  let n: number | null = null
  for (const m of text.matchAll(/^openkam_job_queue_depth\{[^}]*state="waiting"[^}]*\} (\S+)$/gm))
    n = (n ?? 0) + Number(m[1])
  return n
}

/**
 * Polls the metrics page every second until no job waits on two readings in a row, or `maxSeconds` passed.
 * Returns the seconds it took and the jobs waiting at the first reading (null when the page is missing).
 */
export async function settleBackground(metricsUrl: string | null, maxSeconds = 180) {
  if (!metricsUrl) return null
  const t0 = performance.now()
  let first: number | null = null
  let quiet = 0
  while (performance.now() - t0 < maxSeconds * 1000) {
    const n = waitingJobs(await (await fetch(metricsUrl)).text())
    if (n === null) return null
    first ??= n
    quiet = n === 0 ? quiet + 1 : 0
    if (quiet >= 2) break
    await new Promise((r) => setTimeout(r, 1000))
  }
  return { seconds: (performance.now() - t0) / 1000, waiting: first ?? 0, drained: quiet >= 2 }
}
