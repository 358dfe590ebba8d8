// The report engine at scale (issue 17): a grouped aggregate over every account of the workspace through
// POST /api/v1/reports/run at one client, beside the same aggregate sent straight to the database.
import type { Read } from './sql-timing'
import { summarize, type Load } from './stats'

/** Accounts by tier: how many, their ARR and their mean health — the health board's first widget. */
export const REPORT_QUERY = {
  object: 'accounts',
  groupBy: [{ field: 'tier' }],
  measures: [{ fn: 'count' }, { fn: 'sum', field: 'annualSpend' }, { fn: 'avg', field: 'healthScore' }],
}

/**
 * The statement the engine compiles for REPORT_QUERY as an administrator (scope all): the workspace's live
 * accounts, grouped, the biggest group first.
 */
export const REPORT_AGGREGATE: Read = {
  statements: [
    `select (tier)::text as g0, count(*) as m0, sum((annual_spend)::numeric) as m1, avg((health_score)::numeric) as m2
      from accounts where workspace_id = {ws} and deleted_at is null
      group by 1 order by 2 desc nulls last, 1 asc limit 5001`,
  ],
}

/** One client posting the report back to back for `seconds`: every answer's own time. */
export async function timeReportRun(url: string, token: string, seconds: number): Promise<Load> {
  const latencies: number[] = []
  let errors = 0
  let sample: string | undefined
  const started = performance.now()
  const until = started + seconds * 1000
  while (performance.now() < until) {
    const t0 = performance.now()
    const res = await fetch(`${url}/api/v1/reports/run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(REPORT_QUERY),
    })
    const body = await res.text()
    latencies.push(performance.now() - t0)
    if (res.status !== 200) {
      errors++
      sample ??= `${res.status} ${body.slice(0, 300)}`
    }
  }
  const load = summarize(latencies, (performance.now() - started) / 1000, errors)
  return sample ? { ...load, errorSample: sample } : load
}
