#!/usr/bin/env node
// `npm run fuzz`: the suite's API fuzzing (src/core/http/fuzz.api.test.ts), longer and with any seed.
//   npm run fuzz                          a random seed, 40 cases per operation, PGlite
//   npm run fuzz -- --seed 123 --runs 200 --db postgres --only "POST /api/v1/accounts"
// Each failure is printed with its seed, the request (method, path, body) and the command that draws it again.
import { spawnSync } from 'node:child_process'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    runs: { type: 'string', default: '40' },
    db: { type: 'string', default: 'pglite' },
    only: { type: 'string' },
  },
})
const seed = values.seed ?? process.env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31))
const only = values.only ?? process.env.FUZZ_ONLY ?? ''
if (!['pglite', 'postgres'].includes(values.db)) throw new Error('--db is pglite or postgres')
console.log(
  `fuzz: seed ${seed}, ${values.runs} cases per operation, ${values.db}${only ? `, only ${only}` : ''}`,
)
const res = spawnSync(
  'npx',
  ['vitest', 'run', '--project', `api-${values.db}`, 'apps/server/src/core/http/fuzz.api.test.ts'],
  {
    stdio: 'inherit',
    env: {
      ...process.env,
      FUZZ_SEED: seed,
      FUZZ_RUNS: process.env.FUZZ_RUNS ?? values.runs,
      FUZZ_ONLY: only,
    },
  },
)
console.log(
  `fuzz: seed ${seed} — ${res.status === 0 ? 'no failure' : 'failures above; run again with --seed ' + seed}`,
)
process.exit(res.status ?? 1)
