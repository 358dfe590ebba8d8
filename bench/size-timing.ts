// How the cost of reads grows with the workspace (issue 21: list and 360° at 1M accounts within 1.2× of their
// 20k figures): one PostgreSQL workspace grown in steps (BENCH_SIZES), the list, the 360° read and a report
// timed at each step through the API, beside their raw SQL at one client.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { openPostgres } from '../apps/server/src/core/db/postgres'
import { BENCH_ADMIN, bulkLoad, createPeople, noRows, type People, type Sizes } from './generate'
import { httpLoad, signIn, startServer } from './http-timing'
import { connectPostgres, type RawSql } from './raw-sql'
import { REPORT_AGGREGATE, timeRawReport, timeReportRun } from './report-timing'
import { LIST_PATH } from './scale'
import { LIST, MAX_ARGS, pgTool, READ_360, timeInProcess, timeWithPgbench, type Read } from './sql-timing'
import type { Load } from './stats'

type Log = (line: string) => void

/** A read at one step: the API at one client and at many, raw SQL at one client. */
export type Shape = { one: Load; many: Load; raw: Load }
export type SizeStep = {
  sizes: Sizes
  /** Seconds to grow the workspace to this step (bulk SQL, indexes rebuilt, vacuum analyze). */
  growSeconds: number
  list: Shape
  read360: Shape
  report: { api: Load; raw: Load }
}
export type SizeSettings = { seconds: number; oneSeconds: number; clients: number }

const WARM_SECONDS = 2

/** `accounts` with children in the proportions of `like` (e.g. the main workspace's). */
export const proportional = (accounts: number, like: Sizes): Sizes => {
  const per = (n: number) => Math.round((n / Math.max(1, like.accounts)) * accounts)
  return {
    accounts,
    contacts: per(like.contacts),
    activities: per(like.activities),
    opportunities: per(like.opportunities),
    tickets: per(like.tickets),
  }
}

/** The list, the 360° read over `ids` and the report through a server started for this step. */
async function apiReads(url: string, ids: string[], s: SizeSettings) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'openkam-bench-sizes-'))
  const server = startServer({ dataDir: scratch, databaseUrl: url })
  try {
    const { url: api } = await server.ready
    const token = await signIn(api, BENCH_ADMIN.email, BENCH_ADMIN.password)
    let i = 0
    const next360 = () => `/api/v1/accounts/${ids[i++ % ids.length]}/360`
    const shape = async (nextPath: () => string) => {
      const load = (connections: number, seconds: number) =>
        httpLoad({ url: api, token, nextPath, connections, seconds })
      await load(s.clients, WARM_SECONDS)
      return { one: await load(1, s.oneSeconds), many: await load(s.clients, s.seconds) }
    }
    const list = await shape(() => LIST_PATH)
    const read360 = await shape(next360)
    await timeReportRun(api, token, 1)
    const report = await timeReportRun(api, token, s.oneSeconds)
    return { list, read360, report }
  } finally {
    await server.stop()
    fs.rmSync(scratch, { recursive: true, force: true })
  }
}

/** The same reads in raw SQL at one client: pgbench when installed, else `pg` in process. */
async function rawReads(raw: RawSql, url: string, ws: string, ids: string[], s: SizeSettings) {
  const time = (read: Read, args: string[]) =>
    pgTool('pgbench')
      ? timeWithPgbench(raw, url, read, ws, args, 1, s.oneSeconds)
      : timeInProcess([raw], read, ws, args, s.oneSeconds)
  const list = await time(LIST, ['finance'])
  const read360 = await time(READ_360, ids)
  await timeRawReport(raw, REPORT_AGGREGATE, [ws], 1)
  const report = await timeRawReport(raw, REPORT_AGGREGATE, [ws], s.oneSeconds)
  return { list, read360, report }
}

/**
 * Grows one workspace in the database at `url` to each of `steps` accounts in turn (children in the
 * proportions of `like`) and times the reads at each. The accounts are not scored (the first health scoring
 * of 1M accounts would take longer than the rest), at every step alike.
 */
export async function runSizes(url: string, steps: number[], like: Sizes, s: SizeSettings, log: Log) {
  const database = await openPostgres(url)
  let people: People
  try {
    await database.migrate()
    people = await createPeople(database)
  } finally {
    await database.close()
  }
  const ws = people.workspaceId
  const raw = await connectPostgres(url)
  const out: SizeStep[] = []
  try {
    let from = noRows
    for (const accounts of [...steps].sort((a, b) => a - b)) {
      const z = proportional(accounts, like)
      log(`PostgreSQL, cost by size: growing the workspace to ${accounts.toLocaleString('en')} accounts`)
      const t0 = performance.now()
      await bulkLoad(raw, people, z, log, from)
      const growSeconds = (performance.now() - t0) / 1000
      from = z
      const ids = (
        await raw.query<{ id: string }>(
          'select id from accounts where workspace_id = $1 and deleted_at is null order by random() limit $2',
          [ws, MAX_ARGS],
        )
      ).map((r) => r.id)
      const api = await apiReads(url, ids, s)
      const r = await rawReads(raw, url, ws, ids, s)
      const step: SizeStep = {
        sizes: z,
        growSeconds,
        list: { ...api.list, raw: r.list },
        read360: { ...api.read360, raw: r.read360 },
        report: { api: api.report, raw: r.report },
      }
      log(
        `  list p50 ${step.list.one.p50.toFixed(2)} ms, 360° p50 ${step.read360.one.p50.toFixed(2)} ms, ` +
          `report p50 ${step.report.api.p50.toFixed(0)} ms`,
      )
      out.push(step)
    }
    return out
  } finally {
    await raw.close()
  }
}
