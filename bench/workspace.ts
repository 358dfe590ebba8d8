// The scale workspace of one database: migrated, its people made through the services, the rest bulk-loaded,
// scored once, and accounts picked to read.
import { drizzle } from 'drizzle-orm/pglite'
import { openPglite } from '../apps/server/src/core/db/pglite'
import { openPostgres } from '../apps/server/src/core/db/postgres'
import type { Db } from '../apps/server/src/core/db/types'
import { recomputeAllHealth } from '../apps/server/src/modules/health'
import { bulkLoad, createPeople, noEvents, type People, type Sizes } from './generate'
import { connectPostgres, openPgliteRaw, type PgliteRaw, type RawSql } from './raw-sql'
import { MAX_ARGS } from './sql-timing'

export type Target =
  { kind: 'pglite'; dataDir: string; sizes: Sizes } | { kind: 'postgres'; url: string; sizes: Sizes }

type Log = (line: string) => void

export const connect = (t: Target): Promise<RawSql | PgliteRaw> =>
  t.kind === 'pglite' ? openPgliteRaw(t.dataDir) : connectPostgres(t.url)

export const label = (t: Target) => (t.kind === 'pglite' ? 'PGlite' : 'PostgreSQL')
export const thousands = (n: number) => n.toLocaleString('en')

/**
 * The first scoring of the loaded accounts, as a live workspace would have them (each account was scored
 * when its signals arrived): the nightly recompute the API timings then measure finds few changes, as it
 * does every night. Nothing listens to this run's band changes (as with the demo's seed).
 */
async function initialHealth(t: Target, ws: string, raw: RawSql | PgliteRaw, log: Log) {
  const t0 = performance.now()
  // PGlite: through the open raw handle (a second opener of the folder would corrupt it).
  const database =
    t.kind === 'pglite'
      ? { db: drizzle((raw as PgliteRaw).pglite) as unknown as Db, close: async () => undefined }
      : await openPostgres(t.url)
  try {
    const r = await recomputeAllHealth(database.db, noEvents, ws, { reason: 'nightly' })
    log(
      `  first health scoring: ${thousands(r.accounts)} accounts in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    )
  } finally {
    await database.close()
  }
}

/** Migrates, makes the people through the services, bulk-loads the rest and picks accounts to read. */
export async function generate(t: Target, log: Log) {
  const z = t.sizes
  log(
    `${label(t)}: generating ${thousands(z.accounts)} accounts, ${thousands(z.contacts)} contacts, ` +
      `${thousands(z.activities)} activities, ${thousands(z.opportunities)} opportunities, ` +
      `${thousands(z.tickets)} tickets`,
  )
  const t0 = performance.now()
  const database = t.kind === 'pglite' ? await openPglite(t.dataDir) : await openPostgres(t.url)
  let people: People
  try {
    await database.migrate()
    people = await createPeople(database)
  } finally {
    await database.close()
  }
  const raw = await connect(t)
  try {
    await bulkLoad(raw, people, z, log)
    await initialHealth(t, people.workspaceId, raw, log)
    const generateSeconds = (performance.now() - t0) / 1000
    log(`  generated in ${generateSeconds.toFixed(1)} s`)
    const ids = (
      await raw.query<{ id: string }>(
        'select id from accounts where workspace_id = $1 and deleted_at is null order by random() limit $2',
        [people.workspaceId, MAX_ARGS],
      )
    ).map((r) => r.id)
    const [v] = await raw.query<{ server_version: string }>('show server_version')
    return { people, ids, generateSeconds, serverVersion: v!.server_version }
  } finally {
    await raw.close()
  }
}
