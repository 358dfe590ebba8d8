// docs/performance.md: the results, the machine and databases they came from, and how each figure is made.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { markdownTable, missed, type Row } from './report'
import type { ScaleResult, Settings } from './scale'
import { sizeHow } from './size-rows'
import type { SizeStep } from './size-timing'
import { usageSection } from './usage-rows'
import type { UsageIngestion } from './usage-timing'
import { webLoadSection } from './web-load-section'
import { profileSection } from './profile-section'
import { writeCostSection } from './write-cost-section'
import { writeHow } from './write-rows'

export type RunInfo = {
  rows: Row[]
  heads: { pglite: string; postgres: string }
  lite?: ScaleResult
  pg?: ScaleResult
  settings: Settings
  totalSeconds: number
  /** Whether the PostgreSQL part ran on a throwaway cluster (else on DATABASE_URL). */
  cluster: boolean
  /** 1-minute load average sampled during the run. */
  load: { min: number; max: number }
  /** What went wrong during the run: servers stopped from outside, failed API answers. */
  incidents: string[]
  /** Usage ingestion through the API beside COPY (PostgreSQL). */
  usage?: UsageIngestion
  /** The cost-by-size steps (PostgreSQL), when run. */
  steps?: SizeStep[]
}

function pgliteVersion(root: string) {
  const pkg = path.join(root, 'node_modules/@electric-sql/pglite/package.json')
  return (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version
}

/** How the custom-field scenario is made, with the figures the table has no room for. */
function customFieldHow(pg: ScaleResult | undefined, settings: Settings): string[] {
  const f = pg?.customField
  if (!f) return []
  const ms = (v: number) => `${v.toFixed(2)} ms`
  return [
    '- **Adding a filterable custom field while writes run** (PostgreSQL only: the embedded database builds',
    `  the index plainly, not concurrently). A select field \`${f.key}\` (5 options) is defined through the API`,
    '  as not filterable; every account of the workspace gets one of its options at random in one SQL',
    '  `UPDATE … SET custom = custom || …`, then `VACUUM ANALYZE accounts`. The write load: 4 clients, each',
    '  with its own 50 accounts, send back to back three `PATCH /api/v1/accounts/:id` (with `version` and a',
    '  new value of the field) then one `POST /api/v1/accounts` (a new account with a value), after a 2 s',
    `  warm-up; before the build for ${settings.seconds} s (\`BENCH_SECONDS\`), and during it from 0.5 s before`,
    '  `PATCH /api/v1/field-definitions/:id {filterable: true}` until `GET …/:id/index` (polled every 200 ms)',
    '  says `ready`. The build time is that PATCH answered → ready seen; the job times come from pg-boss.',
    "  The new index is then checked: valid, and a count of one value through it equals a table scan's.",
    `  The filtered list (\`${f.path}\`, default sort -updatedAt) is timed like the list above, API and`,
    '  raw SQL (the workspace inline in the raw SQL, as the partial index needs). The planner has no statistics',
    '  on the expression: it ignores those of partial indexes, so ANALYZE does not help, and it guesses 0.5% of',
    '  the rows for any value (each option here has about 20%). As a what-if, the raw SQL at one client once more',
    `  with \`CREATE STATISTICS … ON (custom ->> '${f.key}') FROM accounts\` and ANALYZE: p50 ${ms(f.list.one.raw.p50)}`,
    `  as built, ${ms(f.withStats.one.p50)} with the statistic. The statistic and the index are dropped`,
    '  afterwards, so that the import rows measure the same indexes as before.' +
      (f.progress.phases.length ? ` Build phases seen while polling: ${f.progress.phases.join(' → ')}.` : ''),
  ]
}

export function performanceDoc(run: RunInfo, root: string): string {
  const { lite, pg, settings } = run
  const cpus = os.cpus()
  const misses = missed(run.rows)
  const plan = (title: string, text: string) => [`### ${title}`, '', '```', text, '```', '']
  return [
    '# Performance',
    '',
    `Written by \`npm run bench\` (last run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ` +
      `the run took ${(run.totalSeconds / 60).toFixed(1)} min).`,
    '',
    `- Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${os.type()} ${os.release()} (${os.arch()}), ` +
      `Node ${process.version}. Load average (1 min) during the run: ${run.load.min.toFixed(1)}–` +
      `${run.load.max.toFixed(1)} on ${cpus.length} cores` +
      (run.load.max > cpus.length
        ? ' — other work was running on the machine, so these figures are pessimistic.'
        : '.'),
    pg
      ? `- PostgreSQL ${pg.serverVersion}` +
        (run.cluster
          ? ' in a throwaway cluster on the same machine (fsync off, synchronous_commit off, shared_buffers 256MB).'
          : ' at DATABASE_URL.')
      : '- PostgreSQL: not run (BENCH_ONLY).',
    lite
      ? `- PGlite ${pgliteVersion(root)} (PostgreSQL ${lite.serverVersion}) in a temporary data folder.`
      : '- PGlite: not run (BENCH_ONLY).',
    `- Load: ${settings.clients} clients for ${settings.seconds} s and one client for ${settings.oneSeconds} s, ` +
      'each after a 2 s warm-up.',
    '',
    'Budgets are those of `shared/DESIGN.md` ("Quality budgets"), and for writes, memory and cost by size issue',
    "21's targets. **Use** = measured ÷ budget (for floors such as",
    '"≥ 30% of raw SQL\'s rate": budget ÷ measured); below 1.00 is within budget. Rows without a budget are the',
    'figures the budgets are relative to, or context. The DESIGN budgets are set for PostgreSQL on the',
    '200k-account workspace; the PGlite column applies them to its smaller workspace for comparison.',
    '',
    markdownTable(run.rows, run.heads),
    '',
    '## Budgets missed',
    '',
    ...(misses.length ? misses.map((m) => `- ${m}`) : ['None.']),
    '',
    ...(run.incidents.length
      ? ['## Incidents during the run', '', ...run.incidents.map((f) => `- ${f}`), '']
      : []),
    ...profileSection(
      (
        [
          ['PostgreSQL', pg],
          ['PGlite', lite],
        ] as const
      ).flatMap(([name, r]) => (r ? [{ name, profile: r.profile, memory: r.rss?.parts ?? null }] : [])),
    ),
    ...webLoadSection(),
    ...writeCostSection(),
    '## How the figures are made',
    '',
    '- **Workspace.** One workspace made through the services (built-in roles, an administrator, 4 sales managers,',
    '  30 salespeople, 6 CSMs), then accounts, contacts, activities, opportunities and tickets bulk-loaded with',
    '  `INSERT … SELECT … FROM generate_series` (UUID v7 ids, indexes dropped during the load and rebuilt from',
    '  their own definitions, then `VACUUM ANALYZE`). Accounts spread at random over 34 owners, 10 industries,',
    '  tiers and regions; children are spread evenly over accounts and over time (activities over 18 months), so',
    "  one account's rows lie apart on disk as they would after real use.",
    '- **Start.** `openkam start` until it prints "ready at". On the bench workspace the first start also',
    '  creates the job queue; the restart is what a person sees day to day.',
    '- **API.** The real server (`openkam start`) in its own process; autocannon in the bench process sends GETs',
    "  as the administrator. p50/p95 come from every response's own latency (exact, not a histogram bucket);",
    '  a request unanswered within 10 s counts as 10 s. The get and 360° requests rotate over 128 random accounts.',
    '  API, database and load generator share the machine.',
    '- **Raw SQL.** The same reads, with the same 128 accounts: the list is the query `core/crud/collection.ts`',
    '  builds; the get, the row by id; the 360° read is its four queries run one after another (account, contacts, the merged 10-source',
    '  timeline, open opportunities). ' +
      (pg?.rawDriver === 'pgbench'
        ? 'On PostgreSQL they are sent by pgbench with prepared statements (a C client,'
        : 'On PostgreSQL they are sent with `pg` and prepared statements (pgbench was not found, so the'),
    pg?.rawDriver === 'pgbench'
      ? '  so the floor is the database, not a JavaScript driver); p50/p95 from its per-transaction log. At one client'
      : '  floor includes a JavaScript driver); p50/p95 from every read.',
    ...(pg?.rawDriver === 'pgbench'
      ? [
          '  pgbench runs one script per account; at 50 clients one script that first picks the account from a',
          '  128-row table (`\\gset`), one primary-key lookup more per read, because preparing 128 scripts on each',
          '  of 50 connections would cost more than the reads.',
        ]
      : []),
    '  On PGlite, its own `query` in the bench process; PGlite serves one query at a time, so there the',
    '  50 clients queue on one connection.',
    "- **Import.** A CSV of new accounts, loaded with `COPY` (psql's `\\copy`; on PGlite `COPY … FROM",
    "  '/dev/blob'`) first into an empty table shaped like accounts without indexes (the database's raw intake,",
    '  which is what DESIGN\'s "~200k rows a second" describes), then into the populated accounts table with every',
    "  index; then as many rows again with the generator's `INSERT … SELECT`.",
    '- **Report engine.** `POST /api/v1/reports/run` (accounts by tier) and `POST /api/v1/reports/drill` (the',
    '  accounts of tier "strategic", first page of 50) at one client after a 1 s warm-up, on a server started for',
    '  them; raw SQL: the statement the engine compiles for each (as recorded at the driver), prepared, at one client.',
    ...writeHow(settings, pg?.rawDriver !== 'pg'),
    ...customFieldHow(pg, settings),
    ...sizeHow(run.steps, settings.clients, settings.seconds, settings.oneSeconds),
    '',
    'Sizes and durations can be changed: `BENCH_ACCOUNTS`, `BENCH_CONTACTS`, `BENCH_ACTIVITIES`,',
    '`BENCH_OPPORTUNITIES`, `BENCH_TICKETS` (PostgreSQL; the same with `BENCH_PGLITE_` for PGlite),',
    '`BENCH_SECONDS`, `BENCH_ONE_SECONDS`, `BENCH_CLIENTS`, `BENCH_CREATE_CLIENTS` (default 10),',
    '`BENCH_RAW_WRITE_CLIENTS` (default 10),',
    '`BENCH_IMPORT_ROWS`, `BENCH_SIZES` (the cost-by-size steps, default `20000,200000,1000000`; empty: skipped),',
    '`BENCH_ONLY=pglite|postgres`; `BENCH_ONLY=sizes` runs the cost-by-size steps alone and prints their rows',
    'without rewriting this file;',
    '`BENCH_ONLY=custom-field` runs the PostgreSQL workspace and the custom-field scenario alone (about 3 min',
    'instead of the whole run) and prints its rows without rewriting this file;',
    '`BENCH_ONLY=usage` runs the usage ingestion alone on a small PostgreSQL workspace (`BENCH_USAGE_ACCOUNTS`,',
    'default 2,000; `BENCH_USAGE_CLIENTS`, `BENCH_USAGE_BATCH`, `BENCH_USAGE_SECONDS`, `BENCH_USAGE_COPY_ROWS`) and',
    'rewrites only its section below;',
    '`DATABASE_URL` runs the PostgreSQL part on that server (in a database `openkam_bench`, dropped afterwards).',
    '',
    ...usageSection(
      run.usage,
      `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with the run above`,
    ),
    ...(pg
      ? [
          '## Query plans on PostgreSQL',
          '',
          'EXPLAIN (ANALYZE, BUFFERS) on the bench workspace after the timings.',
          '',
          ...plan('List + filter + sort', pg.plans.list),
          ...plan('360° timeline', pg.plans.timeline),
          ...(pg.customField
            ? [
                ...plan(
                  `List filtered by the new custom field, as the API met it (no statistics on the expression yet)`,
                  pg.customField.plan,
                ),
                ...plan(
                  'The same with statistics on the expression (what-if: CREATE STATISTICS, ANALYZE)',
                  pg.customField.withStats.plan,
                ),
              ]
            : []),
        ]
      : []),
  ].join('\n')
}
