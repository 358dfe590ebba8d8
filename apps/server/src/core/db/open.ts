import type { Config } from '../config'
import { openPglite } from './pglite'
import { openPostgres } from './postgres'
import type { Database } from './types'

/** PostgreSQL when DATABASE_URL is set, otherwise the embedded PGlite in OPENKAM_DATA_DIR. */
export const openDatabase = (config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> =>
  config.databaseUrl
    ? openPostgres(config.databaseUrl)
    : openPglite(config.dataDir === 'memory://' ? undefined : config.dataDir)
