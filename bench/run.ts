// npm run bench: measures the budgets of shared/DESIGN.md on a generated scale workspace (PostgreSQL, and a
// smaller one on the embedded PGlite), prints them side by side and writes docs/performance.md.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { adminQuery, startCluster } from '../apps/server/test/pg-cluster'
import type { Sizes } from './generate'
import { envNumber, only, settings, sizes, sizeSteps, usageSettings } from './settings'
import { generate } from './workspace'
import { startServer } from './http-timing'
import { performanceDoc } from './performance-doc'
import { count, missed, printTable } from './report'
import { buildRows, type EmbeddedStart } from './rows'
import { customFieldRows } from './custom-field-rows'
import { dashboardRows, timeDashboard, type DashboardTiming } from './dashboard-timing'
import { reportRows, timeReport, type ReportTiming } from './report-timing'
import { runCustomFieldAlone, runScale, type ScaleResult } from './scale'
import { sizeRows } from './size-rows'
import { runSizes, type SizeStep } from './size-timing'
import { spliceUsageSection, usageHeads, usageRows, usageSection } from './usage-rows'
import { runUsageIngestion, type UsageIngestion } from './usage-timing'
import { writeRows } from './write-rows'

const root = path.resolve(import.meta.dirname, '..')
const log = (line: string) => console.log(line)

/** Embedded start to ready: once on a new data folder (migrations + demo seed), once on the same folder again. */
async function embeddedStart(dir: string): Promise<EmbeddedStart> {
  // Build once so that the timings below measure start-up, not compilation.
  const warm = startServer({ dataDir: path.join(dir, 'warm') })
  await warm.ready
  await warm.stop()
  const dataDir = path.join(dir, 'demo')
  const first = startServer({ dataDir, demo: true })
  const { ms: fresh } = await first.ready
  await first.stop()
  const again = startServer({ dataDir, demo: true })
  const { ms: existing } = await again.ready
  await again.stop()
  return { fresh, existing }
}

/** A PostgreSQL run, on a throwaway cluster or, with DATABASE_URL, in a database `name` on that server. */
async function onPostgres<R>(run: (url: string) => Promise<R>, name = 'openkam_bench') {
  const cluster = process.env.DATABASE_URL ? undefined : await startCluster()
  const base = process.env.DATABASE_URL?.replace(/\/[^/]*$/, '') ?? cluster!.url
  try {
    await adminQuery(base, `drop database if exists ${name}`)
    await adminQuery(base, `create database ${name}`)
    log(`PostgreSQL: ${cluster ? 'throwaway cluster' : 'DATABASE_URL server'}, database ${name}`)
    return await run(`${base}/${name}`)
  } finally {
    if (cluster) cluster.stop()
    else await adminQuery(base, `drop database if exists ${name}`)
  }
}

/** The cost-by-size run in a database of its own (see size-timing.ts); undefined when BENCH_SIZES is empty. */
const sizesRun = (like: Sizes) =>
  sizeSteps.length
    ? onPostgres((url) => runSizes(url, sizeSteps, like, settings, log), 'openkam_bench_sizes')
    : Promise.resolve(undefined)

/** What went wrong during the runs: servers stopped from outside, failed API answers. */
function incidents(results: [string, ScaleResult | undefined][]) {
  const out: string[] = []
  for (const [db, r] of results) {
    if (!r) continue
    out.push(...r.notes)
    const f = r.customField
    for (const [what, l] of [
      ['list, 1 client', r.list.one.api],
      [`list, ${settings.clients} clients`, r.list.many.api],
      ['get, 1 client', r.get.one.api],
      [`get, ${settings.clients} clients`, r.get.many.api],
      ['360°, 1 client', r.read360.one.api],
      [`360°, ${settings.clients} clients`, r.read360.many.api],
      ['custom field: writes before the build', f?.before],
      ['custom field: writes during the build', f?.during],
      ['custom field: filtered list, 1 client', f?.list1],
      [`custom field: filtered list, ${settings.clients} clients`, f?.listMany],
      ['create, 1 client', r.writes.create.one.api],
      [`create, ${settings.createClients} clients`, r.writes.create.many.api],
      ['update, 1 client', r.writes.update.one.api],
      [`update, ${settings.clients} clients`, r.writes.update.many.api],
    ] as const)
      if (l?.errors) out.push(`${db}, ${what}: ${l.errors} failed, e.g. ${l.errorSample ?? 'no answer'}`)
  }
  return out
}

/** BENCH_ONLY=custom-field: the scenario alone on PostgreSQL, printed; docs/performance.md is left as it is. */
async function customFieldAlone() {
  const started = performance.now()
  const z = sizes('BENCH_', 200_000, 1_000_000, 5_000_000)
  const r = await onPostgres((url) => runCustomFieldAlone({ kind: 'postgres', url, sizes: z }, settings, log))
  const rows = customFieldRows(settings, r.customField)
  const heads = { pglite: 'PGlite', postgres: `PostgreSQL (${count(z.accounts)} accounts)` }
  console.log(
    '\nOpenKAM bench, custom field scenario alone — use = measured ÷ budget; < 1.00 is within budget\n',
  )
  console.log(printTable(rows, heads))
  const misses = missed(rows)
  console.log(
    misses.length ? `\nBudgets missed:\n${misses.map((m) => `  - ${m}`).join('\n')}` : '\nNo budget missed.',
  )
  if (r.notes.length) console.log(`\nIncidents:\n${r.notes.map((f) => `  - ${f}`).join('\n')}`)
  console.log(`\nQuery plan of the filtered list:\n${r.customField.plan}`)
  console.log(
    `\nTotal run time ${((performance.now() - started) / 60_000).toFixed(1)} min; docs/performance.md not rewritten`,
  )
}

/**
 * BENCH_ONLY=usage: a small PostgreSQL workspace (BENCH_USAGE_ACCOUNTS accounts, default 2,000) and the usage
 * ingestion alone, printed; its section of docs/performance.md is replaced, the rest left as it is.
 */
async function usageAlone() {
  const started = performance.now()
  const accounts = envNumber('BENCH_USAGE_ACCOUNTS', 2000)
  const loads: number[] = [os.loadavg()[0]!]
  const sampler = setInterval(() => loads.push(os.loadavg()[0]!), 5000)
  sampler.unref()
  const z: Sizes = { accounts, contacts: 0, activities: 0, opportunities: 0, tickets: 0 }
  const u = await onPostgres(async (url) => {
    await generate({ kind: 'postgres', url, sizes: z }, log)
    return runUsageIngestion({ ...usageSettings, dbUrl: url, accounts }, log)
  })
  clearInterval(sampler)
  const rows = usageRows(u)
  console.log('\nOpenKAM bench, usage ingestion alone — use = budget ÷ measured; < 1.00 is within budget\n')
  console.log(printTable(rows, usageHeads(u)))
  const misses = missed(rows)
  console.log(
    misses.length ? `\nBudgets missed:\n${misses.map((m) => `  - ${m}`).join('\n')}` : '\nNo budget missed.',
  )
  const file = path.join(root, 'docs/performance.md')
  const cores = os.cpus().length
  const [lo, hi] = [Math.min(...loads), Math.max(...loads)]
  const when =
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC by \`BENCH_ONLY=usage\` on its own ` +
    `${count(accounts)}-account workspace (throwaway cluster as above); load average (1 min) ` +
    `${lo.toFixed(1)}–${hi.toFixed(1)} on ${cores} cores` +
    (hi > cores ? ' — other work was running on the machine' : '')
  fs.writeFileSync(file, spliceUsageSection(fs.readFileSync(file, 'utf8'), usageSection(u, when)))
  console.log(
    `\nTotal run time ${((performance.now() - started) / 60_000).toFixed(1)} min; the usage section of docs/performance.md rewritten`,
  )
}

async function main() {
  const started = performance.now()
  const loads: number[] = [os.loadavg()[0]!]
  const sampler = setInterval(() => loads.push(os.loadavg()[0]!), 5000)
  sampler.unref()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openkam-bench-'))
  const liteSizes = sizes('BENCH_PGLITE_', 10_000, 50_000, 250_000)
  const pgSizes = sizes('BENCH_', 200_000, 1_000_000, 5_000_000)
  let lite: ScaleResult | undefined
  let pg: ScaleResult | undefined
  let start: EmbeddedStart | undefined
  let dashLite: DashboardTiming | undefined
  let dashPg: DashboardTiming | undefined
  let reportLite: ReportTiming | undefined
  let reportPg: ReportTiming | undefined
  let usage: UsageIngestion | undefined
  let steps: SizeStep[] | undefined
  try {
    if (only !== 'postgres') {
      log('Embedded start to ready')
      start = await embeddedStart(dir)
      lite = await runScale(
        { kind: 'pglite', dataDir: path.join(dir, 'scale'), sizes: liteSizes },
        settings,
        log,
      )
      dashLite = await timeDashboard(
        { kind: 'pglite', dataDir: path.join(dir, 'scale'), sizes: liteSizes },
        settings.oneSeconds,
        log,
      )
      reportLite = await timeReport(
        { kind: 'pglite', dataDir: path.join(dir, 'scale'), sizes: liteSizes },
        settings.oneSeconds,
        log,
      )
    }
    if (only !== 'pglite')
      pg = await onPostgres(async (url) => {
        const r = await runScale({ kind: 'postgres', url, sizes: pgSizes }, settings, log)
        dashPg = await timeDashboard({ kind: 'postgres', url, sizes: pgSizes }, settings.oneSeconds, log)
        reportPg = await timeReport({ kind: 'postgres', url, sizes: pgSizes }, settings.oneSeconds, log)
        usage = await runUsageIngestion({ ...usageSettings, dbUrl: url, accounts: 10_000 }, log)
        return r
      })
    if (only !== 'pglite') steps = await sizesRun(pgSizes)
  } finally {
    clearInterval(sampler)
    fs.rmSync(dir, { recursive: true, force: true })
  }
  const totalSeconds = (performance.now() - started) / 1000
  const heads = {
    pglite: `PGlite (${count(liteSizes.accounts)} accounts)`,
    postgres: `PostgreSQL (${count(pgSizes.accounts)} accounts)`,
  }
  const rows = [
    ...buildRows(settings, lite, pg, start),
    ...customFieldRows(settings, pg?.customField ?? undefined, pg?.list),
    ...dashboardRows(dashLite, dashPg),
    ...reportRows(reportLite, reportPg),
    ...writeRows(lite, pg),
    ...sizeRows(steps, settings.clients),
  ]
  const noted = incidents([
    ['PGlite', lite],
    ['PostgreSQL', pg],
  ])
  const load = { min: Math.min(...loads), max: Math.max(...loads) }
  console.log(
    '\nOpenKAM bench — use = measured ÷ budget (floors: budget ÷ measured); < 1.00 is within budget\n',
  )
  console.log(printTable(rows, heads))
  if (usage) console.log(`\n${printTable(usageRows(usage), usageHeads(usage))}`)
  const misses = missed([...rows, ...usageRows(usage)])
  console.log(
    misses.length ? `\nBudgets missed:\n${misses.map((m) => `  - ${m}`).join('\n')}` : '\nNo budget missed.',
  )
  if (noted.length) console.log(`\nIncidents:\n${noted.map((f) => `  - ${f}`).join('\n')}`)
  console.log(
    `\nTotal run time ${(totalSeconds / 60).toFixed(1)} min; load average ${load.min.toFixed(1)}–${load.max.toFixed(1)} ` +
      `on ${os.cpus().length} cores`,
  )
  const doc = performanceDoc(
    {
      rows,
      heads,
      lite,
      pg,
      settings,
      totalSeconds,
      cluster: !process.env.DATABASE_URL,
      load,
      incidents: noted,
      usage,
      steps,
    },
    root,
  )
  fs.writeFileSync(path.join(root, 'docs/performance.md'), doc)
  console.log('wrote docs/performance.md')
}

/** BENCH_ONLY=sizes: the cost-by-size run alone, printed; docs/performance.md is left as it is. */
async function sizesAlone() {
  const started = performance.now()
  const steps = await sizesRun(sizes('BENCH_', 200_000, 1_000_000, 5_000_000))
  const rows = sizeRows(steps, settings.clients)
  console.log('\nOpenKAM bench, cost by size alone — use = measured ÷ budget; < 1.00 is within budget\n')
  console.log(printTable(rows, { pglite: 'PGlite', postgres: 'PostgreSQL' }))
  const misses = missed(rows)
  console.log(
    misses.length ? `\nBudgets missed:\n${misses.map((m) => `  - ${m}`).join('\n')}` : '\nNo budget missed.',
  )
  console.log(
    `\nTotal run time ${((performance.now() - started) / 60_000).toFixed(1)} min; docs/performance.md not rewritten`,
  )
}

const scenarios: Record<string, () => Promise<void>> = {
  'custom-field': customFieldAlone,
  usage: usageAlone,
  sizes: sizesAlone,
}
await (scenarios[only ?? '']?.() ?? main())
