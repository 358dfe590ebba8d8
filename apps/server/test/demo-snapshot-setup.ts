import type { TestProject } from 'vitest/node'
import { provideDemoSnapshotDir } from './demo-snapshot'

/** For the PGlite API project: a folder for the run's demo snapshots (demo-snapshot.ts). */
export default function setup(project: TestProject) {
  return provideDemoSnapshotDir(project)
}
