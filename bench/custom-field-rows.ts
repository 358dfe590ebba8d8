// The bench rows of "adding a filterable custom field while writes run" (PostgreSQL only): the write load
// before and during the index build, the build itself, and the list filtered by the new field.
import { OPTIONS, WRITE_CLIENTS } from './custom-field-timing'
import { count, ms, perSecond, type Cell, type Row } from './report'
import { readRows, times, withErrors } from './rows'
import type { ReadTimings, ScaleResult, Settings } from './scale'
import type { Load } from './stats'

type Field = NonNullable<ScaleResult['customField']>

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`
const secs = (v: number) => `${v.toFixed(1)} s`
const writes = (l: Load) =>
  withErrors(l, `p50 ${ms(l.p50)} · p95 ${ms(l.p95)} · ${perSecond(l.rate, 'req')}, ${count(l.count)} ok`)

/** The scenario's section; `list` is the industry list of the same run, for the comparison row. */
export function customFieldRows(settings: Settings, f: Field | undefined, list?: ReadTimings): Row[] {
  if (!f) return []
  const pg = (value: string, use?: number, budget?: string): { postgres: Cell; budget?: string } => ({
    postgres: use === undefined ? { value } : { value, use },
    budget,
  })
  const built = f.status === 'ready'
  const rows: Row[] = [
    {
      section:
        `Adding a filterable custom field while writes run (select "${f.key}", ${OPTIONS.length} options; ` +
        `${WRITE_CLIENTS} clients PATCH/POST accounts; PostgreSQL only)`,
    },
    {
      what: 'accounts given a value in bulk SQL (update + vacuum analyze)',
      ...pg(`${count(f.valued)} in ${secs(f.loadSeconds)}`),
    },
    { what: `writes before the build, ${settings.seconds} s`, ...pg(writes(f.before)) },
    {
      what: 'writes during the build (filterable: true → indexStatus ready)',
      ...pg(writes(f.during), f.during.errors || !built ? Infinity : 0, 'none fail'),
    },
    { what: 'writes p95: during ÷ before the build', ...pg(times(f.during.p95 / f.before.p95)) },
    {
      what: 'index build: filterable: true answered → indexStatus ready',
      ...pg(
        `${f.status} in ${secs(f.buildMs / 1000)}` +
          (f.job ? ` (job queued ${secs(f.job.waitMs / 1000)}, ran ${secs(f.job.runMs / 1000)})` : ''),
      ),
    },
    {
      what: 'the index: size, valid, same rows as a table scan',
      ...pg(
        f.index
          ? `${mb(f.index.bytes)}, ${f.index.valid ? 'valid' : 'INVALID'}, ` +
              (f.indexAgrees === null
                ? 'not compared (planner took another path)'
                : f.indexAgrees
                  ? 'same rows'
                  : 'DIFFERENT rows')
          : 'no index',
        f.index?.valid && f.indexAgrees !== false ? undefined : Infinity,
      ),
    },
    { section: `List filtered by the new field (GET ${f.path})` },
    ...readRows(
      settings,
      undefined,
      f,
      (r) => r.list,
      { p95: 50 },
      () => null,
    ),
  ]
  rows.push({
    what: '1 client, p50: raw SQL with statistics on the expression (what-if, see below)',
    ...pg(`p50 ${ms(f.withStats.one.p50)}`),
  })
  if (list?.many.api)
    rows.push({
      what: `${settings.clients} clients, p95: this list ÷ the industry list`,
      ...pg(times(f.list.many.api!.p95 / list.many.api.p95)),
    })
  return rows
}
