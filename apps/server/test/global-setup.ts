import type { TestProject } from 'vitest/node'
import { loadConfig } from '../src/core/config'
import { openPostgres } from '../src/core/db/postgres'
import { startBoss } from '../src/core/jobs/boss'
import { adminQuery, startCluster, type Cluster } from './pg-cluster'
import { demoTemplateName } from './demo-snapshot'
import { ensureServerBundle } from './openkam-process'

export const TEMPLATE_DB = 'openkam_template'

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string
  }
}

/**
 * For the PostgreSQL project: a server (DATABASE_URL, or a throwaway cluster) with a migrated template
 * database; each test file clones it into a database of its own.
 */
export default async function setup(project: TestProject) {
  await ensureServerBundle()
  let cluster: Cluster | undefined
  let url = process.env.DATABASE_URL?.replace(/\/[^/]*$/, '')
  if (!url) {
    cluster = await startCluster()
    url = cluster.url
  }
  // The demo's template databases of an earlier run (demo-snapshot.ts) hold an earlier demo: made again.
  for (const lang of ['zh-CN', 'en'] as const)
    await adminQuery(url, `drop database if exists ${demoTemplateName(lang)}`)
  await adminQuery(url, `drop database if exists ${TEMPLATE_DB}`)
  await adminQuery(url, `create database ${TEMPLATE_DB}`)
  const database = await openPostgres(`${url}/${TEMPLATE_DB}`, { poolSize: 2 })
  await database.migrate()
  const boss = await startBoss(database, 'api')
  await boss.stop({ graceful: false, wait: true })
  await database.close()
  loadConfig({})
  project.provide('pgUrl', url)
  return () => cluster?.stop()
}
