// A dashboard's first (computed) view and its repeated view from the cache (issue 17.7: < 20 ms), on the
// scale workspace through the real server.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { BENCH_ADMIN } from './generate'
import { httpLoad, signIn, startServer } from './http-timing'
import { ms, type Cell, type Row } from './report'
import { p50p95 } from './rows'
import type { Load } from './stats'
import { label, type Target } from './workspace'

/** The built-in dashboard timed: three grouped aggregates over every account (tier and segment mix). */
export const DASHBOARD_TEMPLATE = 'tier_segment_mix'
/** The budget of a repeated view served from the cache (p95). */
export const CACHED_BUDGET_MS = 20
const FIRST_VIEWS = 3

export type DashboardTiming = {
  widgets: number
  /** Wall time of each computed view (refresh=true), one client. */
  first: number[]
  /** Repeated views (the cache), one client. */
  cached: Load
  /** Widgets that answered an error instead of data. */
  errors: string[]
}

type Log = (line: string) => void

async function getJson(url: string, token: string, urlPath: string) {
  const res = await fetch(`${url}${urlPath}`, { headers: { authorization: `Bearer ${token}` } })
  const body = await res.text()
  if (!res.ok) throw new Error(`GET ${urlPath} answered ${res.status}: ${body.slice(0, 300)}`)
  return JSON.parse(body)
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

/**
 * Starts the server on the generated database, opens the built-in tier and segment dashboard as the
 * administrator: computed (refresh=true) a few times, then repeated for `seconds` from the cache.
 */
export async function timeDashboard(t: Target, seconds: number, log: Log): Promise<DashboardTiming> {
  log(`${label(t)}: timing a dashboard (${DASHBOARD_TEMPLATE})`)
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'openkam-bench-dash-'))
  const server = startServer(
    t.kind === 'pglite' ? { dataDir: t.dataDir } : { dataDir: scratch, databaseUrl: t.url },
  )
  try {
    const { url } = await server.ready
    const token = await signIn(url, BENCH_ADMIN.email, BENCH_ADMIN.password)
    const list = await getJson(url, token, `/api/v1/dashboards?template=${DASHBOARD_TEMPLATE}&limit=1`)
    const board = list.data[0]
    if (!board) throw new Error(`the workspace has no built-in dashboard ${DASHBOARD_TEMPLATE}`)
    const dataPath = `/api/v1/dashboards/${board.id}/data`
    const first: number[] = []
    let errors: string[] = []
    for (let i = 0; i < FIRST_VIEWS; i++) {
      const t0 = performance.now()
      const data = await getJson(url, token, `${dataPath}?refresh=true`)
      first.push(performance.now() - t0)
      errors = data.widgets.flatMap((w: { id: string; error?: string }) =>
        w.error ? [`${w.id}: ${w.error}`] : [],
      )
    }
    const hit = await getJson(url, token, dataPath)
    if (!hit.cached) throw new Error('the repeated view was not served from the cache')
    const cached = await httpLoad({ url, token, nextPath: () => dataPath, connections: 1, seconds })
    log(
      `  dashboard: first view ${ms(median(first))} (median of ${FIRST_VIEWS}); cached p50 ${ms(cached.p50)}, p95 ${ms(cached.p95)}` +
        (errors.length ? `; widgets in error: ${errors.join('; ')}` : ''),
    )
    return { widgets: board.widgets.length, first, cached, errors }
  } finally {
    await server.stop()
    fs.rmSync(scratch, { recursive: true, force: true })
  }
}

/** The dashboard rows of the bench table: the computed view beside the cached one. */
export function dashboardRows(lite?: DashboardTiming, pg?: DashboardTiming): Row[] {
  const cell = (d: DashboardTiming | undefined, f: (d: DashboardTiming) => Cell) => (d ? f(d) : undefined)
  const withErrors = (d: DashboardTiming, text: string) =>
    d.errors.length ? `${text} (${d.errors.length} widgets in error)` : text
  return [
    { section: `Dashboard (built-in "${DASHBOARD_TEMPLATE}", 1 client)` },
    {
      what: 'first view, computed (median)',
      pglite: cell(lite, (d) => ({ value: withErrors(d, ms(median(d.first))) })),
      postgres: cell(pg, (d) => ({ value: withErrors(d, ms(median(d.first))) })),
    },
    {
      what: 'repeated view, cached: p50 · p95',
      pglite: cell(lite, (d) => ({ value: p50p95(d.cached), use: d.cached.p95 / CACHED_BUDGET_MS })),
      postgres: cell(pg, (d) => ({ value: p50p95(d.cached), use: d.cached.p95 / CACHED_BUDGET_MS })),
      budget: `p95 < ${CACHED_BUDGET_MS} ms`,
    },
  ]
}
