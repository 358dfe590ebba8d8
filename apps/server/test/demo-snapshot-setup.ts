import type { TestProject } from 'vitest/node'
import { provideDemoSnapshotDir } from './demo-snapshot'
import { ensureServerBundle } from './openkam-process'

/** For the PGlite API project: a folder for the run's demo snapshots (demo-snapshot.ts), the server's bundle. */
export default async function setup(project: TestProject) {
  await ensureServerBundle()
  return provideDemoSnapshotDir(project)
}
