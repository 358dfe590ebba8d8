// The bench's settings, read once from the environment (BENCH_*; see "Sizes and durations" in
// docs/performance.md).
import type { Sizes } from './generate'
import type { Settings } from './scale'
import type { UsageSettings } from './usage-timing'

export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw.replaceAll('_', ''))
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got "${raw}"`)
  return n
}

export function sizes(prefix: string, accounts: number, contacts: number, activities: number): Sizes {
  const a = envNumber(`${prefix}ACCOUNTS`, accounts)
  return {
    accounts: a,
    contacts: envNumber(`${prefix}CONTACTS`, contacts),
    activities: envNumber(`${prefix}ACTIVITIES`, activities),
    opportunities: envNumber(`${prefix}OPPORTUNITIES`, 2 * a),
    tickets: envNumber(`${prefix}TICKETS`, a),
  }
}

export const settings: Settings = {
  seconds: envNumber('BENCH_SECONDS', 10),
  oneSeconds: envNumber('BENCH_ONE_SECONDS', 5),
  clients: envNumber('BENCH_CLIENTS', 50),
  createClients: envNumber('BENCH_CREATE_CLIENTS', 10),
  rawWriteClients: envNumber('BENCH_RAW_WRITE_CLIENTS', 10),
  importRows: envNumber('BENCH_IMPORT_ROWS', 100_000),
}
export const usageSettings: UsageSettings = {
  clients: envNumber('BENCH_USAGE_CLIENTS', 4),
  batch: envNumber('BENCH_USAGE_BATCH', 1000),
  seconds: envNumber('BENCH_USAGE_SECONDS', 15),
  copyRows: envNumber('BENCH_USAGE_COPY_ROWS', 200_000),
}
/** The steps of the cost-by-size run (accounts), e.g. BENCH_SIZES=20000,200000,1000000; empty: not run. */
export const sizeSteps = (process.env.BENCH_SIZES ?? '20000,200000,1000000')
  .split(',')
  .map((v) => v.trim().replaceAll('_', ''))
  .filter(Boolean)
  .map((v) => {
    const n = Number(v)
    if (!Number.isInteger(n) || n <= 0) throw new Error(`BENCH_SIZES must list whole numbers, got "${v}"`)
    return n
  })
export const only = process.env.BENCH_ONLY
if (only && !['pglite', 'postgres', 'custom-field', 'usage', 'sizes'].includes(only))
  throw new Error('BENCH_ONLY must be pglite, postgres, custom-field, usage or sizes')
