import os from 'node:os'
import { defineConfig } from 'vitest/config'
import { LongestFirstSequencer } from './test/longest-first-sequencer'

const api = ['apps/server/src/**/*.api.test.ts']
// The suite's simulated outside systems listen on this machine: let the outbound guard reach them
// (core/http/outbound.ts; its own tests prove the refusal without this allowance).
const OPENKAM_OUTBOUND_ALLOW = '127.0.0.0/8,::1/128'

export default defineConfig({
  test: {
    // At least two files at a time: the suites mostly wait (on PostgreSQL, the job queue, the browser), so a
    // 2-core machine runs two about as fast as one (vitest's default there would be one).
    maxWorkers: Math.max(2, os.availableParallelism()),
    // Longest files first across the projects, so neither worker idles at the end (test/longest-first-sequencer.ts).
    sequence: { sequencer: LongestFirstSequencer },
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          env: { OPENKAM_OUTBOUND_ALLOW },
          include: [
            'apps/server/src/**/*.test.ts',
            'packages/*/src/**/*.test.ts',
            'apps/web/src/**/*.test.ts',
          ],
          exclude: api,
        },
      },
      {
        test: {
          name: 'api-pglite',
          include: api,
          isolate: false,
          env: { OPENKAM_TEST_DB: 'pglite', OPENKAM_OUTBOUND_ALLOW },
          globalSetup: ['apps/server/test/demo-snapshot-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'api-postgres',
          include: api,
          isolate: false,
          env: { OPENKAM_TEST_DB: 'postgres', OPENKAM_OUTBOUND_ALLOW },
          globalSetup: ['apps/server/test/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          env: { OPENKAM_OUTBOUND_ALLOW },
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
})
