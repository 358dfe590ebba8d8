import type { Config } from '../config'
import { openPglite } from './pglite'
import { openPostgres } from './postgres'
import type { ReplicaState } from './read-replica'
import type { Database } from './types'

type DbConfig = Pick<
  Config,
  'databaseUrl' | 'dataDir' | 'databaseReadUrl' | 'readMaxLagSeconds' | 'databaseDirectUrl' | 'pgPrepared'
>

/**
 * PostgreSQL when DATABASE_URL is set (with its read replica, direct URL and prepared-statement settings),
 * otherwise the embedded PGlite in OPENKAM_DATA_DIR. `initialData` (embedded, new database only): a dumped
 * data folder to start from instead of an empty one. `onReplica`: told when reads move between the
 * replica and the primary.
 */
export const openDatabase = (
  config: Pick<Config, 'databaseUrl' | 'dataDir'> & Partial<DbConfig>,
  opts: { initialData?: Blob; onReplica?: (state: ReplicaState) => void } = {},
): Promise<Database> => {
  if (config.databaseUrl) {
    if (opts.initialData) throw new Error('initialData is for the embedded database only')
    return openPostgres(config.databaseUrl, {
      prepared: config.pgPrepared ?? true,
      directUrl: config.databaseDirectUrl,
      read: config.databaseReadUrl
        ? { url: config.databaseReadUrl, maxLagSeconds: config.readMaxLagSeconds ?? 10, log: opts.onReplica }
        : undefined,
    })
  }
  return openPglite(config.dataDir === 'memory://' ? undefined : config.dataDir, opts)
}
