import type { Config } from '../config'
import { openPglite } from './pglite'
import { openPostgres } from './postgres'
import type { Database } from './types'

/**
 * PostgreSQL when DATABASE_URL is set, otherwise the embedded PGlite in OPENKAM_DATA_DIR. `initialData`
 * (embedded, new database only): a dumped data folder to start from instead of an empty one.
 */
export const openDatabase = (
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  opts: { initialData?: Blob } = {},
): Promise<Database> => {
  if (config.databaseUrl) {
    if (opts.initialData) throw new Error('initialData is for the embedded database only')
    return openPostgres(config.databaseUrl)
  }
  return openPglite(config.dataDir === 'memory://' ? undefined : config.dataDir, opts)
}
