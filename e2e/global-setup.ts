import type { TestProject } from 'vitest/node'
// @ts-expect-error plain JS build script
import { buildWeb } from '../apps/web/scripts/build.js'
import { provideDemoSnapshotDir } from '../apps/server/test/demo-snapshot'

/**
 * For the browser project: the web app is built once before any journey file runs, so files running in
 * parallel never rebuild `apps/web/dist` under each other's servers. A folder for the run's demo snapshots
 * (apps/server/test/demo-snapshot.ts).
 */
export default async function setup(project: TestProject) {
  await buildWeb({ quiet: true })
  return provideDemoSnapshotDir(project)
}
