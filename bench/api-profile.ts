// The API's CPU profile under the bench's loads: a server of its own started with V8's sampling profiler,
// the list, the get, the 360° read and the create run on it one after another, each load's samples summed apart.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { BENCH_ADMIN } from './generate'
import { breakdown, profileDir, type CpuBreakdown, type Window } from './cpu-profile'
import { httpLoad, signIn, startServer } from './http-timing'
import { createRequest } from './write-timing'
import { label, type Target } from './workspace'

const map = path.resolve(import.meta.dirname, '../apps/server/dist/main.js.map')
const WARM_SECONDS = 1

export type ProfileSettings = { seconds: number; clients: number; createClients: number }

/** The list, the get, the 360° and the create (as timed by the bench, at its client counts), each profiled. */
export async function profileApi(
  t: Target,
  ids: string[],
  listPath: string,
  s: ProfileSettings,
  log: (line: string) => void,
): Promise<CpuBreakdown[]> {
  log(`${label(t)}: profiling the API (--cpu-prof)`)
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'openkam-bench-prof-data-'))
  const prof = profileDir()
  try {
    const spawned = performance.now()
    const server = startServer({
      ...(t.kind === 'pglite' ? { dataDir: t.dataDir } : { dataDir: scratch, databaseUrl: t.url }),
      nodeArgs: prof.nodeArgs,
    })
    const windows: Window[] = []
    try {
      const { url } = await server.ready
      const token = await signIn(url, BENCH_ADMIN.email, BENCH_ADMIN.password)
      let i = 0
      const loads = [
        { load: 'list', nextPath: () => listPath, connections: s.clients },
        {
          load: 'get',
          nextPath: () => `/api/v1/accounts/${ids[i++ % ids.length]}`,
          connections: s.clients,
        },
        {
          load: '360°',
          nextPath: () => `/api/v1/accounts/${ids[i++ % ids.length]}/360`,
          connections: s.clients,
        },
        { load: 'create', request: createRequest(token, 'profile'), connections: s.createClients },
      ]
      for (const { load, ...l } of loads) {
        await httpLoad({ url, token, ...l, seconds: WARM_SECONDS })
        const from = performance.now() - spawned
        await httpLoad({ url, token, ...l, seconds: s.seconds })
        windows.push({ load: `${load}, ${l.connections} clients`, from, to: performance.now() - spawned })
      }
    } finally {
      await server.stop()
    }
    const found = breakdown(prof.read(), windows, fs.existsSync(map) ? map : null)
    for (const b of found)
      log(
        `  ${b.load}: busy ${(b.busy * 100).toFixed(0)}%; ` +
          b.areas
            .slice(0, 5)
            .map((a) => `${a.what} ${(a.share * 100).toFixed(0)}%`)
            .join(', '),
      )
    return found
  } finally {
    prof.remove()
    fs.rmSync(scratch, { recursive: true, force: true })
  }
}
